import { Injectable } from "@nestjs/common";
import type { EntityManager } from "typeorm";
import { ChainGateway } from "../chain/chain-gateway.service.js";
import { organisationIdToBytes16 } from "../participants/roles.js";
import type { Seller } from "./invoice-candidates.service.js";
import type { InvoiceDraft } from "./invoice-fields.js";

export interface InvoiceToRecord {
  draft: InvoiceDraft;
  invoiceKey: string;
  debtorOrganisationId: string;
  idempotencyKey?: string | null;
  uploadId?: string | null;
}

/**
 * Writes accepted invoices together with their `invoice.register` chain operations, in the caller's
 * transaction: an invoice row exists exactly when its registration is on its way to the chain. The caller
 * wakes the seller's chain writer after the commit.
 */
@Injectable()
export class InvoiceRegistrar {
  constructor(private readonly chainGateway: ChainGateway) {}

  /**
   * Returns the ids of the invoices written, by invoice key. A key already in the database (registered
   * before, or by a concurrent request) is skipped, not an error: the caller reports it as a duplicate.
   */
  async record(manager: EntityManager, seller: Seller, invoices: readonly InvoiceToRecord[]): Promise<Map<string, string>> {
    const written = new Map<string, string>();
    if (invoices.length === 0) return written;
    const column = <T>(pick: (invoice: InvoiceToRecord) => T) => invoices.map(pick);
    // One statement for the whole batch; ON CONFLICT DO NOTHING skips keys already taken (or a seller's
    // idempotency key already used), and RETURNING names the rows that were written.
    const inserted: Array<{ id: string; invoice_key: string }> = await manager.query(
      `INSERT INTO invoices (invoice_key, seller_organisation_id, debtor_organisation_id, seller_tax_id, buyer_tax_id,
         invoice_code, invoice_number, amount, issue_date, due_date, status, idempotency_key, upload_id)
       SELECT key, $2::uuid, debtor, seller_tax_id, buyer_tax_id, code, number, amount, issue_date, due_date, 'registering', idempotency_key, upload_id
       FROM unnest($1::text[], $3::uuid[], $4::text[], $5::text[], $6::text[], $7::text[], $8::bigint[], $9::date[], $10::date[],
                   $11::text[], $12::uuid[])
         AS batch (key, debtor, seller_tax_id, buyer_tax_id, code, number, amount, issue_date, due_date, idempotency_key, upload_id)
       ON CONFLICT DO NOTHING
       RETURNING id, invoice_key`,
      [
        column((invoice) => invoice.invoiceKey),
        seller.id,
        column((invoice) => invoice.debtorOrganisationId),
        column((invoice) => invoice.draft.sellerTaxId),
        column((invoice) => invoice.draft.buyerTaxId),
        column((invoice) => invoice.draft.invoiceCode),
        column((invoice) => invoice.draft.invoiceNumber),
        column((invoice) => invoice.draft.amount.toString()),
        column((invoice) => invoice.draft.issueDate),
        column((invoice) => invoice.draft.dueDate),
        column((invoice) => invoice.idempotencyKey ?? null),
        column((invoice) => invoice.uploadId ?? null),
      ],
    );
    for (const row of inserted) written.set(row.invoice_key, row.id);

    await this.chainGateway.record(
      manager,
      invoices
        .filter(({ invoiceKey }) => written.has(invoiceKey))
        .map(({ invoiceKey, debtorOrganisationId }) => ({
          businessKey: `invoice.register:${invoiceKey}`,
          kind: "invoice.register" as const,
          signer: seller.chainAddress,
          payload: { invoiceKey, debtorOrganisationId: organisationIdToBytes16(debtorOrganisationId) },
        })),
    );
    return written;
  }
}
