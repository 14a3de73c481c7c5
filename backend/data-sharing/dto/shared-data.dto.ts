import { ApiProperty, ApiPropertyOptional, IntersectionType } from "@nestjs/swagger";
import { IsIn, IsOptional, IsString, IsUUID, MaxLength, MinLength } from "class-validator";
import { PageQuery } from "../../common/pagination.js";
import { InvoiceView } from "../../invoices/dto/invoice.view.js";
import { INVOICE_STATUSES, type InvoiceStatus } from "../../invoices/invoice.entity.js";
import { VoucherPartSummary } from "../../receivables/dto/voucher-views.dto.js";
import { MAX_PURPOSE_LENGTH } from "./consent.dto.js";

/** What every shared-data read takes: under which consent (or, for the regulator, why), and for what. */
export class SharedReadQuery {
  @ApiPropertyOptional({
    format: "uuid",
    description: "The consent to read under; absent: any live consent of the owner to you that covers this data.",
  })
  @IsOptional()
  @IsUUID()
  consentId?: string;

  @ApiPropertyOptional({
    maxLength: MAX_PURPOSE_LENGTH,
    description: "Regulator only, and required for it: the supervisory purpose logged with the read. Others read under their consent's purpose.",
  })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(MAX_PURPOSE_LENGTH)
  purpose?: string;

  @ApiPropertyOptional({ format: "uuid", description: "The financing request this read serves, logged with it." })
  @IsOptional()
  @IsUUID()
  financingRequestId?: string;
}

export class SharedVouchersQuery extends IntersectionType(SharedReadQuery, PageQuery) {}

export class SharedInvoicesQuery extends IntersectionType(SharedReadQuery, PageQuery) {
  @ApiPropertyOptional({ enum: INVOICE_STATUSES })
  @IsOptional()
  @IsIn(INVOICE_STATUSES)
  status?: InvoiceStatus;
}

class SharedReadView {
  @ApiProperty({ format: "uuid", description: "The access-log entry this read wrote; its proof is at /v1/data-sharing/access-log/{id}/proof." })
  accessLogEntryId!: string;

  @ApiProperty({ format: "uuid" })
  ownerOrganisationId!: string;
}

export class SharedInvoicePage extends SharedReadView {
  @ApiProperty({ type: [InvoiceView], description: "Invoices the owner sells or owes, with their tax verification and chain status." })
  items!: InvoiceView[];

  @ApiProperty({ type: String, nullable: true })
  nextCursor!: string | null;
}

export class SharedVoucherPage extends SharedReadView {
  @ApiProperty({
    type: [VoucherPartSummary],
    description: "Parts the owner holds or held (live, closed or redeemed) and root parts of vouchers it owes, newest first.",
  })
  items!: VoucherPartSummary[];

  @ApiProperty({ type: String, nullable: true })
  nextCursor!: string | null;
}

export class MonthlyTaxRecordView {
  @ApiProperty({ example: "2026-10" })
  month!: string;

  @ApiProperty({ description: "Sales on the month's valid invoices, minor units." })
  sales!: string;

  @ApiProperty()
  filedOnTime!: boolean;
}

export class TaxSummaryView {
  @ApiProperty()
  taxId!: string;

  @ApiProperty()
  name!: string;

  @ApiProperty({ type: [MonthlyTaxRecordView], description: "The last 12 closed tax periods, oldest first." })
  months!: MonthlyTaxRecordView[];

  @ApiProperty({ description: "Minor units." })
  taxArrears!: string;
}

export class TaxEvidenceView {
  @ApiProperty({ description: "The tax authority's exact response body (UTF-8 JSON); the signature covers these bytes." })
  body!: string;

  @ApiProperty({ description: "Base64 Ed25519 signature by the tax authority." })
  signature!: string;

  @ApiProperty()
  keyId!: string;

  @ApiProperty({ format: "date-time" })
  issuedAt!: string;
}

export class SharedTaxSummaryView extends SharedReadView {
  @ApiProperty({ type: TaxSummaryView })
  summary!: TaxSummaryView;

  @ApiProperty({ type: TaxEvidenceView, description: "The signed answer it came from, checkable with the authority's public key." })
  evidence!: TaxEvidenceView;
}
