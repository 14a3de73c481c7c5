import { ApiProperty, ApiPropertyOptional } from "@nestjs/swagger";
import { IsBoolean, IsInt, IsOptional, Matches, Max, Min } from "class-validator";
import { IsPositiveMinorUnits } from "../../common/minor-units.js";
import { FinancingRequestView } from "./financing-request.dto.js";

export class ApproveFinancingRequest {
  @ApiProperty({ description: "Minor units of cash paid to the holder now.", example: "95000" })
  @IsPositiveMinorUnits()
  advance!: string;

  @ApiProperty({ description: "Annual rate in basis points, as recorded on chain.", example: 650 })
  @IsInt()
  @Min(0)
  @Max(100_000)
  rateBps!: number;

  @ApiPropertyOptional({ description: "Loans only: minor units the hold secures (between advance and the pledged amount)." })
  @IsOptional()
  @IsPositiveMinorUnits()
  repaymentAmount?: string;

  @ApiPropertyOptional({ description: "If given, must match the request's recourse term (the holder set it when asking)." })
  @IsOptional()
  @IsBoolean()
  recourse?: boolean;
}

export class RejectFinancingRequest {
  @ApiProperty({ description: "A machine-readable reason, recorded on chain (bytes32).", example: "DEBTOR_LIMIT_REACHED" })
  @Matches(/^[A-Z0-9_]{1,31}$/, { message: "reason must be 1-31 characters of A-Z, 0-9 and _" })
  reason!: string;
}

export class FinancingDecisionView {
  @ApiProperty({ format: "uuid" })
  id!: string;

  @ApiProperty({ format: "uuid" })
  requestId!: string;

  @ApiProperty({ enum: ["approve", "reject"] })
  outcome!: string;

  @ApiProperty({ type: String, nullable: true })
  advance!: string | null;

  @ApiProperty({ type: Number, nullable: true })
  rateBps!: number | null;

  @ApiProperty({ type: String, nullable: true })
  repaymentAmount!: string | null;

  @ApiProperty({ type: String, nullable: true })
  reason!: string | null;

  @ApiProperty({ enum: ["pending", "confirmed", "failed"], description: "confirmed once the chain settled it." })
  status!: string;

  @ApiProperty({ type: String, nullable: true })
  errorCode!: string | null;

  @ApiProperty({ type: String, nullable: true })
  errorMessage!: string | null;

  @ApiProperty({
    type: "object",
    additionalProperties: true,
    nullable: true,
    description: "Set when the platform decided under the bank's auto-decision policy: that policy's version and terms.",
  })
  autoPolicy!: Record<string, unknown> | null;

  @ApiProperty({ format: "date-time" })
  createdAt!: string;

  @ApiProperty({ type: FinancingRequestView, description: "The request as it stands now." })
  request!: FinancingRequestView;
}
