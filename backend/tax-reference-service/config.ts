// Options of the reference tax service, from code (tests, the platform launcher) or from the environment
// (main.ts). Checked once, before anything starts: a bad value stops it with a message naming the setting.
import { readFileSync } from "node:fs";
import { isCalendarDate, toCalendarDate } from "./dates.js";
import { DEFAULT_ENTERPRISES, type EnterpriseSeed, type TaxpayerProfile } from "./seed.js";

export interface TaxReferenceServiceOptions {
  /** Interface to listen on; 127.0.0.1 by default. */
  host?: string;
  /** 0 (the default) picks a free port. */
  port?: number;
  /** Seed of the reference data; the same seed, date and enterprises give the same data. */
  seed?: string;
  /** The service's "today", YYYY-MM-DD (UTC); defaults to the day it starts. */
  asOf?: string;
  enterprises?: readonly EnterpriseSeed[];
  /** PKCS#8 PEM Ed25519 private key; a fresh key is generated when absent. */
  privateKeyPem?: string;
  /** Bearer token of the admin endpoints; a random one is generated when absent. */
  adminToken?: string;
}

export interface ResolvedOptions {
  host: string;
  port: number;
  seed: string;
  asOf: string;
  enterprises: readonly EnterpriseSeed[];
  privateKeyPem?: string;
  adminToken?: string;
}

export class TaxReferenceConfigError extends Error {
  constructor(setting: string, problem: string) {
    super(`tax reference service: ${setting} ${problem}`);
    this.name = "TaxReferenceConfigError";
  }
}

const TAX_ID_PATTERN = /^[0-9A-Z]{15,20}$/;
const PROFILES: readonly TaxpayerProfile[] = ["sound", "late-filer", "in-arrears"];
export const DEFAULT_SEED = "tax-reference-service";

export function resolveOptions(options: TaxReferenceServiceOptions): ResolvedOptions {
  const port = options.port ?? 0;
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new TaxReferenceConfigError("port", "must be 0 to 65535");
  const asOf = options.asOf ?? toCalendarDate(new Date());
  if (!isCalendarDate(asOf)) throw new TaxReferenceConfigError("asOf", "must be a calendar date YYYY-MM-DD");
  const enterprises = options.enterprises ?? DEFAULT_ENTERPRISES;
  const seen = new Set<string>();
  enterprises.forEach((enterprise, index) => {
    if (typeof enterprise?.taxId !== "string" || !TAX_ID_PATTERN.test(enterprise.taxId)) {
      throw new TaxReferenceConfigError(`enterprises[${index}].taxId`, "must be 15 to 20 digits or capital letters");
    }
    if (seen.has(enterprise.taxId)) throw new TaxReferenceConfigError(`enterprises[${index}].taxId`, "is listed twice");
    seen.add(enterprise.taxId);
    if (typeof enterprise.name !== "string" || enterprise.name.trim() === "") {
      throw new TaxReferenceConfigError(`enterprises[${index}].name`, "must be a non-empty string");
    }
    if (enterprise.profile !== undefined && !PROFILES.includes(enterprise.profile)) {
      throw new TaxReferenceConfigError(`enterprises[${index}].profile`, `must be one of ${PROFILES.join(", ")}`);
    }
  });
  if (options.adminToken !== undefined && options.adminToken.length < 16) {
    throw new TaxReferenceConfigError("adminToken", "must be at least 16 characters");
  }
  return {
    host: options.host ?? "127.0.0.1",
    port,
    seed: options.seed ?? DEFAULT_SEED,
    asOf,
    enterprises,
    privateKeyPem: options.privateKeyPem,
    adminToken: options.adminToken,
  };
}

/**
 * Reads the environment of the CLI entry:
 *   TAX_SERVICE_PORT (default 4400), TAX_SERVICE_HOST, TAX_SERVICE_SEED, TAX_SERVICE_AS_OF,
 *   TAX_SERVICE_PRIVATE_KEY_FILE (PKCS#8 PEM), TAX_SERVICE_ADMIN_TOKEN,
 *   TAX_SERVICE_ENTERPRISES_FILE (JSON array of { taxId, name, profile? }).
 */
export function optionsFromEnv(env: NodeJS.ProcessEnv): TaxReferenceServiceOptions {
  const port = env.TAX_SERVICE_PORT ?? "4400";
  if (!/^\d+$/.test(port)) throw new TaxReferenceConfigError("TAX_SERVICE_PORT", "must be a port number");
  return {
    host: env.TAX_SERVICE_HOST,
    port: Number(port),
    seed: env.TAX_SERVICE_SEED,
    asOf: env.TAX_SERVICE_AS_OF,
    privateKeyPem: env.TAX_SERVICE_PRIVATE_KEY_FILE ? readSetting("TAX_SERVICE_PRIVATE_KEY_FILE", env.TAX_SERVICE_PRIVATE_KEY_FILE) : undefined,
    adminToken: env.TAX_SERVICE_ADMIN_TOKEN,
    enterprises: env.TAX_SERVICE_ENTERPRISES_FILE
      ? parseEnterprisesFile(readSetting("TAX_SERVICE_ENTERPRISES_FILE", env.TAX_SERVICE_ENTERPRISES_FILE))
      : undefined,
  };
}

function readSetting(setting: string, file: string): string {
  try {
    return readFileSync(file, "utf8");
  } catch (error) {
    throw new TaxReferenceConfigError(setting, `cannot be read: ${(error as Error).message}`);
  }
}

function parseEnterprisesFile(text: string): EnterpriseSeed[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new TaxReferenceConfigError("TAX_SERVICE_ENTERPRISES_FILE", "must contain JSON");
  }
  if (!Array.isArray(parsed)) throw new TaxReferenceConfigError("TAX_SERVICE_ENTERPRISES_FILE", "must contain a JSON array");
  return parsed as EnterpriseSeed[];
}
