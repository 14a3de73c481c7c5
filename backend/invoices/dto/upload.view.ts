import { ApiProperty } from "@nestjs/swagger";
import type { Page } from "../../common/pagination.js";
import type { UploadRow, UploadRowStatus } from "../upload-row.entity.js";
import type { Upload, UploadKind, UploadStatus } from "../upload.entity.js";

export class UploadRowView {
  @ApiProperty({ description: "1 is the first row after the CSV header (or the first item of a JSON upload)." })
  rowNumber!: number;

  @ApiProperty({ enum: ["accepted", "rejected"] })
  status!: UploadRowStatus;

  @ApiProperty({ type: String, format: "uuid", nullable: true, description: "The invoice an accepted row created." })
  invoiceId!: string | null;

  @ApiProperty({ type: String, nullable: true, example: "amount", description: "The field at fault; null for the row as a whole." })
  field!: string | null;

  @ApiProperty({
    type: String,
    nullable: true,
    example: "INVALID_AMOUNT",
    description:
      "Why a row was rejected: MISSING_FIELD, INVALID_FIELD, FIELD_TOO_LONG, INVALID_TAX_ID, INVALID_AMOUNT, INVALID_DATE, " +
      "DUE_DATE_BEFORE_ISSUE_DATE, INVALID_ROW, UNKNOWN_FIELD, SELLER_TAX_ID_MISMATCH, UNKNOWN_BUYER, BUYER_IS_SELLER, " +
      "DUPLICATE_IN_FILE, INVOICE_ALREADY_REGISTERED.",
  })
  reasonCode!: string | null;

  @ApiProperty({ type: String, nullable: true })
  message!: string | null;

  static of(row: UploadRow): UploadRowView {
    return {
      rowNumber: row.rowNumber,
      status: row.status,
      invoiceId: row.invoiceId,
      field: row.field,
      reasonCode: row.reasonCode,
      message: row.message,
    };
  }
}

export class UploadRowPage {
  @ApiProperty({ type: [UploadRowView] })
  items!: UploadRowView[];

  @ApiProperty({ type: String, nullable: true, description: "Pass as `cursor` for the next page; null on the last page." })
  nextCursor!: string | null;
}

export class UploadView {
  @ApiProperty({ format: "uuid" })
  id!: string;

  @ApiProperty({ enum: ["json", "csv"] })
  kind!: UploadKind;

  @ApiProperty({ enum: ["running", "done", "failed"] })
  status!: UploadStatus;

  @ApiProperty()
  totalRows!: number;

  @ApiProperty({ description: "Rows done so far: progress is processedRows / totalRows." })
  processedRows!: number;

  @ApiProperty()
  acceptedRows!: number;

  @ApiProperty()
  rejectedRows!: number;

  @ApiProperty({ type: String, nullable: true, description: "Why the upload as a whole failed." })
  errorMessage!: string | null;

  @ApiProperty({ format: "date-time" })
  createdAt!: string;

  @ApiProperty({ type: String, format: "date-time", nullable: true })
  completedAt!: string | null;

  @ApiProperty({ type: UploadRowPage, nullable: true, description: "The rows processed so far, a page at a time (null in the 202 answer)." })
  rows!: UploadRowPage | null;

  static of(upload: Upload, rows: Page<UploadRow> | null): UploadView {
    return {
      id: upload.id,
      kind: upload.kind,
      status: upload.status,
      totalRows: upload.totalRows,
      processedRows: upload.processedRows,
      acceptedRows: upload.acceptedRows,
      rejectedRows: upload.rejectedRows,
      errorMessage: upload.errorMessage,
      createdAt: upload.createdAt.toISOString(),
      completedAt: upload.completedAt?.toISOString() ?? null,
      rows: rows === null ? null : { items: rows.items.map(UploadRowView.of), nextCursor: rows.nextCursor },
    };
  }
}
