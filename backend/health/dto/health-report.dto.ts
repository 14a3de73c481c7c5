import { ApiProperty, ApiPropertyOptional } from "@nestjs/swagger";

export type HealthStatus = "up" | "down";

export class ComponentHealth {
  @ApiProperty({ enum: ["up", "down"] })
  status!: HealthStatus;

  @ApiProperty({ description: "How long the probe took, in milliseconds." })
  latencyMs!: number;

  @ApiPropertyOptional({ description: "Why the probe failed (only when down)." })
  error?: string;
}

export class HealthChecks {
  @ApiProperty({ type: ComponentHealth, description: "JSON-RPC eth_blockNumber" })
  chain!: ComponentHealth;

  @ApiProperty({ type: ComponentHealth, description: "PostgreSQL SELECT 1" })
  database!: ComponentHealth;

  @ApiProperty({ type: ComponentHealth, description: "Redis PING" })
  redis!: ComponentHealth;
}

export class HealthReport {
  @ApiProperty({ enum: ["up", "down"], description: "up only when every check is up." })
  status!: HealthStatus;

  @ApiProperty({ type: HealthChecks })
  checks!: HealthChecks;
}
