import { ApiProperty, ApiPropertyOptional } from "@nestjs/swagger";
import { IsOptional, IsUUID } from "class-validator";
import { IsPositiveMinorUnits } from "../../common/minor-units.js";
import type { CashInstructionKind } from "../cash-instruction.entity.js";

export class MintCashRequest {
  @ApiProperty({ description: "Minor units deposited, as a decimal string.", example: "1000000" })
  @IsPositiveMinorUnits()
  amount!: string;

  @ApiPropertyOptional({
    format: "uuid",
    description: "An active organisation that deposited the money with the bank; absent: the bank itself.",
  })
  @IsOptional()
  @IsUUID()
  recipientOrganisationId?: string;
}

export class BurnCashRequest {
  @ApiProperty({ description: "Minor units withdrawn from the bank's own balance, as a decimal string.", example: "250000" })
  @IsPositiveMinorUnits()
  amount!: string;
}

export class CashInstructionView {
  @ApiProperty({ format: "uuid" })
  id!: string;

  @ApiProperty({ enum: ["mint", "burn"] })
  kind!: CashInstructionKind;

  @ApiProperty({ description: "Minor units.", example: "1000000" })
  amount!: string;

  @ApiProperty({ type: String, format: "uuid", nullable: true, description: "For a mint: who receives the cash." })
  recipientOrganisationId!: string | null;

  @ApiProperty({ type: String, nullable: true })
  recipientAddress!: string | null;

  @ApiProperty({ enum: ["pending", "confirmed", "failed"], description: "confirmed: executed on chain." })
  status!: "pending" | "confirmed" | "failed";

  @ApiProperty({ type: String, nullable: true, example: "CASH_RECIPIENT_NOT_VERIFIED" })
  errorCode!: string | null;

  @ApiProperty({ type: String, nullable: true })
  errorMessage!: string | null;

  @ApiProperty({ format: "date-time" })
  createdAt!: string;
}
