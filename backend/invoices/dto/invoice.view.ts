import { ApiProperty } from "@nestjs/swagger";
import { INVOICE_STATUSES, type Invoice, type InvoiceStatus, type TaxCheckStatus } from "../invoice.entity.js";

export class ProblemView {
  @ApiProperty({ example: "INVOICE_ALREADY_REGISTERED" })
  code!: string;

  @ApiProperty()
  message!: string;
}

export class TaxCheckView {
  @ApiProperty({ enum: ["valid", "voided", "reversed", "not_found"] })
  status!: TaxCheckStatus;

  @ApiProperty({ type: String, nullable: true, description: "The amount on the tax authority's record, minor units." })
  amount!: string | null;

  @ApiProperty({ type: [String], example: ["AMOUNT_DIFFERS"], description: "Where the declaration and the record differ." })
  mismatches!: string[];

  @ApiProperty({ format: "date-time" })
  checkedAt!: string;
}

export class InvoiceView {
  @ApiProperty({ format: "uuid" })
  id!: string;

  @ApiProperty({ example: "0x5c0f...", description: "The canonical key: keccak256(abi.encode(sellerTaxId, invoiceCode, invoiceNumber))." })
  invoiceKey!: string;

  @ApiProperty({ format: "uuid" })
  sellerOrganisationId!: string;

  @ApiProperty({ format: "uuid", description: "The core enterprise that owes it." })
  debtorOrganisationId!: string;

  @ApiProperty()
  sellerTaxId!: string;

  @ApiProperty()
  buyerTaxId!: string;

  @ApiProperty()
  invoiceCode!: string;

  @ApiProperty()
  invoiceNumber!: string;

  @ApiProperty({ example: "125000000", description: "Minor units." })
  amount!: string;

  @ApiProperty({ format: "date" })
  issueDate!: string;

  @ApiProperty({ format: "date" })
  dueDate!: string;

  @ApiProperty({
    enum: INVOICE_STATUSES,
    description:
      "registering -> verifying (registered on chain) -> valid | voided | reversed (attested by the tax authority); " +
      "rejected: the tax authority does not know it or its record differs; failed: a chain write failed (see error).",
  })
  status!: InvoiceStatus;

  @ApiProperty({ type: ProblemView, nullable: true, description: "Why it is rejected or failed." })
  error!: ProblemView | null;

  @ApiProperty({ type: TaxCheckView, nullable: true, description: "The tax authority's last answer." })
  taxCheck!: TaxCheckView | null;

  @ApiProperty({ type: String, nullable: true, description: "The amount attested on chain, minor units." })
  attestedAmount!: string | null;

  @ApiProperty({ type: String, nullable: true, description: "The on-chain voucher it backs." })
  voucherId!: string | null;

  @ApiProperty({ type: String, format: "uuid", nullable: true })
  uploadId!: string | null;

  @ApiProperty({ type: String, format: "date-time", nullable: true })
  registeredAt!: string | null;

  @ApiProperty({ type: String, format: "date-time", nullable: true })
  attestedAt!: string | null;

  @ApiProperty({ format: "date-time" })
  createdAt!: string;

  static of(invoice: Invoice): InvoiceView {
    return {
      id: invoice.id,
      invoiceKey: invoice.invoiceKey,
      sellerOrganisationId: invoice.sellerOrganisationId,
      debtorOrganisationId: invoice.debtorOrganisationId,
      sellerTaxId: invoice.sellerTaxId,
      buyerTaxId: invoice.buyerTaxId,
      invoiceCode: invoice.invoiceCode,
      invoiceNumber: invoice.invoiceNumber,
      amount: invoice.amount,
      issueDate: invoice.issueDate,
      dueDate: invoice.dueDate,
      status: invoice.status,
      error: invoice.errorCode === null ? null : { code: invoice.errorCode, message: invoice.errorMessage ?? "" },
      taxCheck:
        invoice.taxStatus === null || invoice.taxCheckedAt === null
          ? null
          : {
              status: invoice.taxStatus,
              amount: invoice.taxAmount,
              mismatches: invoice.taxMismatches,
              checkedAt: invoice.taxCheckedAt.toISOString(),
            },
      attestedAmount: invoice.attestedAmount,
      voucherId: invoice.voucherId,
      uploadId: invoice.uploadId,
      registeredAt: invoice.registeredAt?.toISOString() ?? null,
      attestedAt: invoice.attestedAt?.toISOString() ?? null,
      createdAt: invoice.createdAt.toISOString(),
    };
  }
}

export class InvoicePage {
  @ApiProperty({ type: [InvoiceView] })
  items!: InvoiceView[];

  @ApiProperty({ type: String, nullable: true, description: "Pass as `cursor` for the next page; null on the last page." })
  nextCursor!: string | null;
}
