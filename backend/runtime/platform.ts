// The embedded platform: PostgreSQL, redis-server, a local chain with the suite deployed and the reference
// tax authority, started in parallel, for whichever of them the configuration leaves out (all four for the
// tests).

import type { EmbeddedServices } from "../config/config.js";
import { EmbeddedPostgresServer } from "./embedded-postgres.js";
import { LocalChain } from "./local-chain.js";
import { RedisServer } from "./redis-server.js";
import { TaxReferenceServer } from "./tax-reference-server.js";

export interface PlatformSelection {
  database: boolean;
  redis: boolean;
  chain: boolean;
  tax: boolean;
}

export interface EmbeddedPlatform {
  services: EmbeddedServices;
  stop(): Promise<void>;
}

const ALL: PlatformSelection = { database: true, redis: true, chain: true, tax: true };

export async function startPlatform(selection: PlatformSelection = ALL): Promise<EmbeddedPlatform> {
  const postgres = selection.database ? new EmbeddedPostgresServer() : undefined;
  const redis = selection.redis ? new RedisServer() : undefined;
  const chain = selection.chain ? new LocalChain() : undefined;
  const tax = selection.tax ? new TaxReferenceServer() : undefined;
  const stop = async () => {
    await Promise.all([postgres?.stop(), redis?.stop(), chain?.stop(), tax?.stop()]);
  };

  const [databaseUrl, redisUrl, endpoints, taxService] = await Promise.allSettled([
    postgres?.start(),
    redis?.start(),
    chain?.start(),
    tax?.start(),
  ]);
  const failures = [databaseUrl, redisUrl, endpoints, taxService].filter((result) => result.status === "rejected");
  if (failures.length > 0) {
    await stop().catch(() => undefined);
    const reasons = failures.map((failure) => (failure as PromiseRejectedResult).reason);
    throw new Error(`The embedded platform did not start:\n${reasons.map((reason) => `- ${reason instanceof Error ? reason.message : String(reason)}`).join("\n")}`);
  }
  const valueOf = <T>(result: PromiseSettledResult<T>): T => (result as PromiseFulfilledResult<T>).value;
  const chainEndpoints = valueOf(endpoints);
  const taxEndpoints = valueOf(taxService);
  return {
    services: {
      databaseUrl: valueOf(databaseUrl),
      redisUrl: valueOf(redisUrl),
      chainRpcUrl: chainEndpoints?.rpcUrl,
      chainDeploymentFile: chainEndpoints?.deploymentFile,
      operatorPrivateKey: chainEndpoints?.deployerPrivateKey,
      taxServiceUrl: taxEndpoints?.url,
      taxServicePublicKey: taxEndpoints?.publicKey,
      taxServiceAdminToken: taxEndpoints?.adminToken,
    },
    stop,
  };
}
