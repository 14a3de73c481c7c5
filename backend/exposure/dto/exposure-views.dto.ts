import { ApiProperty } from "@nestjs/swagger";
import { VoucherLineageView } from "../../receivables/dto/voucher-views.dto.js";

const MINOR = { description: "Minor units.", example: "125000" };

/** The figures of a set of live voucher parts. */
export class ExposureFigures {
  @ApiProperty({ ...MINOR, description: "Value of live parts not yet paid (minor units)." })
  outstanding!: string;

  @ApiProperty({ ...MINOR, description: "Exposure booked by banks on financed parts (the financing amounts)." })
  financed!: string;

  @ApiProperty({ ...MINOR, description: "Outstanding on active vouchers whose maturity date (UTC) is before today." })
  overdue!: string;

  @ApiProperty({ ...MINOR, description: "Outstanding on defaulted vouchers." })
  defaulted!: string;

  @ApiProperty({ ...MINOR, description: "Guarantee cover on financed parts." })
  covered!: string;

  @ApiProperty({ description: "Live parts counted.", example: "3" })
  parts!: string;
}

export class ExposureSummaryView extends ExposureFigures {
  @ApiProperty({ format: "date", description: "The day (UTC) overdue is measured against." })
  asOf!: string;
}

export class BreakdownRow extends ExposureFigures {
  @ApiProperty({
    type: String,
    nullable: true,
    description: "Organisation id, region or industry; null: none (e.g. not financed).",
  })
  key!: string | null;

  @ApiProperty({ type: String, nullable: true, description: "The organisation's name, when the key is one." })
  name!: string | null;

  @ApiProperty({ type: Number, nullable: true, description: "The tier, for the supplier breakdown." })
  tier!: number | null;
}

export class BreakdownView {
  @ApiProperty({ enum: ["bank", "debtor", "supplier", "guarantor", "region", "industry"] })
  by!: string;

  @ApiProperty({ type: [BreakdownRow] })
  rows!: BreakdownRow[];
}

export class ConcentrationRow {
  @ApiProperty({ format: "uuid" })
  bankId!: string;

  @ApiProperty({ type: String, nullable: true })
  bankName!: string | null;

  @ApiProperty(MINOR)
  financed!: string;

  @ApiProperty({ description: "Debtors the bank has financed exposure to." })
  debtors!: number;

  @ApiProperty({ description: "Share of the bank's book held by its 10 largest debtors, 0 to 1.", example: 0.82 })
  top10Share!: number;

  @ApiProperty({ description: "Herfindahl-Hirschman index of the book over debtors, 0 to 10,000.", example: 2650 })
  hhi!: number;
}

export class MaturityBucket {
  @ApiProperty({
    example: "0-30",
    description: "overdue, 0-30, 31-60, 61-90, 91-180, 181-365, over-365 (days from today), defaulted",
  })
  bucket!: string;

  @ApiProperty(MINOR)
  outstanding!: string;

  @ApiProperty(MINOR)
  financed!: string;

  @ApiProperty()
  parts!: string;
}

export class GuarantorUseRow {
  @ApiProperty({ format: "uuid" })
  guarantorId!: string;

  @ApiProperty({ type: String, nullable: true })
  guarantorName!: string | null;

  @ApiProperty({ ...MINOR, description: "Capacity the regulator set on chain." })
  capacity!: string;

  @ApiProperty({ ...MINOR, description: "Cover outstanding as ComplianceRules booked it." })
  used!: string;

  @ApiProperty({ ...MINOR, description: "Cover on live financed parts." })
  covered!: string;

  @ApiProperty({ type: Number, nullable: true, description: "used / capacity; null when no capacity is set." })
  utilisation!: number | null;
}

export class LimitRow {
  @ApiProperty({ format: "uuid" })
  bankId!: string;

  @ApiProperty({ type: String, nullable: true })
  bankName!: string | null;

  @ApiProperty({ format: "uuid" })
  debtorId!: string;

  @ApiProperty({ type: String, nullable: true })
  debtorName!: string | null;

  @ApiProperty({ ...MINOR, description: "The limit in force: the pair's override, else the default." })
  limit!: string;

  @ApiProperty({ description: "Whether the limit is a pair override." })
  override!: boolean;

