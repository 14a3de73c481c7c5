import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from "typeorm";
import type { FinancingKindName } from "../financing-request.entity.js";

/** A bank's one auto-decision policy; switched off rather than deleted, so versions only grow. */
@Entity("financing_auto_decision_policies")
export class AutoDecisionPolicy {
  @PrimaryColumn({ name: "bank_organisation_id", type: "uuid" })
  bankOrganisationId!: string;

  @Column({ type: "integer" })
  version!: number;

  @Column({ type: "boolean" })
  enabled!: boolean;

  @Column({ type: "text", array: true })
  kinds!: FinancingKindName[];

  @Column({ name: "max_amount", type: "bigint" })
  maxAmount!: string;

  @Column({ name: "max_risk_score", type: "integer" })
  maxRiskScore!: number;

  @Column({ name: "max_days_to_maturity", type: "integer", nullable: true })
  maxDaysToMaturity!: number | null;

  @Column({ name: "require_within_limit", type: "boolean" })
  requireWithinLimit!: boolean;

  @Column({ type: "text" })
  pricing!: "suggested";

  @CreateDateColumn({ name: "created_at", type: "timestamptz" })
  createdAt!: Date;

  @UpdateDateColumn({ name: "updated_at", type: "timestamptz" })
  updatedAt!: Date;
}
