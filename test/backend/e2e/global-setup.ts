// Starts the embedded platform once for the whole e2e run (PostgreSQL, redis-server, anvil with the
// contract suite deployed, the reference tax authority) and hands its URLs to the test files through process.env, which jest's worker
// processes inherit. Always embedded, whatever the shell says: e2e tests never touch a developer's own
// database or chain.
//
// Jest loads this file as CommonJS without its module mapping, so it cannot import the backend's
// TypeScript: the platform runs in a child process (backend/runtime/platform-process.ts) that reports
// over IPC and stops when jest goes away, however it goes.

import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import path from "node:path";

declare global {
  // Shared with global-teardown.ts, which jest runs in the same process.
  var e2ePlatformProcess: ChildProcess | undefined;
}

interface PlatformServices {
  databaseUrl: string;
  redisUrl: string;
  chainRpcUrl: string;
  chainDeploymentFile: string;
  operatorPrivateKey: string;
  taxServiceUrl: string;
  taxServicePublicKey: string;
  taxServiceAdminToken: string;
}

export default async function globalSetup(): Promise<void> {
  const started = Date.now();
  const root = path.resolve(__dirname, "..", "..", "..");
  const child = spawn(
    process.execPath,
    ["--import", "@swc-node/register/esm-register", path.join(root, "backend", "runtime", "platform-process.ts")],
    { cwd: root, stdio: ["ignore", "inherit", "inherit", "ipc"] },
  );
  globalThis.e2ePlatformProcess = child;
  const services = await new Promise<PlatformServices>((resolve, reject) => {
    child.once("message", (message: { type: string; services?: PlatformServices; message?: string }) => {
      if (message.type === "ready" && message.services !== undefined) resolve(message.services);
      else reject(new Error(message.message ?? "the embedded platform did not start"));
    });
    child.once("exit", (code, signal) => reject(new Error(`the platform process exited (${code ?? signal}) before it was ready`)));
    child.once("error", reject);
  });
  // Once ready, the platform process must not keep jest alive: teardown stops it explicitly.
  child.unref();
  child.channel?.unref();

  Object.assign(process.env, {
    DATABASE_URL: services.databaseUrl,
    REDIS_URL: services.redisUrl,
    CHAIN_RPC_URL: services.chainRpcUrl,
    CHAIN_DEPLOYMENT_FILE: services.chainDeploymentFile,
    OPERATOR_PRIVATE_KEY: services.operatorPrivateKey,
    CHAIN_CONFIRMATIONS: "0",
    TAX_SERVICE_URL: services.taxServiceUrl,
    TAX_SERVICE_PUBLIC_KEY: services.taxServicePublicKey,
    // Not the app's: tests put invoices on the tax authority's books, and void them, through its admin API.
    TAX_SERVICE_ADMIN_TOKEN: services.taxServiceAdminToken,
    MASTER_KEY: randomBytes(32).toString("hex"),
  });
  delete process.env.PROCESS_ROLES;
  delete process.env.QUEUE_PREFIX;
  process.stderr.write(`\ne2e platform ready in ${Date.now() - started} ms (chain ${services.chainRpcUrl})\n`);
}
