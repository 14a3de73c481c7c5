import { Injectable } from "@nestjs/common";
import type { EntityManager } from "typeorm";
import type { QueryDeepPartialEntity } from "typeorm/query-builder/QueryPartialEntity.js";
import { ChainGateway } from "../chain/chain-gateway.service.js";
import { organisationIdToBytes16 } from "../participants/roles.js";
import type { Seller } from "./invoice-candidates.service.js";
import type { InvoiceDraft } from "./invoice-fields.js";
import { Invoice } from "./invoice.entity.js";

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
    const rows = invoices.map(({ draft, invoiceKey, debtorOrganisationId, idempotencyKey, uploadId }) => ({
      invoiceKey,
      sellerOrganisationId: seller.id,
      debtorOrganisationId,
      sellerTaxId: draft.sellerTaxId,
      buyerTaxId: draft.buyerTaxId,
      invoiceCode: draft.invoiceCode,
      invoiceNumber: draft.invoiceNumber,
      amount: draft.amount.toString(),
      issueDate: draft.issueDate,
      dueDate: draft.dueDate,
      status: "registering" as const,
      idempotencyKey: idempotencyKey ?? null,
      uploadId: uploadId ?? null,
    }));
    const result = await manager
      .createQueryBuilder()
      .insert()
      .into(Invoice)
      .values(rows as QueryDeepPartialEntity<Invoice>[])
      .orIgnore()
      .returning(["id", "invoice_key"])
      .execute();
    for (const row of result.raw as Array<{ id: string; invoice_key: string }>) written.set(row.invoice_key, row.id);

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
