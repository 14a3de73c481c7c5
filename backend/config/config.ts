// The process environment, parsed and validated once at boot. Everything else reads the typed `AppConfig`
// (inject it with `@Inject(APP_CONFIG)`), never `process.env`.
//
// Parsing happens in two steps because the embedded services (backend/runtime/) sit in between:
// `parseEnvironment` validates what the environment says, where an absent DATABASE_URL, REDIS_URL,
// CHAIN_RPC_URL or TAX_SERVICE_URL means "start the embedded one"; `resolveAppConfig` then fills in the URLs of whatever was
// started, giving the `AppConfig` the modules see, in which every URL is known.

import { createPublicKey } from "node:crypto";
import type { LogLevel } from "@nestjs/common";

export const APP_CONFIG = Symbol("AppConfig");

export const PROCESS_ROLES = ["api", "worker"] as const;
export type ProcessRole = (typeof PROCESS_ROLES)[number];

/** Nest's levels, most verbose first; LOG_LEVEL=warn logs warn, error and fatal. */
export const LOG_LEVELS = ["verbose", "debug", "log", "warn", "error", "fatal"] as const satisfies readonly LogLevel[];

export interface AppConfig {
  port: number;
  processRoles: readonly ProcessRole[];
  databaseUrl: string;
  redisUrl: string;
  /** Prefix of every BullMQ key, so that several deployments (or test files) can share one Redis. */
  queuePrefix: string;
  chainRpcUrl: string;
  /** Blocks the indexer stays behind the head; 0 on an instant-finality chain (QBFT, anvil). */
  chainConfirmations: number;
  /** The `deployments/<chainId>.json` record written by scripts/deploy.ts: the suite's addresses. */
  chainDeploymentFile: string;
  /** 32 bytes; encrypts organisations' signing keys at rest (AES-256-GCM). */
  masterKey: Buffer;
  /**
   * The platform operator's signing key: the account that deployed the suite and onboards participants in
   * the participant registry. Production keeps it in the operator's key store and passes it in.
   */
  operatorPrivateKey: string;
  /** The tax authority's API (the reference tax service when embedded). */
  taxServiceUrl: string;
  /**
   * SPKI PEM Ed25519 key the tax authority signs with; undefined: trust the keys it publishes at GET /v1/keys
   * (acceptable for local runs only; pin the key in production).
   */
  taxServicePublicKey: string | undefined;
  logLevel: LogLevel;
  /**
   * How often unanchored access-log entries are put in a batch whose Merkle root is anchored on chain
   * (ACCESS_LOG_ANCHOR_INTERVAL_MS). Short by default: a bank's proof is available seconds after its read.
   */
  accessLogAnchorIntervalMs: number;
  /** Most entries in one anchored batch (ACCESS_LOG_BATCH_MAX_ENTRIES); a bigger backlog takes several. */
  accessLogBatchMaxEntries: number;
  /** How often the maturity scan looks for vouchers that matured or may be declared in default. */
  maturityScanEveryMs: number;
  /** How often due webhook deliveries (first attempts and retries) are picked up. */
  webhookSweepEveryMs: number;
  /** The first retry's delay; each later retry waits twice as long as the one before. */
  webhookRetryBaseMs: number;
  /** Attempts per delivery before it is marked failed (it can still be replayed). */
  webhookMaxAttempts: number;
}

/** What the environment says. An absent service URL means the embedded service is to be started. */
export interface EnvironmentConfig
  extends Omit<
    AppConfig,
    "databaseUrl" | "redisUrl" | "chainRpcUrl" | "chainDeploymentFile" | "masterKey" | "operatorPrivateKey" | "taxServiceUrl"
  > {
  /** Absent only when the chain is embedded (its first development account is the operator then). */
  operatorPrivateKey: string | undefined;
  databaseUrl: string | undefined;
  redisUrl: string | undefined;
  chainRpcUrl: string | undefined;
  chainDeploymentFile: string | undefined;
  /** Absent only when the database is embedded (a development key is used then). */
  masterKey: Buffer | undefined;
  taxServiceUrl: string | undefined;
}

