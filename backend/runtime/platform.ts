// The embedded platform: PostgreSQL, redis-server and a local chain with the suite deployed, started in
// parallel, for whichever of them the configuration leaves out (all three for the tests).

import type { EmbeddedServices } from "../config/config.js";
import { EmbeddedPostgresServer } from "./embedded-postgres.js";
import { LocalChain } from "./local-chain.js";
import { RedisServer } from "./redis-server.js";

export interface PlatformSelection {
  database: boolean;
  redis: boolean;
  chain: boolean;
}

export interface EmbeddedPlatform {
  services: EmbeddedServices;
  stop(): Promise<void>;
}

const ALL: PlatformSelection = { database: true, redis: true, chain: true };

export async function startPlatform(selection: PlatformSelection = ALL): Promise<EmbeddedPlatform> {
  const postgres = selection.database ? new EmbeddedPostgresServer() : undefined;
  const redis = selection.redis ? new RedisServer() : undefined;
  const chain = selection.chain ? new LocalChain() : undefined;
  const stop = async () => {
    await Promise.all([postgres?.stop(), redis?.stop(), chain?.stop()]);
  };

  const [databaseUrl, redisUrl, endpoints] = await Promise.allSettled([
    postgres?.start(),
    redis?.start(),
    chain?.start(),
  ]);
  const failures = [databaseUrl, redisUrl, endpoints].filter((result) => result.status === "rejected");
  if (failures.length > 0) {
    await stop().catch(() => undefined);
    const reasons = failures.map((failure) => (failure as PromiseRejectedResult).reason);
    throw new Error(`The embedded platform did not start:\n${reasons.map((reason) => `- ${reason instanceof Error ? reason.message : String(reason)}`).join("\n")}`);
  }
  const valueOf = <T>(result: PromiseSettledResult<T>): T => (result as PromiseFulfilledResult<T>).value;
  const chainEndpoints = valueOf(endpoints);
  return {
    services: {
      databaseUrl: valueOf(databaseUrl),
      redisUrl: valueOf(redisUrl),
      chainRpcUrl: chainEndpoints?.rpcUrl,
      chainDeploymentFile: chainEndpoints?.deploymentFile,
      operatorPrivateKey: chainEndpoints?.deployerPrivateKey,
    },
    stop,
  };
}
