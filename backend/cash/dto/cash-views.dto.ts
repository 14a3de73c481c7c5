import { ApiProperty } from "@nestjs/swagger";
import type { CashMovementKind } from "../cash-movement.entity.js";

export class CashBalanceView {
  @ApiProperty({ format: "uuid" })
  organisationId!: string;

  @ApiProperty({ description: "Minor units held by the organisation's accounts, as indexed.", example: "750000" })
  balance!: string;

  @ApiProperty({ description: "Minor units of burns and payments recorded but not yet executed on chain.", example: "0" })
  pendingOutflows!: string;

  @ApiProperty({ description: "The last block the platform has indexed: the balance is as of this block.", example: 1234 })
  asOfBlock!: number;
}

export class CashMovementView {
  @ApiProperty({ enum: ["mint", "burn", "transfer"] })
  kind!: CashMovementKind;

  @ApiProperty({ enum: ["in", "out"], description: "Seen from the caller: in raises its balance, out lowers it." })
  direction!: "in" | "out";

  @ApiProperty({ description: "Minor units.", example: "40000" })
  amount!: string;

  @ApiProperty({ type: String, nullable: true, description: "Null for a mint." })
  fromAddress!: string | null;

  @ApiProperty({ type: String, format: "uuid", nullable: true })
  fromOrganisationId!: string | null;

  @ApiProperty({ type: String, nullable: true, description: "Null for a burn." })
  toAddress!: string | null;

  @ApiProperty({ type: String, format: "uuid", nullable: true })
  toOrganisationId!: string | null;

  @ApiProperty()
  txHash!: string;

  @ApiProperty()
  blockNumber!: number;

  @ApiProperty()
  logIndex!: number;

  @ApiProperty({ format: "date-time", description: "The block's timestamp." })
  occurredAt!: string;
}

export class CashMovementPage {
  @ApiProperty({ type: [CashMovementView] })
  items!: CashMovementView[];

  @ApiProperty({ type: String, nullable: true })
  nextCursor!: string | null;
}
