import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from "typeorm";

export type ChainOperationStatus = "pending" | "sent" | "confirmed" | "failed";

/**
 * One business action that needs a chain write ("issue the voucher for invoice X"). It is inserted in the same
 * database transaction as the business change that needs it, so a change is never recorded without its chain
 * write, nor the other way round. The writer later groups pending operations of one kind and one signer into
 * a transaction.
 */
@Entity("chain_operations")
@Index(["signerAddress", "status", "createdAt"])
export class ChainOperation {
  @PrimaryGeneratedColumn("uuid")
  id!: string;

  /** Idempotency: the same business action can only be recorded once (e.g. `voucher.issue:<invoiceKey>`). */
  @Index({ unique: true })
  @Column({ name: "business_key", type: "text" })
  businessKey!: string;

  /** What to call, as registered in operation-kinds.ts, e.g. `voucher.issue`. */
  @Column({ type: "text" })
  kind!: string;

  @Column({ name: "signer_address", type: "text" })
  signerAddress!: string;

  /** The operation's arguments, as JSON (bigints as decimal strings). */
  @Column({ type: "jsonb" })
  payload!: Record<string, unknown>;

  @Column({ type: "text", default: "pending" })
  status!: ChainOperationStatus;

  @Column({ name: "transaction_id", type: "uuid", nullable: true })
  transactionId!: string | null;

  /** Machine-readable reason when failed, e.g. `INVOICE_ALREADY_BACKS_VOUCHER`. */
  @Column({ name: "error_code", type: "text", nullable: true })
  errorCode!: string | null;

  @Column({ name: "error_message", type: "text", nullable: true })
  errorMessage!: string | null;

  @CreateDateColumn({ name: "created_at", type: "timestamptz" })
  createdAt!: Date;

  @UpdateDateColumn({ name: "updated_at", type: "timestamptz" })
  updatedAt!: Date;
}
