import { Column, Entity, PrimaryColumn } from "typeorm";

export type UploadRowStatus = "accepted" | "rejected";

/** One row's outcome: the invoice it created, or the field at fault and why. */
@Entity("upload_rows")
export class UploadRow {
  @PrimaryColumn({ name: "upload_id", type: "uuid" })
  uploadId!: string;

  /** 1 is the first row after the CSV header (or the first item of a JSON upload). */
  @PrimaryColumn({ name: "row_number", type: "integer" })
  rowNumber!: number;

  @Column({ type: "text" })
  status!: UploadRowStatus;

  @Column({ name: "invoice_id", type: "uuid", nullable: true })
  invoiceId!: string | null;

  @Column({ type: "text", nullable: true })
  field!: string | null;

  @Column({ name: "reason_code", type: "text", nullable: true })
  reasonCode!: string | null;

  @Column({ type: "text", nullable: true })
  message!: string | null;
}
