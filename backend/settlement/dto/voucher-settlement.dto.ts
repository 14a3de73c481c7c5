import { ApiProperty, ApiPropertyOptional } from "@nestjs/swagger";
import { IsIn, IsOptional } from "class-validator";
import { PageQuery } from "../../common/pagination.js";
import { SETTLEMENT_STATUSES, type SettlementStatus } from "../settlement-status.js";

export class ListVoucherSettlementsQuery extends PageQuery {
  @ApiPropertyOptional({ enum: SETTLEMENT_STATUSES })
  @IsOptional()
  @IsIn(SETTLEMENT_STATUSES)
  status?: SettlementStatus;
}

export class PartPaymentView {
  @ApiProperty({ example: "14" })
  partId!: string;

  @ApiProperty()
  holderAddress!: string;

  @ApiProperty({ type: String, format: "uuid", nullable: true })
  holderOrganisationId!: string | null;

  @ApiProperty({ description: "Minor units paid to the holder.", example: "30000" })
  holderAmount!: string;

  @ApiProperty({ type: String, nullable: true, description: "The hold beneficiary paid first, if the part carried a hold." })
  beneficiaryAddress!: string | null;

  @ApiProperty({ type: String, format: "uuid", nullable: true })
  beneficiaryOrganisationId!: string | null;

  @ApiProperty({ description: "Minor units paid to the hold beneficiary.", example: "0" })
  beneficiaryAmount!: string;

  @ApiProperty()
  txHash!: string;

  @ApiProperty({ format: "date-time" })
  paidAt!: string;
}

export class OutstandingPartView {
  @ApiProperty({ example: "15" })
  partId!: string;

  @ApiProperty({ type: String, format: "uuid", nullable: true })
  holderOrganisationId!: string | null;

  @ApiProperty({ description: "Minor units.", example: "20000" })
  amount!: string;

  @ApiProperty({ description: "Minor units of it locked for a hold beneficiary, who is paid first.", example: "0" })
  heldAmount!: string;
}

export class VoucherSettlementView {
  @ApiProperty({ example: "12" })
  voucherId!: string;

  @ApiProperty({ format: "uuid" })
  debtorOrganisationId!: string;

  @ApiProperty({ enum: SETTLEMENT_STATUSES })
  status!: SettlementStatus;

  @ApiProperty({ description: "Minor units.", example: "100000" })
  faceValue!: string;

  @ApiProperty({ description: "Minor units paid so far.", example: "0" })
  paid!: string;

  @ApiProperty({ description: "Minor units still owed.", example: "100000" })
  outstanding!: string;

  @ApiProperty({ format: "date-time" })
  maturity!: string;

  @ApiProperty({ type: String, format: "date-time", nullable: true, description: "Maturity plus grace; known once it matured." })
  defaultableAt!: string | null;

  @ApiProperty({ type: String, format: "date-time", nullable: true })
  defaultedAt!: string | null;

  @ApiProperty({ type: String, nullable: true, description: "Minor units outstanding when it defaulted." })
  defaultedOutstanding!: string | null;

  @ApiProperty({ type: [OutstandingPartView] })
  outstandingParts!: OutstandingPartView[];

  @ApiProperty({ type: [PartPaymentView] })
  payments!: PartPaymentView[];
}

export class VoucherSettlementSummary {
  @ApiProperty({ example: "12" })
  voucherId!: string;

  @ApiProperty({ format: "uuid" })
  debtorOrganisationId!: string;

  @ApiProperty({ enum: SETTLEMENT_STATUSES })
  status!: SettlementStatus;

  @ApiProperty({ example: "100000" })
  faceValue!: string;

  @ApiProperty({ example: "100000" })
  outstanding!: string;

  @ApiProperty({ format: "date-time" })
  maturity!: string;
}

export class VoucherSettlementPage {
  @ApiProperty({ type: [VoucherSettlementSummary] })
  items!: VoucherSettlementSummary[];

  @ApiProperty({ type: String, nullable: true })
  nextCursor!: string | null;
}
