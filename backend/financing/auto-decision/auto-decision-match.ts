// Whether a bank's auto-decision policy approves a request, as a pure function of the policy and the decision
// data the bank itself would see (risk-pricing.ts's assessment, the exposure check, the request's terms).
// A miss never rejects: it refers the request to a person, with every reason that applied.

import type { FinancingKindName } from "../financing-request.entity.js";

export interface AutoDecisionPolicyTerms {
  kinds: FinancingKindName[];
  /** Minor units: the largest amount approved automatically. */
  maxAmount: string;
  /** The highest risk score (0..100, higher is riskier) approved automatically. */
  maxRiskScore: number;
  maxDaysToMaturity: number | null;
  requireWithinLimit: boolean;
  pricing: "suggested";
}

export interface AutoDecisionFacts {
  kind: FinancingKindName;
  /** Minor units financed (the part's value, or the pledged amount). */
  amount: string;
  /** Minor units: the least cash the holder accepts. */
  minAdvance: string;
  daysToMaturity: number;
  score: number;
  recommendation: "approve" | "decline";
  suggestedAdvance: string;
  suggestedRateBps: number;
  withinLimit: boolean;
}

export type AutoDecisionReason =
  | "KIND_NOT_IN_POLICY"
  | "AMOUNT_ABOVE_POLICY"
  | "RISK_SCORE_ABOVE_POLICY"
  | "RISK_MODEL_DECLINES"
  | "MATURITY_BEYOND_POLICY"
  | "EXPOSURE_LIMIT_EXCEEDED"
  | "SUGGESTED_ADVANCE_BELOW_MIN_ADVANCE";

export interface AutoApprovalTerms {
  advance: string;
  rateBps: number;
  /** Loans only: the suggested advance is a discount on the pledged amount, so the hold secures all of it. */
  repaymentAmount?: string;
}

export type AutoDecisionMatch = { outcome: "approve"; terms: AutoApprovalTerms } | { outcome: "refer"; reasons: AutoDecisionReason[] };

export function matchAutoDecisionPolicy(policy: AutoDecisionPolicyTerms, facts: AutoDecisionFacts): AutoDecisionMatch {
  const reasons: AutoDecisionReason[] = [];
  if (!policy.kinds.includes(facts.kind)) reasons.push("KIND_NOT_IN_POLICY");
  if (BigInt(facts.amount) > BigInt(policy.maxAmount)) reasons.push("AMOUNT_ABOVE_POLICY");
  if (facts.score > policy.maxRiskScore) reasons.push("RISK_SCORE_ABOVE_POLICY");
  // Whatever the bank's threshold, the platform's own model saying "decline" is for a person to overrule.
  if (facts.recommendation === "decline") reasons.push("RISK_MODEL_DECLINES");
  if (policy.maxDaysToMaturity !== null && facts.daysToMaturity > policy.maxDaysToMaturity) reasons.push("MATURITY_BEYOND_POLICY");
  if (policy.requireWithinLimit && !facts.withinLimit) reasons.push("EXPOSURE_LIMIT_EXCEEDED");
  const advance = BigInt(facts.suggestedAdvance);
  // The contract refuses an advance under the holder's minimum (or of nothing): a person may offer more.
  if (advance === 0n || advance < BigInt(facts.minAdvance)) reasons.push("SUGGESTED_ADVANCE_BELOW_MIN_ADVANCE");
  if (reasons.length > 0) return { outcome: "refer", reasons };
  return {
    outcome: "approve",
    terms: {
      advance: facts.suggestedAdvance,
      rateBps: facts.suggestedRateBps,
      ...(facts.kind === "pledge_loan" ? { repaymentAmount: facts.amount } : {}),
    },
  };
}
