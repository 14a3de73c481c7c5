import { Injectable, type OnModuleInit } from "@nestjs/common";
import type { EntityManager } from "typeorm";
import type { ChainOperation } from "../chain/chain-operation.entity.js";
import { ChainOutcomes } from "../chain/chain-outcomes.js";
import { ChainProjectors, type IndexedEvent } from "../chain/chain-projectors.js";
import { bytes16ToOrganisationId } from "../participants/roles.js";
import { TaxVerificationQueue } from "../tax/tax-verification.queue.js";
import { Invoice, type InvoiceStatus } from "./invoice.entity.js";

/** IInvoiceRegistry.InvoiceStatus values an attestation can set. */
const ATTESTED_STATUS: Record<string, InvoiceStatus> = { "2": "valid", "3": "voided", "4": "reversed" };

/**
 * What the chain says about invoices, into the invoices table. The chain is shared with other platforms, so
 * every projector matches on our own rows only (an InvoiceRegistered for a key another platform's seller took
 * is not ours, however our row with that key stands). Each is idempotent: replaying an event changes nothing.
 */
@Injectable()
export class InvoiceChainEvents implements OnModuleInit {
  constructor(
    private readonly projectors: ChainProjectors,
    private readonly outcomes: ChainOutcomes,
    private readonly taxVerifications: TaxVerificationQueue,
  ) {}

  onModuleInit(): void {
    this.projectors.onBatch("InvoiceRegistered", (manager, events) => this.registered(manager, events));
    this.projectors.onBatch("InvoiceAttested", (manager, events) => this.attested(manager, events), { after: ["InvoiceRegistered"] });
    this.projectors.onBatch("InvoiceConsumed", (manager, events) => this.consumed(manager, events), { after: ["InvoiceAttested"] });
    this.outcomes.onFailure("invoice.register", (manager, operations) => this.registrationFailed(manager, operations));
  }

  /** A registration batch holds up to 200 invoices per transaction: one statement for all of a range's. */
  private async registered(manager: EntityManager, events: IndexedEvent[]): Promise<void> {
    const registered = events.map((event) => event.args as { invoiceKey: string; sellerOrganisation: string });
    const [{ updated }]: Array<{ updated: number }> = await manager.query(
      `WITH moved AS (
         UPDATE invoices SET status = 'verifying', registered_at = registration.registered_at, updated_at = now()
           FROM unnest($1::text[], $2::uuid[], $3::timestamptz[]) AS registration (invoice_key, seller, registered_at)
          WHERE invoices.invoice_key = registration.invoice_key
            AND invoices.seller_organisation_id = registration.seller
            AND invoices.status = 'registering'
         RETURNING invoices.id
       )
       SELECT count(*)::int AS updated FROM moved`,
      [
        registered.map(({ invoiceKey }) => invoiceKey.toLowerCase()),
        registered.map(({ sellerOrganisation }) => bytes16ToOrganisationId(sellerOrganisation)),
        events.map((event) => event.blockTimestamp.toISOString()),
      ],
    );
    // Enqueued inside the indexer's transaction: a job that runs before the commit finds nothing to do, and
    // the verification sweep picks the invoices up a few seconds later.
    if (updated > 0) await this.taxVerifications.requestVerification();
  }

  /**
   * An attestation batch holds up to 200 invoices. A key attested twice in one range (valid, then voided)
   * keeps its last attestation: the statement applies each key's latest event.
   */
  private async attested(manager: EntityManager, events: IndexedEvent[]): Promise<void> {
    const latest = new Map<string, IndexedEvent>();
    for (const event of events) {
      if (ATTESTED_STATUS[String(event.args.status)] !== undefined) latest.set(String(event.args.invoiceKey).toLowerCase(), event);
    }
    if (latest.size === 0) return;
    const attested = [...latest.entries()];
    // Only our rows the tax authority was asked about; a failed row shares its key with another platform's invoice.
    await manager.query(
      `UPDATE invoices SET status = attestation.status, attested_amount = attestation.amount,
                           attested_at = attestation.attested_at, updated_at = now()
         FROM unnest($1::text[], $2::text[], $3::bigint[], $4::timestamptz[]) AS attestation (invoice_key, status, amount, attested_at)
        WHERE invoices.invoice_key = attestation.invoice_key AND invoices.status IN ('verifying', 'valid')`,
      [
        attested.map(([key]) => key),
        attested.map(([, event]) => ATTESTED_STATUS[String(event.args.status)]!),
        attested.map(([, event]) => String(event.args.amount)),
        attested.map(([, event]) => event.blockTimestamp.toISOString()),
      ],
    );
  }

  /** An issuance batch consumes up to 50 invoices per transaction: one statement for all of a range's. */
  private async consumed(manager: EntityManager, events: IndexedEvent[]): Promise<void> {
    const consumed = events.map((event) => event.args as { invoiceKey: string; voucherId: string });
    await manager.query(
      `UPDATE invoices SET voucher_id = consumed.voucher_id, updated_at = now()
         FROM unnest($1::text[], $2::text[]) AS consumed (invoice_key, voucher_id)
        WHERE invoices.invoice_key = consumed.invoice_key AND invoices.status IN ('valid', 'voided', 'reversed')`,
      [consumed.map(({ invoiceKey }) => invoiceKey.toLowerCase()), consumed.map(({ voucherId }) => voucherId)],
    );
  }

  /** A registration the registry refused, e.g. INVOICE_ALREADY_REGISTERED by another platform's seller. */
  private async registrationFailed(manager: EntityManager, operations: ChainOperation[]): Promise<void> {
    for (const operation of operations) {
      await manager.query(
        `UPDATE invoices SET status = 'failed', error_code = $2, error_message = $3, updated_at = now()
         WHERE invoice_key = $1 AND status = 'registering'`,
        [String(operation.payload.invoiceKey).toLowerCase(), operation.errorCode ?? "CHAIN_WRITE_FAILED", operation.errorMessage ?? ""],
      );
    }
  }
}
