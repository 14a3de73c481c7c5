// Boots the real application for an e2e test file against the platform that global-setup.ts started.
// Each call gets its own database (migrated to the current schema) and its own queue prefix, so test files
// running in parallel workers never see each other's rows or jobs; the chain is shared, as in production.
//
//   let testApp: TestApp;
//   beforeAll(async () => { testApp = await createTestApp(); });
//   afterAll(() => testApp?.close());
//   it("...", () => request(testApp.app.getHttpServer()).get("/health").expect(200));

import { randomBytes } from "node:crypto";
import type { INestApplication } from "@nestjs/common";
import pg from "pg";
import { type AppConfig, parseEnvironment, resolveAppConfig } from "../../../backend/config/config.js";
import { applyMigrations } from "../../../backend/database/data-source.js";
import { createHttpApp } from "../../../backend/http-app.js";

export interface TestApp {
  app: INestApplication;
  config: AppConfig;
  /** Stops the app and drops its database. */
  close(): Promise<void>;
}

/** `adjust` changes the config before boot, e.g. to point one dependency somewhere else. */
export async function createTestApp(adjust: (config: AppConfig) => AppConfig = (config) => config): Promise<TestApp> {
  const { config, dropDatabase } = await prepareTestConfig(adjust);
  try {
    const app = await createHttpApp(config);
    await app.init();
    return {
      app,
      config,
      close: async () => {
        await app.close();
        await dropDatabase();
      },
    };
  } catch (error) {
    await dropDatabase().catch(() => undefined);
    throw error;
  }
}

/**
 * A config for one test file: a new database on the platform's PostgreSQL, migrated, and a queue prefix of
 * its own. For tests that assemble their own Nest context around AppModule.forRoot(config).
 */
export async function prepareTestConfig(
  adjust: (config: AppConfig) => AppConfig = (config) => config,
): Promise<{ config: AppConfig; dropDatabase: () => Promise<void> }> {
  if (process.env.CHAIN_DEPLOYMENT_FILE === undefined) {
    throw new Error("No e2e platform: run e2e tests through jest's e2e project (its global setup starts it)");
  }
  const environment = parseEnvironment({ LOG_LEVEL: "warn", ...process.env });
  const name = `e2e_${randomBytes(6).toString("hex")}`;
  const serverUrl = environment.databaseUrl!;
  await administer(serverUrl, `CREATE DATABASE ${name}`);
  const databaseUrl = withDatabase(serverUrl, name);
  const dropDatabase = () => administer(serverUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  try {
    await applyMigrations(databaseUrl);
    const config = adjust(
      resolveAppConfig({ ...environment, databaseUrl, queuePrefix: name }, {}, () => {
        throw new Error("global-setup.ts sets MASTER_KEY");
      }),
    );
    return { config, dropDatabase };
  } catch (error) {
    await dropDatabase().catch(() => undefined);
    throw error;
  }
}

async function administer(serverUrl: string, statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

function withDatabase(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}
