import { Inject, Injectable, Logger } from "@nestjs/common";
import { DataSource } from "typeorm";
import { ChainGateway } from "../chain/chain-gateway.service.js";
import { Invoice } from "../invoices/invoice.entity.js";
import { TAX_AUTHORITY, type TaxAuthorityAdapter } from "./tax-authority.adapter.js";
import { TaxAuthorityAccount } from "./tax-authority-account.service.js";
import { attestationBusinessKey, decideResync } from "./tax-decisions.js";
import type { ResyncScope } from "./tax-verification.queue.js";
import { MAX_INVOICES_PER_VERIFICATION, saveEvidence, taxCheckColumns } from "./tax-verifier.service.js";

export interface ResyncReport {
  checked: number;
  /** Invoices whose change (voided, reversed, new amount) was recorded for attestation on chain. */
  changed: number;
}

/**
 * Asks the tax authority again about invoices attested valid, because an invoice can be voided or reversed
 * (red-letter) after it was attested. Each change becomes an `invoice.attest` chain operation; on chain,
 * voiding, reversing or lowering the amount of an invoice that backs a voucher freezes that voucher.
 */
@Injectable()
export class TaxResync {
  private readonly logger = new Logger(TaxResync.name);

  constructor(
    private readonly dataSource: DataSource,
    @Inject(TAX_AUTHORITY) private readonly authority: TaxAuthorityAdapter,
    private readonly account: TaxAuthorityAccount,
    private readonly chainGateway: ChainGateway,
  ) {}

  async resync(scope: ResyncScope): Promise<ResyncReport> {
    const report: ResyncReport = { checked: 0, changed: 0 };
    const signer = await this.account.signer(this.dataSource.manager);
    if (signer === null) return report;
    let afterId: string | null = null;
    for (;;) {
      const builder = this.dataSource
        .getRepository(Invoice)
        .createQueryBuilder("invoice")
        .where("invoice.status = 'valid'")
        .orderBy("invoice.id", "ASC")
        .limit(MAX_INVOICES_PER_VERIFICATION);
      if (scope === "backing-vouchers") builder.andWhere("invoice.voucherId IS NOT NULL");
      if (afterId !== null) builder.andWhere("invoice.id > :afterId", { afterId });
      const invoices = await builder.getMany();
      if (invoices.length === 0) break;
      afterId = invoices.at(-1)!.id;

      const batch = await this.authority.verifyInvoices(
        invoices.map((invoice) => ({
          sellerTaxId: invoice.sellerTaxId,
          invoiceCode: invoice.invoiceCode,
          invoiceNumber: invoice.invoiceNumber,
          amount: BigInt(invoice.amount),
          issueDate: invoice.issueDate,
        })),
      );
      const changed = await this.dataSource.transaction(async (manager) => {
        const evidenceId = await saveEvidence(manager, batch);
        const operations = [];
        for (const [index, invoice] of invoices.entries()) {
          const result = batch.results[index]!;
          await manager.getRepository(Invoice).update({ id: invoice.id }, taxCheckColumns(result, evidenceId));
          const decision = decideResync(result, invoice.attestedAmount === null ? null : BigInt(invoice.attestedAmount));
          if (decision.kind === "unchanged") continue;
          operations.push({
            businessKey: attestationBusinessKey(invoice.invoiceKey, decision),
            kind: "invoice.attest" as const,
            signer,
            payload: { invoiceKey: invoice.invoiceKey, status: decision.status, amount: decision.amount.toString() },
          });
        }
        await this.chainGateway.record(manager, operations);
        return operations.length;
      });
      if (changed > 0) await this.chainGateway.wake([signer]);
      report.checked += invoices.length;
      report.changed += changed;
    }
    this.logger.log(`tax resync (${scope}): ${report.checked} invoices checked, ${report.changed} changes recorded for attestation`);
    return report;
  }
}
