import { ApiProperty } from "@nestjs/swagger";
import type { Confirmation, ConfirmationStatus } from "../confirmation.entity.js";

export class ConfirmationView {
  @ApiProperty({ format: "uuid" })
  id!: string;

  @ApiProperty()
  invoiceKey!: string;

  @ApiProperty({ format: "uuid" })
  debtorOrganisationId!: string;

  @ApiProperty({ description: "The seller's account the voucher is issued to." })
  holderAddress!: string;

  @ApiProperty({ description: "Minor units.", example: "125000" })
  faceValue!: string;

  @ApiProperty({ format: "date-time" })
  maturity!: string;

  @ApiProperty({ enum: ["pending", "issued", "failed"] })
  status!: ConfirmationStatus;

  @ApiProperty({ type: String, nullable: true, description: "The issued voucher (its root part id)." })
  voucherId!: string | null;

  @ApiProperty({ type: String, nullable: true, example: "INVOICE_ALREADY_BACKS_VOUCHER" })
  errorCode!: string | null;

  @ApiProperty({ type: String, nullable: true })
  errorMessage!: string | null;

  @ApiProperty({ format: "date-time" })
  createdAt!: string;

  static of(confirmation: Confirmation): ConfirmationView {
    return {
      id: confirmation.id,
      invoiceKey: confirmation.invoiceKey,
      debtorOrganisationId: confirmation.debtorOrganisationId,
      holderAddress: confirmation.holderAddress,
      faceValue: confirmation.faceValue,
      maturity: confirmation.maturity.toISOString(),
      status: confirmation.status,
      voucherId: confirmation.voucherId,
      errorCode: confirmation.errorCode,
      errorMessage: confirmation.errorMessage,
      createdAt: confirmation.createdAt.toISOString(),
    };
  }
}

export class ConfirmPayablesResponse {
  @ApiProperty({ type: [ConfirmationView], description: "One per item, in the request's order." })
  confirmations!: ConfirmationView[];
}
