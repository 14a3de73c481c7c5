// The reference tax authority (backend/tax-reference-service/) for `npm start` and the tests, on a free port
// of 127.0.0.1 in this process, with a fresh signing key and admin token each start. Its data is seeded for
// the demo taxpayers; tests and demo scripts add their own through its admin endpoints.

import { type RunningTaxReferenceService, start } from "../tax-reference-service/start.js";

export interface TaxReferenceEndpoints {
  url: string;
  /** SPKI PEM of its signing key, pinned by the platform's adapter. */
  publicKey: string;
  adminToken: string;
}

export class TaxReferenceServer {
  private service: RunningTaxReferenceService | undefined;

  async start(): Promise<TaxReferenceEndpoints> {
    this.service = await start({ host: "127.0.0.1", port: 0 });
    const { url, publicKey, adminToken } = this.service;
    return { url, publicKey, adminToken };
  }

  async stop(): Promise<void> {
    await this.service?.stop();
    this.service = undefined;
  }
}