/** URLs of the services started by backend/runtime/ for whatever the environment left out. */
export interface EmbeddedServices {
  databaseUrl?: string;
  redisUrl?: string;
  chainRpcUrl?: string;
  chainDeploymentFile?: string;
  operatorPrivateKey?: string;
  taxServiceUrl?: string;
  /** The embedded tax service's signing key (SPKI PEM), pinned by the platform. */
  taxServicePublicKey?: string;
  /** Bearer token of the embedded tax service's admin endpoints (demo scripts and tests use them). */
  taxServiceAdminToken?: string;
}

export class ConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`Invalid configuration:\n${problems.map((problem) => `  - ${problem}`).join("\n")}`);
    this.name = "ConfigError";
  }
}

type Env = Readonly<Record<string, string | undefined>>;

/**
 * Validates every variable and reports all bad ones in one error, so a misconfigured deployment is fixed
 * in one round. Messages never echo secrets (MASTER_KEY, URLs that may hold passwords).
 */
export function parseEnvironment(env: Env): EnvironmentConfig {
  const problems: string[] = [];
  const read = <T>(parse: () => T, fallback: T): T => {
    try {
      return parse();
    } catch (error) {
      problems.push((error as Error).message);
      return fallback;
    }
  };

  const databaseUrl = read(() => optionalUrl(env, "DATABASE_URL", ["postgres:", "postgresql:"]), undefined);
  const chainRpcUrl = read(() => optionalUrl(env, "CHAIN_RPC_URL", ["http:", "https:"]), undefined);
  const chainDeploymentFile = nonEmpty(env.CHAIN_DEPLOYMENT_FILE);
  if (chainRpcUrl !== undefined && chainDeploymentFile === undefined) {
    problems.push(
      "CHAIN_DEPLOYMENT_FILE is required when CHAIN_RPC_URL is set: the path of the deployments/<chainId>.json " +
        "written by scripts/deploy.ts for that chain",
    );
  }
  const operatorPrivateKey = read(() => optionalPrivateKey(env, "OPERATOR_PRIVATE_KEY"), undefined);
  if (chainRpcUrl !== undefined && operatorPrivateKey === undefined && nonEmpty(env.OPERATOR_PRIVATE_KEY) === undefined) {
    problems.push(
      "OPERATOR_PRIVATE_KEY is required when CHAIN_RPC_URL is set: the 0x-prefixed 32-byte key of the account " +
        "that deployed the suite (the platform operator's account in the participant registry)",
    );
  }
  const masterKey = read(() => optionalMasterKey(env), undefined);
  if (masterKey === undefined && databaseUrl !== undefined && nonEmpty(env.MASTER_KEY) === undefined) {
    problems.push(
      "MASTER_KEY is required when DATABASE_URL is set: 32 bytes as 64 hex digits or base64 " +
        "(e.g. `openssl rand -hex 32`); it encrypts the signing keys stored in that database",
    );
  }

  const taxServiceUrl = read(() => optionalUrl(env, "TAX_SERVICE_URL", ["http:", "https:"]), undefined);
  const taxServicePublicKey = read(() => optionalEd25519Key(env, "TAX_SERVICE_PUBLIC_KEY"), undefined);
  if (taxServicePublicKey !== undefined && taxServiceUrl === undefined && nonEmpty(env.TAX_SERVICE_URL) === undefined) {
    problems.push("TAX_SERVICE_PUBLIC_KEY is only used with TAX_SERVICE_URL (the embedded tax service brings its own key)");
  }

  const config: EnvironmentConfig = {
    port: read(() => integer(env, "PORT", 3000, 0, 65535), 3000),
    processRoles: read(() => processRoles(env), PROCESS_ROLES),
    databaseUrl,
    redisUrl: read(() => optionalUrl(env, "REDIS_URL", ["redis:", "rediss:"]), undefined),
    queuePrefix: read(() => queuePrefix(env), "bull"),
    chainRpcUrl,
    chainConfirmations: read(() => integer(env, "CHAIN_CONFIRMATIONS", 0, 0, 1000), 0),
    chainDeploymentFile,
    masterKey,
    operatorPrivateKey,
    taxServiceUrl,
    taxServicePublicKey,
    logLevel: read(() => logLevel(env), "log"),
    accessLogAnchorIntervalMs: read(() => integer(env, "ACCESS_LOG_ANCHOR_INTERVAL_MS", 2_000, 100, 86_400_000), 2_000),
    accessLogBatchMaxEntries: read(() => integer(env, "ACCESS_LOG_BATCH_MAX_ENTRIES", 1_000, 1, 100_000), 1_000),
    maturityScanEveryMs: read(() => integer(env, "MATURITY_SCAN_EVERY_MS", 60_000, 100, 86_400_000), 60_000),
    webhookSweepEveryMs: read(() => integer(env, "WEBHOOK_SWEEP_EVERY_MS", 1_000, 50, 600_000), 1_000),
    webhookRetryBaseMs: read(() => integer(env, "WEBHOOK_RETRY_BASE_MS", 10_000, 10, 3_600_000), 10_000),
    webhookMaxAttempts: read(() => integer(env, "WEBHOOK_MAX_ATTEMPTS", 10, 1, 50), 10),
  };
  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}

