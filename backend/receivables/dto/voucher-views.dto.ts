import { ApiProperty } from "@nestjs/swagger";
import type { VoucherPartStatus } from "../voucher-part.entity.js";
import type { VoucherStatus } from "../voucher.entity.js";

export class VoucherTermsView {
  @ApiProperty({ description: "The voucher id, which is also its root part's id.", example: "1" })
  voucherId!: string;

  @ApiProperty()
  invoiceKey!: string;

  @ApiProperty({ format: "uuid" })
  debtorOrganisationId!: string;

  @ApiProperty({ description: "Minor units.", example: "125000" })
  faceValue!: string;

  @ApiProperty({ description: "Minor units paid out so far.", example: "0" })
  redeemed!: string;

  @ApiProperty({ format: "date-time" })
  maturity!: string;

  @ApiProperty({ enum: ["active", "defaulted", "paid"] })
  status!: VoucherStatus;

  @ApiProperty()
  frozen!: boolean;

  @ApiProperty()
  issuedTxHash!: string;

  @ApiProperty({ format: "date-time" })
  issuedAt!: string;
}

export class VoucherPartView {
  @ApiProperty({ example: "7" })
  partId!: string;

  @ApiProperty({ example: "1" })
  voucherId!: string;

  @ApiProperty({ type: String, nullable: true, description: "Null for the root part." })
  parentPartId!: string | null;

  @ApiProperty({ description: "1 for the root part; each split goes one tier down.", example: 2 })
  tier!: number;

  @ApiProperty({ description: "The holder's account (the last one for a closed or redeemed part)." })
  holderAddress!: string;

  @ApiProperty({ type: String, format: "uuid", nullable: true, description: "Null when the account is not a known organisation's." })
  holderOrganisationId!: string | null;

  @ApiProperty({ description: "Minor units left in this part.", example: "40000" })
  amount!: string;

  @ApiProperty({ description: "Minor units locked by a hold.", example: "0" })
  heldAmount!: string;

  @ApiProperty({ type: String, nullable: true })
  holdBeneficiary!: string | null;

  @ApiProperty({ enum: ["live", "closed", "redeemed"] })
  status!: VoucherPartStatus;

  @ApiProperty()
  createdTxHash!: string;

  @ApiProperty({ format: "date-time" })
  createdAt!: string;
}

export class VoucherPartSummary extends VoucherPartView {
  @ApiProperty({ type: VoucherTermsView })
  voucher!: VoucherTermsView;
}

export class VoucherPartPage {
  @ApiProperty({ type: [VoucherPartSummary] })
  items!: VoucherPartSummary[];

  @ApiProperty({ type: String, nullable: true, description: "Pass as `cursor` for the next page; null on the last." })
  nextCursor!: string | null;
}

export class VoucherPartNode extends VoucherPartView {
  @ApiProperty({ type: () => [VoucherPartNode], description: "Parts split off this one, oldest first." })
  children!: VoucherPartNode[];
}

export class VoucherLineageView {
  @ApiProperty({ type: VoucherTermsView })
  voucher!: VoucherTermsView;

  @ApiProperty({ type: VoucherPartView })
  part!: VoucherPartView;

  @ApiProperty({ type: [VoucherPartView], description: "From the root part down to this part's parent." })
  ancestors!: VoucherPartView[];

  @ApiProperty({ type: [VoucherPartNode], description: "The parts split off this one, as a tree." })
  children!: VoucherPartNode[];
}
