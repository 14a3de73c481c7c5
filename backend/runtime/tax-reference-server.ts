// The reference tax authority (backend/tax-reference-service/) for `npm start` and the tests, on a free port
// of 127.0.0.1 in this process, with a fresh signing key and admin token each start. Its books are seeded for
// the demo organisations `npm start` onboards (backend/demo/), so their invoices to each other exist there;
// tests add their own through its admin endpoints.

import { DEMO_ORGANISATIONS } from "../demo/demo-organisations.js";
import type { EnterpriseSeed } from "../tax-reference-service/seed.js";
import { type RunningTaxReferenceService, start } from "../tax-reference-service/start.js";

const DEMO_TAXPAYERS: EnterpriseSeed[] = DEMO_ORGANISATIONS.flatMap((organisation) =>
  organisation.taxId === undefined ? [] : [{ taxId: organisation.taxId, name: organisation.name }],
);

export interface TaxReferenceEndpoints {
  url: string;
  /** SPKI PEM of its signing key, pinned by the platform's adapter. */
  publicKey: string;
  adminToken: string;
}

export class TaxReferenceServer {
  private service: RunningTaxReferenceService | undefined;

  async start(): Promise<TaxReferenceEndpoints> {
    this.service = await start({ host: "127.0.0.1", port: 0, enterprises: DEMO_TAXPAYERS });
    const { url, publicKey, adminToken } = this.service;
    return { url, publicKey, adminToken };
  }

  async stop(): Promise<void> {
    await this.service?.stop();
    this.service = undefined;
  }
}