  @ApiProperty({ ...MINOR, description: "Exposure ComplianceRules booked for the pair." })
  exposure!: string;

  @ApiProperty({ type: Number, nullable: true, description: "exposure / limit; null when the limit is zero." })
  utilisation!: number | null;

  @ApiProperty({ enum: ["ok", "warning", "breach"], description: "warning from 80% of the limit, breach from 100%." })
  level!: string;
}

export class AlertView {
  @ApiProperty({ enum: ["exposure_limit", "guarantor_capacity"] })
  kind!: string;

  @ApiProperty({ enum: ["warning", "breach"] })
  level!: string;

  @ApiProperty({ description: "What is affected, in words." })
  subject!: string;

  @ApiProperty({ type: Object, description: "Ids and figures." })
  details!: Record<string, unknown>;
}

export class DuplicateAttemptRow {
  @ApiProperty({ format: "uuid", description: "The chain operation the contract refused." })
  operationId!: string;

  @ApiProperty({ example: "voucher.issue" })
  kind!: string;

  @ApiProperty({ example: "INVOICE_ALREADY_BACKS_VOUCHER" })
  errorCode!: string;

  @ApiProperty()
  signerAddress!: string;

  @ApiProperty({ format: "date-time" })
  at!: string;
}

export class DuplicateAttemptsView {
  @ApiProperty({
    type: Object,
    description: "Refused attempts by error code.",
    example: { INVOICE_ALREADY_BACKS_VOUCHER: 2 },
  })
  byCode!: Record<string, number>;

  @ApiProperty({ description: "All refused attempts." })
  total!: number;

  @ApiProperty({ type: [DuplicateAttemptRow], description: "The 50 latest." })
  latest!: DuplicateAttemptRow[];
}

export class TrendPoint {
  @ApiProperty({ format: "date" })
  day!: string;

  @ApiProperty({ ...MINOR, description: "Face value issued that day." })
  issued!: string;

  @ApiProperty({ ...MINOR, description: "Amounts financed (approved) that day." })
  financed!: string;

  @ApiProperty({ ...MINOR, description: "Paid to holders that day." })
  redeemed!: string;

  @ApiProperty({ ...MINOR, description: "Outstanding on vouchers that defaulted that day." })
  defaulted!: string;

  @ApiProperty({ ...MINOR, description: "Issued minus redeemed, cumulated up to that day." })
  outstanding!: string;
}

export class PositionView {
  @ApiProperty()
  partId!: string;

  @ApiProperty()
  voucherId!: string;

  @ApiProperty()
  tier!: number;

  @ApiProperty({ format: "uuid" })
  debtorId!: string;

  @ApiProperty({ type: String, nullable: true })
  debtorName!: string | null;

  @ApiProperty({ type: String, format: "uuid", nullable: true })
  supplierId!: string | null;

  @ApiProperty({ type: String, nullable: true })
  supplierName!: string | null;

  @ApiProperty({ type: String, format: "uuid", nullable: true })
  holderId!: string | null;

  @ApiProperty({ type: String, format: "uuid", nullable: true })
  bankId!: string | null;

  @ApiProperty({ type: String, nullable: true })
  bankName!: string | null;

  @ApiProperty({ type: String, format: "uuid", nullable: true })
  guarantorId!: string | null;

  @ApiProperty(MINOR)
  amount!: string;

  @ApiProperty(MINOR)
  financed!: string;

  @ApiProperty(MINOR)
  covered!: string;

  @ApiProperty({ format: "date-time" })
  maturity!: string;

  @ApiProperty({ enum: ["live", "closed", "redeemed"] })
  status!: string;

  @ApiProperty({ enum: ["active", "defaulted", "paid"] })
  voucherStatus!: string;
}

export class PositionPage {
  @ApiProperty({ type: [PositionView] })
  items!: PositionView[];

  @ApiProperty({ type: String, nullable: true })
  nextCursor!: string | null;
}

export class RegulatorLineageView extends VoucherLineageView {
  @ApiProperty({
    type: PositionView,
    nullable: true,
    description: "The part's exposure position (bank, guarantor, supplier).",
  })
  position!: PositionView | null;
}
