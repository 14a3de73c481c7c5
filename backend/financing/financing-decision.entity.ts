import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from "typeorm";

export type DecisionOutcome = "approve" | "reject";
export type DecisionStatus = "pending" | "confirmed" | "failed";

/**
 * A bank's decision on a request, recorded with its chain operation. Its Idempotency-Key makes a retry return
 * this row; a unique index allows one pending-or-confirmed decision per request, so an approval is paid once.
 * A failed decision (e.g. the exposure limit was reached meanwhile) leaves the request decidable again.
 */
@Entity("financing_decisions")
export class FinancingDecision {
  @PrimaryGeneratedColumn("uuid")
  id!: string;

  @Column({ name: "request_id", type: "uuid" })
  requestId!: string;

  @Column({ name: "bank_organisation_id", type: "uuid" })
  bankOrganisationId!: string;

  @Column({ type: "text" })
  outcome!: DecisionOutcome;

  @Column({ type: "bigint", nullable: true })
  advance!: string | null;

  @Column({ name: "rate_bps", type: "integer", nullable: true })
  rateBps!: number | null;

  @Column({ name: "repayment_amount", type: "bigint", nullable: true })
  repaymentAmount!: string | null;

  @Column({ type: "text", nullable: true })
  reason!: string | null;

  @Column({ type: "text", default: "pending" })
  status!: DecisionStatus;

  @Column({ name: "error_code", type: "text", nullable: true })
  errorCode!: string | null;

  @Column({ name: "error_message", type: "text", nullable: true })
  errorMessage!: string | null;

  @Column({ name: "business_key", type: "text" })
  businessKey!: string;

  @Column({ name: "idempotency_key", type: "text", nullable: true })
  idempotencyKey!: string | null;

  /** The risk assessment the bank saw when it decided (model version, inputs, outputs), for audit. */
  @Column({ type: "jsonb", nullable: true })
  pricing!: Record<string, unknown> | null;

  /** Set when the platform decided under the bank's auto-decision policy: that policy's version and terms. */
  @Column({ name: "auto_policy", type: "jsonb", nullable: true })
  autoPolicy!: Record<string, unknown> | null;

  @CreateDateColumn({ name: "created_at", type: "timestamptz" })
  createdAt!: Date;

  @UpdateDateColumn({ name: "updated_at", type: "timestamptz" })
  updatedAt!: Date;
}
