import { ApiProperty, ApiPropertyOptional } from "@nestjs/swagger";
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsBoolean, IsIn, IsOptional, IsUUID, Matches } from "class-validator";
import { IsPositiveMinorUnits } from "../../common/minor-units.js";
import type { FinancingKindName } from "../financing-request.entity.js";

export const MAX_BANKS_PER_REQUEST = 10;
const PART_ID = /^[1-9][0-9]{0,18}$/;
const NON_NEGATIVE_MINOR_UNITS = /^(0|[1-9][0-9]{0,18})$/;

export class CreateFinancingRequest {
  @ApiProperty({ description: "The voucher part to finance (the caller must hold it).", example: "7" })
  @Matches(PART_ID, { message: "partId must be a decimal part id" })
  partId!: string;

  @ApiProperty({
    type: [String],
    format: "uuid",
    minItems: 1,
    maxItems: MAX_BANKS_PER_REQUEST,
    description: "The banks asked: one request per bank, grouped; the first approval wins on chain.",
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_BANKS_PER_REQUEST)
  @ArrayUnique()
  @IsUUID("all", { each: true })
  bankOrganisationIds!: string[];

  @ApiProperty({ enum: ["factoring", "pledge_loan"], description: "factoring sells the whole part; pledge_loan keeps it under a hold." })
  @IsIn(["factoring", "pledge_loan"])
  kind!: FinancingKindName;

  @ApiProperty({ description: "Factoring only: the seller buys the part back if the debtor defaults." })
  @IsBoolean()
  recourse!: boolean;

  @ApiPropertyOptional({ description: "Loans only: minor units pledged (at most the part's unheld value)." })
  @IsOptional()
  @IsPositiveMinorUnits()
  pledgeAmount?: string;

  @ApiProperty({ description: "Minor units: the least cash the holder accepts (\"0\" for any).", example: "90000" })
  @Matches(NON_NEGATIVE_MINOR_UNITS, { message: "minAdvance must be a non-negative integer amount of minor units, as a decimal string" })
  minAdvance!: string;
}

export class FinancingRequestView {
  @ApiProperty({ format: "uuid" })
  id!: string;

  @ApiProperty({ format: "uuid", description: "Requests made together to several banks share it." })
  groupId!: string;

  @ApiProperty({ type: String, nullable: true, description: "The on-chain financing id, once the request is on chain." })
  financingId!: string | null;

  @ApiProperty({ enum: ["requesting", "request_failed", "requested", "withdrawing", "withdrawn", "deciding", "rejected", "active", "repaid", "settled", "recourse_exercised"] })
  status!: string;

  @ApiProperty({ type: String, format: "uuid", nullable: true })
  holderOrganisationId!: string | null;

  @ApiProperty()
  holderAddress!: string;

  @ApiProperty({ format: "uuid" })
  bankOrganisationId!: string;

  @ApiProperty({ format: "uuid" })
  debtorOrganisationId!: string;

  @ApiProperty()
  voucherId!: string;

  @ApiProperty()
  partId!: string;

  @ApiProperty({ enum: ["factoring", "pledge_loan"] })
  kind!: FinancingKindName;

  @ApiProperty()
  recourse!: boolean;

  @ApiProperty({ description: "Minor units financed." })
  amount!: string;

  @ApiProperty({ description: "Minor units." })
  minAdvance!: string;

  @ApiProperty({ type: String, nullable: true, description: "Minor units paid to the holder (once active)." })
  advance!: string | null;

  @ApiProperty({ type: Number, nullable: true })
  rateBps!: number | null;

  @ApiProperty({ type: String, nullable: true, description: "Minor units owed to the bank: the part's value, or the loan's hold." })
  repaymentAmount!: string | null;

  @ApiProperty({ type: String, nullable: true, description: "The delivery-versus-payment transaction." })
  approvedTxHash!: string | null;

  @ApiProperty({ type: String, format: "date-time", nullable: true })
  approvedAt!: string | null;

  @ApiProperty({ type: String, nullable: true, description: "Why the last chain step failed (decoded contract error)." })
  errorCode!: string | null;

  @ApiProperty({ type: String, nullable: true })
  errorMessage!: string | null;

  @ApiProperty({ format: "date-time" })
  createdAt!: string;

  @ApiPropertyOptional({
    type: () => AutoDecisionSummaryView,
    nullable: true,
    description: "Bank's inbox only: what its auto-decision policy did with the request; null when no policy was on for it.",
  })
  autoDecision?: AutoDecisionSummaryView | null;
}

export class AutoDecisionSummaryView {
  @ApiProperty({ enum: ["pending", "approved", "referred", "skipped"], description: "GET /v1/financing/inbox/{id}/auto-decision has the details." })
  outcome!: string;

  @ApiProperty({ type: [String], description: "Why it was referred or skipped, e.g. AMOUNT_ABOVE_POLICY." })
  reasons!: string[];
}

export class FinancingRequestGroupView {
  @ApiProperty({ format: "uuid" })
  groupId!: string;

  @ApiProperty({ type: [FinancingRequestView] })
  requests!: FinancingRequestView[];
}

export class FinancingRequestPage {
  @ApiProperty({ type: [FinancingRequestView] })
  items!: FinancingRequestView[];

  @ApiProperty({ type: String, nullable: true, description: "Pass as `cursor` for the next page; null on the last." })
  nextCursor!: string | null;
}
