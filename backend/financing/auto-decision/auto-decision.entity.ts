import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from "typeorm";

/**
 * pending: waiting for the worker; approved: the policy matched and the approval was recorded (its decision
 * then follows the chain like any other); referred: left in the inbox for a person, with the reasons;
 * skipped: the policy was switched off, or the request was no longer decidable, before the worker came.
 */
export type AutoDecisionStatus = "pending" | "approved" | "referred" | "skipped";

/** The outbox row and then the outcome of applying a bank's policy to one request addressed to it. */
@Entity("financing_auto_decisions")
export class AutoDecision {
  @PrimaryColumn({ name: "request_id", type: "uuid" })
  requestId!: string;

  @Column({ name: "bank_organisation_id", type: "uuid" })
  bankOrganisationId!: string;

  @Column({ type: "text" })
  status!: AutoDecisionStatus;

  @Column({ type: "text", array: true })
  reasons!: string[];

  @Column({ name: "policy_version", type: "integer", nullable: true })
  policyVersion!: number | null;

  @Column({ type: "jsonb", nullable: true })
  policy!: Record<string, unknown> | null;

  /** The risk assessment the policy was applied to. */
  @Column({ type: "jsonb", nullable: true })
  risk!: Record<string, unknown> | null;

  @Column({ name: "decision_id", type: "uuid", nullable: true })
  decisionId!: string | null;

  @Column({ type: "integer" })
  attempts!: number;

  @Column({ name: "last_error", type: "text", nullable: true })
  lastError!: string | null;

  @CreateDateColumn({ name: "created_at", type: "timestamptz" })
  createdAt!: Date;

  @UpdateDateColumn({ name: "updated_at", type: "timestamptz" })
  updatedAt!: Date;
}
