import { Inject, Injectable } from "@nestjs/common";
import { DataSource, type EntityManager } from "typeorm";
import { ChainGateway } from "../chain/chain-gateway.service.js";
import { Invoice } from "../invoices/invoice.entity.js";
import { TAX_AUTHORITY, type InvoiceVerificationBatch, type TaxAuthorityAdapter } from "./tax-authority.adapter.js";
import { TaxAuthorityAccount } from "./tax-authority-account.service.js";
import { attestationBusinessKey, decideVerification } from "./tax-decisions.js";
import { TaxEvidence } from "./tax-evidence.entity.js";

/** Invoices per call to the tax authority (its limit is 1,000; smaller batches keep row locks short). */
export const MAX_INVOICES_PER_VERIFICATION = 500;

/**
 * The first tax check of registered invoices: asks the authority about a batch, keeps its signed answer,
 * records an `invoice.attest` chain operation (signed by the tax authority's account) for each invoice whose
 * record matches, and rejects the others. The indexer then moves attested invoices to valid, voided or reversed.
 */
@Injectable()
export class TaxVerifier {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(TAX_AUTHORITY) private readonly authority: TaxAuthorityAdapter,
    private readonly account: TaxAuthorityAccount,
    private readonly chainGateway: ChainGateway,
  ) {}

  /** Verifies every invoice waiting; returns how many were checked. */
  async verifyWaiting(): Promise<number> {
    let checked = 0;
    for (;;) {
      const batch = await this.verifyNextBatch();
      checked += batch;
      if (batch < MAX_INVOICES_PER_VERIFICATION) return checked;
    }
  }

  /**
   * One batch, in one transaction that holds its invoices' rows (SKIP LOCKED: several workers share the
   * queue of waiting invoices without asking twice about one).
   */
  async verifyNextBatch(): Promise<number> {
    const outcome = await this.dataSource.transaction(async (manager) => {
      const invoices = await manager
        .getRepository(Invoice)
        .createQueryBuilder("invoice")
        .where("invoice.status = 'verifying' AND invoice.taxCheckedAt IS NULL")
        .orderBy("invoice.createdAt", "ASC")
        .limit(MAX_INVOICES_PER_VERIFICATION)
        .setLock("pessimistic_write")
        .setOnLocked("skip_locked")
        .getMany();
      if (invoices.length === 0) return { checked: 0, signer: null };
      const signer = await this.account.signer(manager);
      if (signer === null) return { checked: 0, signer };

      const batch = await this.authority.verifyInvoices(
        invoices.map((invoice) => ({
          sellerTaxId: invoice.sellerTaxId,
          invoiceCode: invoice.invoiceCode,
          invoiceNumber: invoice.invoiceNumber,
          amount: BigInt(invoice.amount),
          issueDate: invoice.issueDate,
          buyerTaxId: invoice.buyerTaxId,
        })),
      );
      const evidenceId = await saveEvidence(manager, batch);
      const decisions = batch.results.map((result) => decideVerification(result));
      await recordTaxChecks(manager, invoices, batch.results, decisions, evidenceId);
      const attestations = invoices.flatMap((invoice, index) => {
        const decision = decisions[index]!;
        return decision.kind === "attest" ? [{ invoice, attest: decision }] : [];
      });
      await this.chainGateway.record(
        manager,
        attestations.map(({ invoice, attest }) => ({
          businessKey: attestationBusinessKey(invoice.invoiceKey, attest),
          kind: "invoice.attest" as const,
          signer,
          payload: { invoiceKey: invoice.invoiceKey, status: attest.status, amount: attest.amount.toString() },
        })),
      );
      return { checked: invoices.length, signer: attestations.length > 0 ? signer : null };
    });
    if (outcome.signer !== null && outcome.checked > 0) await this.chainGateway.wake([outcome.signer]);
    return outcome.checked;
  }
}

export async function saveEvidence(manager: EntityManager, batch: InvoiceVerificationBatch): Promise<string> {
  const { evidence } = batch;
  const saved = await manager.getRepository(TaxEvidence).save(
    manager.getRepository(TaxEvidence).create({
      requestId: evidence.requestId,
      keyId: evidence.keyId,
      signature: evidence.signature,
      body: evidence.body,
      issuedAt: evidence.issuedAt,
    }),
  );
  return saved.id;
}

/**
 * Writes a batch's answers: the tax_* columns of every invoice, and the rejection of those whose record does
 * not match. One statement for the batch (up to 500 invoices).
 */
async function recordTaxChecks(
  manager: EntityManager,
  invoices: Invoice[],
  results: InvoiceVerificationBatch["results"],
  decisions: Array<ReturnType<typeof decideVerification>>,
  evidenceId: string,
): Promise<void> {
  const columns = invoices.map((invoice, index) => ({ id: invoice.id, ...taxCheckColumns(results[index]!, evidenceId) }));
  const rejection = (index: number) => {
    const decision = decisions[index]!;
    return decision.kind === "reject" ? decision : null;
  };
  await manager.query(
    `UPDATE invoices
        SET tax_status = checked.tax_status,
            tax_amount = checked.tax_amount,
            tax_mismatches = ARRAY(SELECT jsonb_array_elements_text(checked.mismatches)),
            tax_checked_at = $7,
            tax_evidence_id = $8,
            status = CASE WHEN checked.error_code IS NULL THEN invoices.status ELSE 'rejected' END,
            error_code = COALESCE(checked.error_code, invoices.error_code),
            error_message = COALESCE(checked.error_message, invoices.error_message),
            updated_at = now()
       FROM unnest($1::uuid[], $2::text[], $3::bigint[], $4::jsonb[], $5::text[], $6::text[])
         AS checked (id, tax_status, tax_amount, mismatches, error_code, error_message)
      WHERE invoices.id = checked.id`,
    [
      columns.map((row) => row.id),
      columns.map((row) => row.taxStatus),
      columns.map((row) => row.taxAmount ?? null),
      columns.map((row) => JSON.stringify(row.taxMismatches ?? [])),
      invoices.map((_, index) => rejection(index)?.code ?? null),
      invoices.map((_, index) => rejection(index)?.message ?? null),
      new Date(),
      evidenceId,
    ],
  );
}

/** The invoice's tax_* columns for one answer of the authority. */
export function taxCheckColumns(result: InvoiceVerificationBatch["results"][number], evidenceId: string): Partial<Invoice> {
  return {
    taxStatus: result.found ? result.status : "not_found",
    taxAmount: result.found ? result.attestedAmount.toString() : null,
    taxMismatches: result.found ? result.mismatches : [],
    taxCheckedAt: new Date(),
    taxEvidenceId: evidenceId,
  };
}
