import { ApiProperty } from "@nestjs/swagger";
import { SharedTaxSummaryView } from "../../data-sharing/dto/shared-data.dto.js";
import { VoucherLineageView } from "../../receivables/dto/voucher-views.dto.js";
import { FinancingRequestView } from "./financing-request.dto.js";

export class InvoiceVerificationView {
  @ApiProperty()
  invoiceKey!: string;

  @ApiProperty({ enum: ["registered", "valid", "voided", "reversed", "unknown"], description: "The tax authority's attestation on chain." })
  status!: string;

  @ApiProperty({ type: String, nullable: true, description: "Minor units attested." })
  attestedAmount!: string | null;
}

export class DebtorPaymentRecordView {
  @ApiProperty({ format: "uuid" })
  debtorOrganisationId!: string;

  @ApiProperty() paidCount!: number;
  @ApiProperty({ description: "Minor units: face value of paid vouchers." }) paidAmount!: string;
  @ApiProperty() defaultedCount!: number;
  @ApiProperty({ description: "Minor units still unpaid on defaulted vouchers." }) defaultedAmount!: string;
  @ApiProperty({ description: "Active vouchers past maturity, unpaid and not yet declared in default." }) overdueCount!: number;
  @ApiProperty({ description: "Minor units outstanding on overdue vouchers." }) overdueAmount!: string;
  @ApiProperty({ description: "Active vouchers not yet mature." }) outstandingCount!: number;
  @ApiProperty({ description: "Minor units outstanding on them." }) outstandingAmount!: string;
}

export class BankExposureView {
  @ApiProperty({ description: "Minor units booked on chain by this bank's active financings on the debtor." })
  exposure!: string;

  @ApiProperty({ description: "Minor units: the regulator's limit in force for this bank and debtor." })
  limit!: string;

  @ApiProperty({ description: "Minor units: exposure if this request were approved." })
  exposureAfterApproval!: string;

  @ApiProperty({ description: "Whether approving would stay within the limit." })
  withinLimit!: boolean;
}

export class GuaranteeCoverView {
  @ApiProperty({ description: "Minor units covered by active (fee paid) guarantees on this financing." })
  active!: string;

  @ApiProperty({ description: "Minor units offered by guarantors, not yet accepted." })
  offered!: string;
}

export class SupplierSharedDataView {
  @ApiProperty({
    enum: ["shared", "not_shared"],
    description:
      "The holder's tax summary reaches a bank only under the holder's live consent (category tax_summary), read " +
      "through the data-sharing path and logged against this financing request. not_shared says why in code.",
  })
  status!: "shared" | "not_shared";

  @ApiProperty({
    type: String,
    nullable: true,
    example: "CONSENT_REQUIRED",
    description: "Why nothing was shared: the code GET /v1/shared/organisations/{id}/tax-summary would answer.",
  })
  code!: string | null;

  @ApiProperty({ type: String, nullable: true })
  message!: string | null;

  @ApiProperty({ type: SharedTaxSummaryView, nullable: true, description: "With its access-log entry id and the authority's signed answer." })
  taxSummary!: SharedTaxSummaryView | null;
}

export class RiskAssessmentView {
  @ApiProperty({ example: "risk-v1", description: "The formula's version (documented in backend/financing/risk-pricing.ts)." })
  model!: string;

  @ApiProperty({ type: "object", additionalProperties: true, description: "Every input of the formula, so the bank can recompute it." })
  inputs!: Record<string, unknown>;

  @ApiProperty({ description: "0 (safest) to 100." })
  score!: number;

  @ApiProperty({ type: [String], example: ["DEBTOR_NO_HISTORY", "SHORT_TENOR"] })
  reasonCodes!: string[];

  @ApiProperty({ enum: ["approve", "decline"] })
  recommendation!: string;

  @ApiProperty({ description: "Suggested annual rate in basis points." })
  suggestedRateBps!: number;

  @ApiProperty({ description: "Suggested advance in minor units." })
  suggestedAdvance!: string;
}

export class DecisionDataView {
  @ApiProperty({ type: FinancingRequestView })
  request!: FinancingRequestView;

  @ApiProperty({ type: VoucherLineageView, description: "The voucher's terms and the part's lineage." })
  voucher!: VoucherLineageView;

  @ApiProperty({ type: InvoiceVerificationView })
  invoice!: InvoiceVerificationView;

  @ApiProperty({ type: DebtorPaymentRecordView })
  debtorPaymentRecord!: DebtorPaymentRecordView;

  @ApiProperty({ type: BankExposureView })
  exposure!: BankExposureView;

  @ApiProperty({ type: GuaranteeCoverView })
  guaranteeCover!: GuaranteeCoverView;

  @ApiProperty({ type: SupplierSharedDataView })
  supplierSharedData!: SupplierSharedDataView;

  @ApiProperty({ type: RiskAssessmentView })
  risk!: RiskAssessmentView;
}
