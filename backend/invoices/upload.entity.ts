import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from "typeorm";
import type { UploadItem } from "./upload-items.js";

export type UploadKind = "json" | "csv";
export type UploadStatus = "running" | "done" | "failed";

/** A batch of invoices a supplier sent at once, processed in the background; its rows' outcomes are upload_rows. */
@Entity("uploads")
export class Upload {
  @PrimaryGeneratedColumn("uuid")
  id!: string;

  @Column({ name: "organisation_id", type: "uuid" })
  organisationId!: string;

  @Column({ type: "text" })
  kind!: UploadKind;

  @Column({ type: "text" })
  status!: UploadStatus;

  @Column({ name: "total_rows", type: "integer" })
  totalRows!: number;

  /** Rows done so far (accepted + rejected); the job resumes after them. */
  @Column({ name: "processed_rows", type: "integer", default: 0 })
  processedRows!: number;

  @Column({ name: "accepted_rows", type: "integer", default: 0 })
  acceptedRows!: number;

  @Column({ name: "rejected_rows", type: "integer", default: 0 })
  rejectedRows!: number;

  /** The rows as received, kept until the upload is done (select: false: large, read only by the job). */
  @Column({ type: "jsonb", nullable: true, select: false })
  items!: UploadItem[] | null;

  /** Why the upload failed as a whole (its rows' problems are in upload_rows). */
  @Column({ name: "error_message", type: "text", nullable: true })
  errorMessage!: string | null;

  @CreateDateColumn({ name: "created_at", type: "timestamptz" })
  createdAt!: Date;

  @UpdateDateColumn({ name: "updated_at", type: "timestamptz" })
  updatedAt!: Date;

  @Column({ name: "completed_at", type: "timestamptz", nullable: true })
  completedAt!: Date | null;
}
