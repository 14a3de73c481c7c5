import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from "typeorm";

export type ConfirmationStatus = "pending" | "issued" | "failed";

/**
 * A debtor's confirmation of one payable, recorded in the same database transaction as the `voucher.issue`
 * chain operation it asks for. It becomes `issued` when the indexer sees the voucher, or `failed` with the
 * contract's decoded error code when the write is refused.
 */
@Entity("confirmations")
@Index(["debtorOrganisationId", "createdAt"])
export class Confirmation {
  @PrimaryGeneratedColumn("uuid")
  id!: string;

  @Column({ name: "invoice_key", type: "text" })
  invoiceKey!: string;

  @Column({ name: "debtor_organisation_id", type: "uuid" })
  debtorOrganisationId!: string;

  /** The seller's account the voucher is issued to. */
  @Column({ name: "holder_address", type: "text" })
  holderAddress!: string;

  /** Minor units. */
  @Column({ name: "face_value", type: "bigint" })
  faceValue!: string;

  @Column({ type: "timestamptz" })
  maturity!: Date;

  @Column({ type: "text", default: "pending" })
  status!: ConfirmationStatus;

  @Column({ name: "voucher_id", type: "bigint", nullable: true })
  voucherId!: string | null;

  /** The contract's error, e.g. INVOICE_ALREADY_BACKS_VOUCHER, when failed. */
  @Column({ name: "error_code", type: "text", nullable: true })
  errorCode!: string | null;

  @Column({ name: "error_message", type: "text", nullable: true })
  errorMessage!: string | null;

  /** The business key of its chain operation. */
  @Index({ unique: true })
  @Column({ name: "business_key", type: "text" })
  businessKey!: string;

  @CreateDateColumn({ name: "created_at", type: "timestamptz" })
  createdAt!: Date;

  @UpdateDateColumn({ name: "updated_at", type: "timestamptz" })
  updatedAt!: Date;
}
