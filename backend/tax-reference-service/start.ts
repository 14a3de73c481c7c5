// Starts the reference tax authority: seeds its ledger, loads or generates its signing key and listens.
// Used by tests and the platform launcher; main.ts runs it alone.
import { randomBytes } from "node:crypto";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { resolveOptions, type TaxReferenceServiceOptions } from "./config.js";
import { TaxLedger } from "./ledger.js";
import { seedLedger } from "./seed.js";
import { createRequestHandler } from "./server.js";
import { loadSigningKey } from "./signing.js";

export interface RunningTaxReferenceService {
  /** Base URL, e.g. http://127.0.0.1:43121 (no trailing slash). */
  url: string;
  /** SPKI PEM of the key that signs every response (also served at GET /v1/keys). */
  publicKey: string;
  keyId: string;
  /** Bearer token of the admin endpoints (the configured one or a generated one). */
  adminToken: string;
  /** The service's "today" (YYYY-MM-DD): summaries cover the 12 months before its month. */
  asOf: string;
  stop(): Promise<void>;
}

export async function start(options: TaxReferenceServiceOptions = {}): Promise<RunningTaxReferenceService> {
  const resolved = resolveOptions(options);
  const signingKey = loadSigningKey(resolved.privateKeyPem);
  const adminToken = resolved.adminToken ?? randomBytes(24).toString("base64url");
  const ledger = new TaxLedger(resolved.asOf);
  seedLedger(ledger, resolved.seed, resolved.enterprises);

  const handle = createRequestHandler({ ledger, signingKey, adminToken });
  const server = createServer((request, response) => void handle(request, response));
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(resolved.port, resolved.host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const host = resolved.host.includes(":") ? `[${resolved.host}]` : resolved.host;

  return {
    url: `http://${host}:${port}`,
    publicKey: signingKey.publicKeyPem,
    keyId: signingKey.keyId,
    adminToken,
    asOf: resolved.asOf,
    stop: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        // Clients keep connections alive; without this, close() waits for them to time out.
        server.closeAllConnections();
      }),
  };
}
