import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from "typeorm";

export type FinancingActionName = "repay" | "close" | "enforce_pledge" | "exercise_recourse";
export type FinancingActionStatus = "pending" | "confirmed" | "failed";

/**
 * A step after approval (loan repaid by the holder, closed by the bank, pledge enforced or recourse exercised
 * after default), recorded with its chain operation. Its Idempotency-Key makes a retry return this row; one
 * pending step per financing at a time. Confirmed by the Financing event, failed with the contract's code.
 */
@Entity("financing_actions")
export class FinancingAction {
  @PrimaryGeneratedColumn("uuid")
  id!: string;

  @Column({ name: "request_id", type: "uuid" })
  requestId!: string;

  /** Who took the step: the holder (repay) or the bank (the others). */
  @Column({ name: "organisation_id", type: "uuid" })
  organisationId!: string;

  @Column({ type: "text" })
  action!: FinancingActionName;

  @Column({ type: "text", default: "pending" })
  status!: FinancingActionStatus;

  @Column({ name: "error_code", type: "text", nullable: true })
  errorCode!: string | null;

  @Column({ name: "error_message", type: "text", nullable: true })
  errorMessage!: string | null;

  @Column({ name: "business_key", type: "text" })
  businessKey!: string;

  @Column({ name: "idempotency_key", type: "text", nullable: true })
  idempotencyKey!: string | null;

  @CreateDateColumn({ name: "created_at", type: "timestamptz" })
  createdAt!: Date;

  @UpdateDateColumn({ name: "updated_at", type: "timestamptz" })
  updatedAt!: Date;
}