/** Which services the environment leaves to backend/runtime/. */
export function servicesToEmbed(config: EnvironmentConfig): { database: boolean; redis: boolean; chain: boolean; tax: boolean } {
  return {
    database: config.databaseUrl === undefined,
    redis: config.redisUrl === undefined,
    chain: config.chainRpcUrl === undefined,
    tax: config.taxServiceUrl === undefined,
  };
}

/**
 * The final config: the environment's values, with the embedded services' URLs where it left them out.
 * `developmentMasterKey` is asked for only when the database is embedded and MASTER_KEY is absent.
 */
export function resolveAppConfig(
  config: EnvironmentConfig,
  embedded: EmbeddedServices,
  developmentMasterKey: () => Buffer,
): AppConfig {
  const need = (value: string | undefined, what: string): string => {
    if (value === undefined) throw new Error(`internal: ${what} is neither configured nor embedded`);
    return value;
  };
  return {
    ...config,
    databaseUrl: need(config.databaseUrl ?? embedded.databaseUrl, "the database URL"),
    redisUrl: need(config.redisUrl ?? embedded.redisUrl, "the Redis URL"),
    chainRpcUrl: need(config.chainRpcUrl ?? embedded.chainRpcUrl, "the chain RPC URL"),
    chainDeploymentFile: need(config.chainDeploymentFile ?? embedded.chainDeploymentFile, "the deployment file"),
    masterKey: config.masterKey ?? developmentMasterKey(),
    operatorPrivateKey: need(config.operatorPrivateKey ?? embedded.operatorPrivateKey, "the operator key"),
    taxServiceUrl: need(config.taxServiceUrl ?? embedded.taxServiceUrl, "the tax service URL"),
    // The embedded service's key only goes with the embedded service.
    taxServicePublicKey: config.taxServiceUrl === undefined ? embedded.taxServicePublicKey : config.taxServicePublicKey,
  };
}

function optionalPrivateKey(env: Env, name: string): string | undefined {
  const value = nonEmpty(env[name]);
  if (value === undefined) return undefined;
  if (!/^0x[0-9a-fA-F]{64}$/.test(value)) throw new Error(`${name} must be 0x followed by 64 hex digits`);
  return value;
}

/** DATABASE_URL alone, for tools that need nothing else (scripts/migrate.ts). */
export function requireDatabaseUrl(env: Env): string {
  const url = optionalUrl(env, "DATABASE_URL", ["postgres:", "postgresql:"]);
  if (url === undefined) throw new ConfigError(["DATABASE_URL is required: postgres://user:password@host:5432/database"]);
  return url;
}

