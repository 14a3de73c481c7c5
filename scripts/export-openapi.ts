// Writes the API's OpenAPI document to openapi.json at the project root. The file is committed; CI
// regenerates it and fails when it differs (scripts/test.sh), so the published contract never drifts
// from the code.
//
//   node --import @swc-node/register/esm-register scripts/export-openapi.ts

import "reflect-metadata";
import { writeFile } from "node:fs/promises";
import path from "node:path";
import type { AppConfig } from "../backend/config/config.js";
import { buildOpenApiDocument, createHttpApp } from "../backend/http-app.js";

// Nest's preview mode builds the module graph (controllers, routes, DTO metadata) without instantiating
// any provider, so nothing connects anywhere: these values only have to be well-formed.
const offlineConfig: AppConfig = {
  port: 0,
  processRoles: ["api", "worker"],
  databaseUrl: "postgres://offline/openapi",
  redisUrl: "redis://offline",
  queuePrefix: "bull",
  chainRpcUrl: "http://offline",
  chainConfirmations: 0,
  chainDeploymentFile: "offline.json",
  masterKey: Buffer.alloc(32),
  operatorPrivateKey: `0x${"11".repeat(32)}`,
  taxServiceUrl: "http://offline",
  taxServicePublicKey: undefined,
  logLevel: "error",
  accessLogAnchorIntervalMs: 2_000,
  accessLogBatchMaxEntries: 1_000,
  maturityScanEveryMs: 60_000,
  webhookSweepEveryMs: 1_000,
  webhookRetryBaseMs: 10_000,
  webhookMaxAttempts: 10,
};

const app = await createHttpApp(offlineConfig, { preview: true, logger: ["error", "fatal"] });
const document = buildOpenApiDocument(app);
const file = path.resolve(import.meta.dirname, "..", "openapi.json");
await writeFile(file, JSON.stringify(document, null, 2) + "\n");
console.log(`OpenAPI document written to ${path.relative(process.cwd(), file)} (${Object.keys(document.paths).length} paths)`);
