import { Inject, Injectable } from "@nestjs/common";
import { DataSource, type EntityManager } from "typeorm";
import { ChainGateway } from "../chain/chain-gateway.service.js";
import { Invoice } from "../invoices/invoice.entity.js";
import { TAX_AUTHORITY, type InvoiceVerificationBatch, type TaxAuthorityAdapter } from "./tax-authority.adapter.js";
import { TaxAuthorityAccount } from "./tax-authority-account.service.js";
import { type Attest, attestationBusinessKey, decideVerification } from "./tax-decisions.js";
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
      const attestations: Array<{ invoice: Invoice; attest: Attest }> = [];
      for (const [index, invoice] of invoices.entries()) {
        const result = batch.results[index]!;
        const decision = decideVerification(result);
        await manager.getRepository(Invoice).update(
          { id: invoice.id },
          {
            ...taxCheckColumns(result, evidenceId),
            ...(decision.kind === "reject" ? { status: "rejected", errorCode: decision.code, errorMessage: decision.message } : {}),
          },
        );
        if (decision.kind === "attest") attestations.push({ invoice, attest: decision });
      }
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