/** Parses a 32-byte key given as 64 hex digits (optionally 0x-prefixed) or base64 (standard or URL-safe). */
export function parseMasterKey(value: string): Buffer {
  const expected = "MASTER_KEY must be 32 bytes as 64 hex digits or base64 (e.g. `openssl rand -hex 32`)";
  const hex = value.startsWith("0x") ? value.slice(2) : value;
  if (/^[0-9a-fA-F]+$/.test(hex)) {
    if (hex.length === 64) return Buffer.from(hex, "hex");
    throw new Error(`${expected}, got ${hex.length} hex digits`);
  }
  if (/^[A-Za-z0-9+/_-]+={0,2}$/.test(value)) {
    const bytes = Buffer.from(value, "base64");
    if (bytes.length === 32) return bytes;
    throw new Error(`${expected}, got base64 of ${bytes.length} bytes`);
  }
  throw new Error(expected);
}

function nonEmpty(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed === undefined || trimmed === "" ? undefined : trimmed;
}

function integer(env: Env, name: string, fallback: number, min: number, max: number): number {
  const value = nonEmpty(env[name]);
  if (value === undefined) return fallback;
  if (!/^\d+$/.test(value) || Number(value) < min || Number(value) > max) {
    throw new Error(`${name} must be an integer from ${min} to ${max}, got "${value}"`);
  }
  return Number(value);
}

function optionalUrl(env: Env, name: string, protocols: readonly string[]): string | undefined {
  const value = nonEmpty(env[name]);
  if (value === undefined) return undefined;
  const expected = `a URL starting with ${protocols.map((protocol) => `${protocol}//`).join(" or ")}`;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new Error(`${name} must be ${expected}, got something that is not a URL`);
  }
  if (!protocols.includes(url.protocol)) {
    throw new Error(`${name} must be ${expected}, got a ${url.protocol}// URL`);
  }
  return value;
}

/** A PEM public key; "\\n" escapes are accepted, since an environment variable is one line in most tools. */
function optionalEd25519Key(env: Env, name: string): string | undefined {
  const value = nonEmpty(env[name])?.replaceAll("\\n", "\n");
  if (value === undefined) return undefined;
  let type: string | undefined;
  try {
    type = createPublicKey({ key: value, format: "pem" }).asymmetricKeyType;
  } catch {
    throw new Error(`${name} must be a PEM public key (-----BEGIN PUBLIC KEY-----...)`);
  }
  if (type !== "ed25519") throw new Error(`${name} must be an Ed25519 key, got ${type}`);
  return value;
}

function optionalMasterKey(env: Env): Buffer | undefined {
  const value = nonEmpty(env.MASTER_KEY);
  return value === undefined ? undefined : parseMasterKey(value);
}

function processRoles(env: Env): readonly ProcessRole[] {
  const value = nonEmpty(env.PROCESS_ROLES);
  if (value === undefined) return PROCESS_ROLES;
  const roles = value.split(",").map((role) => role.trim());
  const unknown = roles.filter((role) => !(PROCESS_ROLES as readonly string[]).includes(role));
  if (unknown.length > 0 || roles.length === 0) {
    throw new Error(`PROCESS_ROLES must be a comma-separated subset of ${PROCESS_ROLES.join(",")}, got "${value}"`);
  }
  // Kept in canonical order without duplicates, so "worker,api,api" and "api,worker" mean the same.
  return PROCESS_ROLES.filter((role) => roles.includes(role));
}

function queuePrefix(env: Env): string {
  const value = nonEmpty(env.QUEUE_PREFIX);
  if (value === undefined) return "bull";
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(value)) {
    throw new Error(`QUEUE_PREFIX must be 1 to 64 letters, digits, '-' or '_', got "${value}"`);
  }
  return value;
}

function logLevel(env: Env): LogLevel {
  const value = nonEmpty(env.LOG_LEVEL)?.toLowerCase();
  if (value === undefined) return "log";
  // "info" is what most tools call Nest's "log".
  const level = value === "info" ? "log" : value;
  if (!(LOG_LEVELS as readonly string[]).includes(level)) {
    throw new Error(`LOG_LEVEL must be one of ${LOG_LEVELS.join(", ")} (or info), got "${value}"`);
  }
  return level as LogLevel;
}

/** The Nest logger levels to enable for a minimum level. */
export function logLevelsFrom(level: LogLevel): LogLevel[] {
  return LOG_LEVELS.slice(LOG_LEVELS.indexOf(level as (typeof LOG_LEVELS)[number]));
}
