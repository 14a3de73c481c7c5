import { Injectable } from "@nestjs/common";
import { DataSource } from "typeorm";
import { ChainProvider } from "../chain/chain-provider.js";
import { RedisConnection } from "../common/redis.js";
import type { ComponentHealth, HealthReport } from "./dto/health-report.dto.js";

/** A probe slower than this counts as down: a load balancer must get its answer quickly. */
export const PROBE_TIMEOUT_MS = 2000;

@Injectable()
export class HealthService {
  constructor(
    private readonly chain: ChainProvider,
    private readonly dataSource: DataSource,
    private readonly redis: RedisConnection,
  ) {}

  async report(): Promise<HealthReport> {
    const [chain, database, redis] = await Promise.all([
      probe(() => this.chain.blockNumber()),
      probe(() => this.dataSource.query("SELECT 1")),
      probe(() => this.redis.ping()),
    ]);
    const status = [chain, database, redis].every((check) => check.status === "up") ? "up" : "down";
    return { status, checks: { chain, database, redis } };
  }
}

async function probe(check: () => Promise<unknown>): Promise<ComponentHealth> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${PROBE_TIMEOUT_MS} ms`)), PROBE_TIMEOUT_MS);
  });
  try {
    await Promise.race([check(), timeout]);
    return { status: "up", latencyMs: elapsed() };
  } catch (error) {
    return { status: "down", latencyMs: elapsed(), error: error instanceof Error ? error.message : String(error) };
  } finally {
    clearTimeout(timer);
  }
}
