import { ApiProperty } from "@nestjs/swagger";
import { IsUUID, Matches } from "class-validator";
import { IsPositiveMinorUnits } from "../../common/minor-units.js";
import { PageQuery } from "../../common/pagination.js";

export class OfferGuaranteeRequest {
  @ApiProperty({ format: "uuid", description: "An active financing (its request id)." })
  @IsUUID()
  financingRequestId!: string;

  @ApiProperty({ description: "Minor units covered (at most the financed amount).", example: "50000" })
  @IsPositiveMinorUnits()
  coveredAmount!: string;

  @ApiProperty({ description: "Minor units the bank pays on acceptance (\"0\" for none).", example: "1000" })
  @Matches(/^(0|[1-9][0-9]{0,18})$/, { message: "fee must be a non-negative integer amount of minor units, as a decimal string" })
  fee!: string;
}

export class GuaranteeView {
  @ApiProperty({ format: "uuid" })
  id!: string;

  @ApiProperty({ type: String, nullable: true, description: "The on-chain guarantee id, once offered on chain." })
  guaranteeId!: string | null;

  @ApiProperty({ type: String, format: "uuid", nullable: true })
  financingRequestId!: string | null;

  @ApiProperty()
  financingId!: string;

  @ApiProperty({ type: String, format: "uuid", nullable: true })
  guarantorOrganisationId!: string | null;

  @ApiProperty()
  guarantorAddress!: string;

  @ApiProperty({ type: String, format: "uuid", nullable: true })
  bankOrganisationId!: string | null;

  @ApiProperty({ type: String, nullable: true })
  beneficiaryAddress!: string | null;

  @ApiProperty({ description: "Minor units." })
  coveredAmount!: string;

  @ApiProperty({ description: "Minor units." })
  fee!: string;

  @ApiProperty({
    enum: ["offering", "offer_failed", "offered", "withdrawing", "withdrawn", "accepting", "active", "claiming", "claimed", "paying", "paid", "released"],
  })
  status!: string;

  @ApiProperty({ type: String, nullable: true, description: "The part the guarantor received when it paid (subrogation)." })
  subrogatedPartId!: string | null;

  @ApiProperty({ type: String, nullable: true })
  errorCode!: string | null;

  @ApiProperty({ type: String, nullable: true })
  errorMessage!: string | null;

  @ApiProperty({ format: "date-time" })
  createdAt!: string;
}

export class GuaranteePage {
  @ApiProperty({ type: [GuaranteeView] })
  items!: GuaranteeView[];

  @ApiProperty({ type: String, nullable: true })
  nextCursor!: string | null;
}

export class GuaranteeListQuery extends PageQuery {}
