import { Injectable } from "@nestjs/common";
import { isUUID } from "class-validator";
import { DataSource, type EntityManager } from "typeorm";
import { ChainProvider } from "../chain/chain-provider.js";
import { DomainError, NotFoundError } from "../common/domain-error.js";
import { ComplianceRulesReader, type ExposureReading } from "../compliance/compliance-rules.reader.js";
import type { AuthenticatedOrganisation } from "../participants/authenticated-organisation.js";
import { InvoiceFactsReader } from "../receivables/invoice-facts.js";
import { lineageOf } from "../receivables/lineage.js";
import { VoucherPart } from "../receivables/voucher-part.entity.js";
import { voucherPartView, voucherTermsView } from "../receivables/voucher-view-mapping.js";
import { Voucher } from "../receivables/voucher.entity.js";
import { debtorPaymentRecord } from "./debtor-payment-record.js";
import { SharedDataService } from "../data-sharing/shared-data.service.js";
import type { DecisionDataView, SupplierSharedDataView } from "./dto/decision-data.dto.js";
import { FinancingRequest } from "./financing-request.entity.js";
import { financingRequestView } from "./financing-view-mapping.js";
import { guaranteeCoverOf } from "./guarantee-cover.js";
import { assessRisk, daysUntil } from "./risk-pricing.js";

/**
 * Everything a bank needs to decide one request addressed to it: the voucher's terms and the part's lineage,
 * the invoice's attestation, the debtor's payment record, the bank's exposure and limit (read on chain, which
 * is what approval is checked against), guarantee cover, and the platform's risk score and suggested price.
 *
 * The holder's tax summary needs the holder's consent: it is read through the data-sharing capability, which
 * checks the consent and logs the read against this financing request. Without a live consent the response
 * says why (the same code the shared-data endpoint would answer) and carries no summary.
 */
@Injectable()
export class DecisionDataService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly chain: ChainProvider,
    private readonly compliance: ComplianceRulesReader,
    private readonly invoiceFacts: InvoiceFactsReader,
    private readonly sharedData: SharedDataService,
  ) {}

  async forBank(bank: AuthenticatedOrganisation, requestId: string): Promise<DecisionDataView> {
    const { addressed, assembled } = await this.read(bank, requestId);
    return { ...assembled, supplierSharedData: await this.holderTaxSummary(bank, addressed) };
  }

  /**
   * The same data without the holder's tax summary: what an auto-decision policy is applied to. The summary is
   * left out because reading it is logged as the bank's access to the holder's data, and no policy reads it.
   */
  async assessmentFor(bank: AuthenticatedOrganisation, requestId: string): Promise<Omit<DecisionDataView, "supplierSharedData">> {
    return (await this.read(bank, requestId)).assembled;
  }

  private async read(
    bank: AuthenticatedOrganisation,
    requestId: string,
  ): Promise<{ addressed: FinancingRequest; assembled: Omit<DecisionDataView, "supplierSharedData"> }> {
    const addressed = isUUID(requestId)
      ? await this.dataSource.getRepository(FinancingRequest).findOne({ where: { id: requestId, bankOrganisationId: bank.id } })
      : null;
    if (!addressed) throw new NotFoundError("FINANCING_REQUEST_NOT_FOUND", "no such financing request addressed to you", { requestId });
    // Chain reads first, outside the snapshot: they are the chain's state now, not the index's.
    const [exposure, latest] = await Promise.all([
      this.compliance.exposure(bank.id, addressed.debtorOrganisationId),
      this.chain.provider.getBlock("latest"),
    ]);
    const chainNow = new Date(Number(latest!.timestamp) * 1000);
    // One snapshot: the indexer may commit a split or a payment between the queries below.
    const assembled = await this.dataSource.transaction("REPEATABLE READ", async (manager) => {
      await manager.query("SET TRANSACTION READ ONLY");
      return this.assemble(manager, requestId, exposure, chainNow);
    });
    return { addressed, assembled };
  }

  private async holderTaxSummary(bank: AuthenticatedOrganisation, request: FinancingRequest): Promise<SupplierSharedDataView> {
    if (request.holderOrganisationId === null) {
      return { status: "not_shared", code: "HOLDER_NOT_ON_PLATFORM", message: "the holder is not an organisation of this platform", taxSummary: null };
    }
    try {
      const summary = await this.sharedData.taxSummaryOf(bank, request.holderOrganisationId, { financingRequestId: request.id });
      return { status: "shared", code: null, message: null, taxSummary: summary };
    } catch (error) {
      if (error instanceof DomainError && error.kind !== "validation") {
        return { status: "not_shared", code: error.code, message: error.message, taxSummary: null };
      }
      throw error;
    }
  }

  private async assemble(
    manager: EntityManager,
    requestId: string,
    reading: ExposureReading,
    chainNow: Date,
  ): Promise<Omit<DecisionDataView, "supplierSharedData">> {
    const request = await manager.getRepository(FinancingRequest).findOneByOrFail({ id: requestId });
    const voucher = await manager.getRepository(Voucher).findOneByOrFail({ id: request.voucherId });
    const parts = await manager.getRepository(VoucherPart).find({ where: { voucherId: voucher.id } });
    const part = parts.find((candidate) => candidate.id === request.partId)!;
    const facts = (await this.invoiceFacts.lookup([voucher.invoiceKey], manager)).get(voucher.invoiceKey.toLowerCase());
    const paymentRecord = await debtorPaymentRecord(manager, voucher.debtorOrganisationId, chainNow);
    const cover = await guaranteeCoverOf(manager, request.financingId);

    // An active financing is already booked in the exposure; only a pending request would add to it.
    const adds = request.status === "active" ? 0n : BigInt(request.amount);
    const exposureAfter = reading.exposure + adds;
    const risk = assessRisk({
      amount: request.amount,
      daysToMaturity: daysUntil(voucher.maturity, chainNow),
      tier: part.tier,
      kind: request.kind,
      recourse: request.recourse,
      invoiceStatus: facts?.status ?? "unknown",
      voucherFinanceable: voucher.status === "active" && !voucher.frozen && voucher.maturity.getTime() > chainNow.getTime(),
      debtorPaidCount: paymentRecord.paidCount,
      debtorPaidAmount: paymentRecord.paidAmount,
      debtorDefaultedCount: paymentRecord.defaultedCount,
      debtorDefaultedAmount: paymentRecord.defaultedAmount,
      debtorOverdueCount: paymentRecord.overdueCount,
      exposure: (request.status === "active" ? reading.exposure - BigInt(request.amount) : reading.exposure).toString(),
      exposureLimit: reading.limit.toString(),
      guaranteeCover: (BigInt(cover.active) + BigInt(cover.offered)).toString(),
    });
    return {
      request: financingRequestView(request),
      voucher: { voucher: voucherTermsView(voucher), part: voucherPartView(part), ...lineageOf(part.id, parts) },
      invoice: {
        invoiceKey: voucher.invoiceKey,
        status: facts?.status ?? "unknown",
        attestedAmount: facts?.attestedAmount ?? null,
      },
      debtorPaymentRecord: paymentRecord,
      exposure: {
        exposure: reading.exposure.toString(),
        limit: reading.limit.toString(),
        exposureAfterApproval: exposureAfter.toString(),
        withinLimit: exposureAfter <= reading.limit,
      },
      guaranteeCover: cover,
      risk: { ...risk, inputs: { ...risk.inputs } },
    };
  }
}
