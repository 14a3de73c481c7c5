import { Injectable } from "@nestjs/common";
import { DataSource } from "typeorm";
import { NotFoundError } from "../../common/domain-error.js";
import type { AuthenticatedOrganisation } from "../../participants/authenticated-organisation.js";
import { AutoDecisionPolicy } from "./auto-decision-policy.entity.js";
import type { AutoDecisionPolicyView, PutAutoDecisionPolicy } from "./auto-decision.dto.js";

/** A bank's own policy: set (replacing the last one), read, switched off. Every change is a new version. */
@Injectable()
export class AutoDecisionPolicies {
  constructor(private readonly dataSource: DataSource) {}

  async put(bank: AuthenticatedOrganisation, body: PutAutoDecisionPolicy): Promise<AutoDecisionPolicyView> {
    const [row] = (await this.dataSource.query(
      `INSERT INTO financing_auto_decision_policies AS policy
              (bank_organisation_id, version, enabled, kinds, max_amount, max_risk_score, max_days_to_maturity, require_within_limit, pricing)
       VALUES ($1, 1, $2, $3, $4, $5, $6, $7, $8)
       ON CONFLICT (bank_organisation_id) DO UPDATE
          SET version = policy.version + 1, enabled = $2, kinds = $3, max_amount = $4, max_risk_score = $5,
              max_days_to_maturity = $6, require_within_limit = $7, pricing = $8, updated_at = now()
       RETURNING bank_organisation_id`,
      [
        bank.id,
        body.enabled,
        [...body.kinds].sort(),
        body.maxAmount,
        body.maxRiskScore,
        body.maxDaysToMaturity ?? null,
        body.requireWithinLimit,
        body.pricing,
      ],
    )) as Array<{ bank_organisation_id: string }>;
    return this.get({ ...bank, id: row!.bank_organisation_id });
  }

  async get(bank: AuthenticatedOrganisation): Promise<AutoDecisionPolicyView> {
    const policy = await this.dataSource.getRepository(AutoDecisionPolicy).findOneBy({ bankOrganisationId: bank.id });
    if (!policy) throw new NotFoundError("AUTO_DECISION_POLICY_NOT_FOUND", "you have not set an auto-decision policy");
    return autoDecisionPolicyView(policy);
  }

  /** Switches the policy off (a new version); requests already approved under it stay approved. */
  async switchOff(bank: AuthenticatedOrganisation): Promise<void> {
    const [, affected] = (await this.dataSource.query(
      `UPDATE financing_auto_decision_policies SET enabled = false, version = version + 1, updated_at = now()
        WHERE bank_organisation_id = $1 AND enabled`,
      [bank.id],
    )) as [unknown, number];
    if (affected === 0) {
      const exists = await this.dataSource.getRepository(AutoDecisionPolicy).existsBy({ bankOrganisationId: bank.id });
      if (!exists) throw new NotFoundError("AUTO_DECISION_POLICY_NOT_FOUND", "you have not set an auto-decision policy");
    }
  }
}

export function autoDecisionPolicyView(policy: AutoDecisionPolicy): AutoDecisionPolicyView {
  return {
    bankOrganisationId: policy.bankOrganisationId,
    version: policy.version,
    enabled: policy.enabled,
    kinds: policy.kinds,
    maxAmount: policy.maxAmount,
    maxRiskScore: policy.maxRiskScore,
    maxDaysToMaturity: policy.maxDaysToMaturity,
    requireWithinLimit: policy.requireWithinLimit,
    pricing: policy.pricing,
    updatedAt: policy.updatedAt.toISOString(),
  };
}
