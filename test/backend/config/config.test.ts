import { describe, expect, it } from "@jest/globals";
import { generateKeyPairSync } from "node:crypto";
import {
  ConfigError,
  logLevelsFrom,
  parseEnvironment,
  parseMasterKey,
  resolveAppConfig,
  servicesToEmbed,
} from "../../../backend/config/config.js";

const HEX_KEY = "11".repeat(32);
const OPERATOR_KEY = "0xabababababababababababababababababababababababababababababababab";
const BASE64_KEY = Buffer.alloc(32, 7).toString("base64");
const TAX_KEY_PEM = generateKeyPairSync("ed25519").publicKey.export({ type: "spki", format: "pem" }).toString().trim();

/** The message of the ConfigError `parseEnvironment` throws for `env`. */
function problemsOf(env: Record<string, string>): string {
  try {
    parseEnvironment(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).message;
  }
  throw new Error("expected a ConfigError");
}

describe("parseEnvironment", () => {
  it("defaults everything for an empty environment, leaving the services to embed", () => {
    const config = parseEnvironment({});
    expect(config).toEqual({
      port: 3000,
      processRoles: ["api", "worker"],
      databaseUrl: undefined,
      redisUrl: undefined,
      queuePrefix: "bull",
      chainRpcUrl: undefined,
      chainConfirmations: 0,
      chainDeploymentFile: undefined,
      masterKey: undefined,
      operatorPrivateKey: undefined,
      taxServiceUrl: undefined,
      taxServicePublicKey: undefined,
      logLevel: "log",
      accessLogAnchorIntervalMs: 2_000,
      accessLogBatchMaxEntries: 1_000,
      maturityScanEveryMs: 60_000,
      webhookSweepEveryMs: 1_000,
      webhookRetryBaseMs: 10_000,
      webhookMaxAttempts: 10,
    });
    expect(servicesToEmbed(config)).toEqual({ database: true, redis: true, chain: true, tax: true });
  });

  it("reads a complete production environment", () => {
    const config = parseEnvironment({
      PORT: "8080",
      PROCESS_ROLES: "worker",
      DATABASE_URL: "postgresql://app:secret@db:5432/receivables",
      REDIS_URL: "rediss://cache:6380/2",
      QUEUE_PREFIX: "prod-1",
      CHAIN_RPC_URL: "https://besu:8545",
      CHAIN_CONFIRMATIONS: "2",
      CHAIN_DEPLOYMENT_FILE: "deployments/1337.json",
      OPERATOR_PRIVATE_KEY: OPERATOR_KEY,
      MASTER_KEY: HEX_KEY,
      TAX_SERVICE_URL: "http://tax:4000",
      TAX_SERVICE_PUBLIC_KEY: TAX_KEY_PEM,
      LOG_LEVEL: "WARN",
      ACCESS_LOG_ANCHOR_INTERVAL_MS: "60000",
      ACCESS_LOG_BATCH_MAX_ENTRIES: "500",
    });
    expect(config).toEqual({
      port: 8080,
      processRoles: ["worker"],
      databaseUrl: "postgresql://app:secret@db:5432/receivables",
      redisUrl: "rediss://cache:6380/2",
      queuePrefix: "prod-1",
      chainRpcUrl: "https://besu:8545",
      chainConfirmations: 2,
      chainDeploymentFile: "deployments/1337.json",
      masterKey: Buffer.from(HEX_KEY, "hex"),
      operatorPrivateKey: OPERATOR_KEY,
      taxServiceUrl: "http://tax:4000",
      taxServicePublicKey: TAX_KEY_PEM,
      logLevel: "warn",
      accessLogAnchorIntervalMs: 60_000,
      accessLogBatchMaxEntries: 500,
      maturityScanEveryMs: 60_000,
      webhookSweepEveryMs: 1_000,
      webhookRetryBaseMs: 10_000,
      webhookMaxAttempts: 10,
    });
    expect(servicesToEmbed(config)).toEqual({ database: false, redis: false, chain: false, tax: false });
  });

  it("treats empty and blank values as absent", () => {
    expect(parseEnvironment({ PORT: "", REDIS_URL: "  ", LOG_LEVEL: "" })).toMatchObject({
      port: 3000,
      redisUrl: undefined,
      logLevel: "log",
    });
  });

  it("orders and deduplicates process roles", () => {
    expect(parseEnvironment({ PROCESS_ROLES: "worker, api,api" }).processRoles).toEqual(["api", "worker"]);
    expect(parseEnvironment({ PROCESS_ROLES: "api" }).processRoles).toEqual(["api"]);
  });

  it("reads a tax service key written on one line with \\n escapes", () => {
    const oneLine = TAX_KEY_PEM.replaceAll("\n", "\\n");
    expect(parseEnvironment({ TAX_SERVICE_URL: "http://tax", TAX_SERVICE_PUBLIC_KEY: oneLine }).taxServicePublicKey).toBe(TAX_KEY_PEM);
  });

  it("accepts info as Nest's log level", () => {
    expect(parseEnvironment({ LOG_LEVEL: "info" }).logLevel).toBe("log");
    expect(logLevelsFrom("warn")).toEqual(["warn", "error", "fatal"]);
  });

  it.each([
    [{ PORT: "http" }, 'PORT must be an integer from 0 to 65535, got "http"'],
    [{ PORT: "70000" }, 'PORT must be an integer from 0 to 65535, got "70000"'],
    [{ PORT: "-1" }, 'PORT must be an integer from 0 to 65535, got "-1"'],
    [{ PROCESS_ROLES: "api,scheduler" }, 'PROCESS_ROLES must be a comma-separated subset of api,worker, got "api,scheduler"'],
    [{ PROCESS_ROLES: "," }, 'PROCESS_ROLES must be a comma-separated subset of api,worker, got ","'],
    [{ DATABASE_URL: "mysql://db/x", MASTER_KEY: HEX_KEY }, "DATABASE_URL must be a URL starting with postgres:// or postgresql://, got a mysql:// URL"],
    [{ DATABASE_URL: "not a url" }, "DATABASE_URL must be a URL starting with postgres:// or postgresql://, got something that is not a URL"],
    [{ REDIS_URL: "http://cache" }, "REDIS_URL must be a URL starting with redis:// or rediss://, got a http:// URL"],
    [{ CHAIN_RPC_URL: "ws://node:8546", CHAIN_DEPLOYMENT_FILE: "d.json" }, "CHAIN_RPC_URL must be a URL starting with http:// or https://, got a ws:// URL"],
    [{ CHAIN_RPC_URL: "http://node:8545", OPERATOR_PRIVATE_KEY: OPERATOR_KEY }, "CHAIN_DEPLOYMENT_FILE is required when CHAIN_RPC_URL is set"],
    [{ CHAIN_RPC_URL: "http://node:8545", CHAIN_DEPLOYMENT_FILE: "d.json" }, "OPERATOR_PRIVATE_KEY is required when CHAIN_RPC_URL is set"],
    [{ OPERATOR_PRIVATE_KEY: "0x1234" }, "OPERATOR_PRIVATE_KEY must be 0x followed by 64 hex digits"],
    [{ CHAIN_CONFIRMATIONS: "1.5" }, 'CHAIN_CONFIRMATIONS must be an integer from 0 to 1000, got "1.5"'],
    [{ TAX_SERVICE_URL: "ftp://tax" }, "TAX_SERVICE_URL must be a URL starting with http:// or https://, got a ftp:// URL"],
    [{ TAX_SERVICE_URL: "http://tax", TAX_SERVICE_PUBLIC_KEY: "not a key" }, "TAX_SERVICE_PUBLIC_KEY must be a PEM public key"],
    [
      { TAX_SERVICE_URL: "http://tax", TAX_SERVICE_PUBLIC_KEY: generateKeyPairSync("ec", { namedCurve: "P-256" }).publicKey.export({ type: "spki", format: "pem" }).toString() },
      "TAX_SERVICE_PUBLIC_KEY must be an Ed25519 key, got ec",
    ],
    [{ TAX_SERVICE_PUBLIC_KEY: TAX_KEY_PEM }, "TAX_SERVICE_PUBLIC_KEY is only used with TAX_SERVICE_URL"],
    [{ LOG_LEVEL: "loud" }, 'LOG_LEVEL must be one of verbose, debug, log, warn, error, fatal (or info), got "loud"'],
    [{ QUEUE_PREFIX: "a b" }, "QUEUE_PREFIX must be 1 to 64 letters, digits, '-' or '_', got \"a b\""],
    [{ MASTER_KEY: "abcd" }, "MASTER_KEY must be 32 bytes as 64 hex digits or base64 (e.g. `openssl rand -hex 32`), got 4 hex digits"],
    [{ MASTER_KEY: Buffer.alloc(16).toString("base64") }, "MASTER_KEY must be 32 bytes as 64 hex digits or base64 (e.g. `openssl rand -hex 32`), got base64 of 16 bytes"],
    [{ MASTER_KEY: "not a key!" }, "MASTER_KEY must be 32 bytes as 64 hex digits or base64"],
    [{ DATABASE_URL: "postgres://db/x" }, "MASTER_KEY is required when DATABASE_URL is set"],
  ])("refuses %j", (env, expected) => {
    expect(problemsOf(env)).toContain(expected);
  });

  it("reports every bad variable in one error", () => {
    const message = problemsOf({ PORT: "x", LOG_LEVEL: "loud", REDIS_URL: "http://cache" });
    const [heading, ...problems] = message.split("\n");
    expect(heading).toBe("Invalid configuration:");
    expect(problems).toHaveLength(3);
    for (const name of ["PORT", "LOG_LEVEL", "REDIS_URL"]) {
      expect(problems).toContainEqual(expect.stringMatching(new RegExp(`^  - ${name} must`)));
    }
  });

  it("never echoes a secret in a message", () => {
    const secret = "s3cr3t-password";
    const message = problemsOf({ DATABASE_URL: `mysql://app:${secret}@db/x`, MASTER_KEY: `${secret}!` });
    expect(message).not.toContain(secret);
  });
});

describe("parseMasterKey", () => {
  it("reads hex, 0x-prefixed hex, base64 and base64url", () => {
    expect(parseMasterKey(HEX_KEY)).toEqual(Buffer.alloc(32, 0x11));
    expect(parseMasterKey(`0x${HEX_KEY}`)).toEqual(Buffer.alloc(32, 0x11));
    expect(parseMasterKey(BASE64_KEY)).toEqual(Buffer.alloc(32, 7));
    const urlSafe = Buffer.alloc(32, 0xfb);
    expect(parseMasterKey(urlSafe.toString("base64url"))).toEqual(urlSafe);
  });
});

describe("resolveAppConfig", () => {
  it("fills what the environment leaves out with the embedded services and the development key", () => {
    const environment = parseEnvironment({ REDIS_URL: "redis://cache:6379" });
    const developmentKey = Buffer.alloc(32, 9);
    const config = resolveAppConfig(
      environment,
      {
        databaseUrl: "postgres://embedded/db",
        chainRpcUrl: "http://127.0.0.1:9",
        chainDeploymentFile: "/tmp/d.json",
        operatorPrivateKey: OPERATOR_KEY,
        taxServiceUrl: "http://127.0.0.1:7",
        taxServicePublicKey: TAX_KEY_PEM,
      },
      () => developmentKey,
    );
    expect(config).toMatchObject({
      databaseUrl: "postgres://embedded/db",
      redisUrl: "redis://cache:6379",
      chainRpcUrl: "http://127.0.0.1:9",
      chainDeploymentFile: "/tmp/d.json",
      masterKey: developmentKey,
      operatorPrivateKey: OPERATOR_KEY,
      taxServiceUrl: "http://127.0.0.1:7",
      taxServicePublicKey: TAX_KEY_PEM,
    });
  });

  it("pins the embedded tax service's key only for the embedded service", () => {
    const environment = parseEnvironment({ TAX_SERVICE_URL: "https://tax.example" });
    const services = {
      databaseUrl: "postgres://e/db",
      redisUrl: "redis://e",
      chainRpcUrl: "http://e",
      chainDeploymentFile: "d",
      operatorPrivateKey: OPERATOR_KEY,
    };
    const config = resolveAppConfig(environment, { ...services, taxServicePublicKey: TAX_KEY_PEM }, () => Buffer.alloc(32));
    expect(config.taxServiceUrl).toBe("https://tax.example");
    expect(config.taxServicePublicKey).toBeUndefined();
  });

  it("asks for the development key only when MASTER_KEY is absent", () => {
    const environment = parseEnvironment({ MASTER_KEY: BASE64_KEY });
    const services = {
      databaseUrl: "postgres://e/db",
      redisUrl: "redis://e",
      chainRpcUrl: "http://e",
      chainDeploymentFile: "d",
      operatorPrivateKey: OPERATOR_KEY,
      taxServiceUrl: "http://t",
    };
    const config = resolveAppConfig(environment, services, () => {
      throw new Error("not expected");
    });
    expect(config.masterKey).toEqual(Buffer.alloc(32, 7));
  });
});
