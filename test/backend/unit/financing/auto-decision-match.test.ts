import { describe, expect, it } from "@jest/globals";
import {
  type AutoDecisionFacts,
  type AutoDecisionPolicyTerms,
  matchAutoDecisionPolicy,
} from "../../../../backend/financing/auto-decision/auto-decision-match.js";

const policy: AutoDecisionPolicyTerms = {
  kinds: ["factoring"],
  maxAmount: "100000",
  maxRiskScore: 40,
  maxDaysToMaturity: 90,
  requireWithinLimit: true,
  pricing: "suggested",
};

const facts: AutoDecisionFacts = {
  kind: "factoring",
  amount: "100000",
  minAdvance: "80000",
  daysToMaturity: 30,
  score: 25,
  recommendation: "approve",
  suggestedAdvance: "87000",
  suggestedRateBps: 550,
  withinLimit: true,
};

describe("matchAutoDecisionPolicy", () => {
  it("approves a request within every bound at the suggested advance and rate", () => {
    expect(matchAutoDecisionPolicy(policy, facts)).toEqual({ outcome: "approve", terms: { advance: "87000", rateBps: 550 } });
  });

  it("treats the bounds as inclusive", () => {
    expect(matchAutoDecisionPolicy(policy, { ...facts, score: 40, daysToMaturity: 90, suggestedAdvance: "80000" }).outcome).toBe("approve");
  });

  it("secures a loan's whole pledged amount with the hold", () => {
    expect(matchAutoDecisionPolicy({ ...policy, kinds: ["factoring", "pledge_loan"] }, { ...facts, kind: "pledge_loan" })).toEqual({
      outcome: "approve",
      terms: { advance: "87000", rateBps: 550, repaymentAmount: "100000" },
    });
  });

  it("refers with one reason per bound missed", () => {
    expect(matchAutoDecisionPolicy(policy, { ...facts, amount: "100001" })).toEqual({ outcome: "refer", reasons: ["AMOUNT_ABOVE_POLICY"] });
    expect(matchAutoDecisionPolicy(policy, { ...facts, kind: "pledge_loan" })).toEqual({ outcome: "refer", reasons: ["KIND_NOT_IN_POLICY"] });
    expect(matchAutoDecisionPolicy(policy, { ...facts, score: 41 })).toEqual({ outcome: "refer", reasons: ["RISK_SCORE_ABOVE_POLICY"] });
    expect(matchAutoDecisionPolicy(policy, { ...facts, daysToMaturity: 91 })).toEqual({ outcome: "refer", reasons: ["MATURITY_BEYOND_POLICY"] });
    expect(matchAutoDecisionPolicy(policy, { ...facts, withinLimit: false })).toEqual({ outcome: "refer", reasons: ["EXPOSURE_LIMIT_EXCEEDED"] });
    expect(matchAutoDecisionPolicy(policy, { ...facts, suggestedAdvance: "79999" })).toEqual({
      outcome: "refer",
      reasons: ["SUGGESTED_ADVANCE_BELOW_MIN_ADVANCE"],
    });
  });

  it("never approves what the risk model declines, whatever the bank's threshold", () => {
    expect(matchAutoDecisionPolicy({ ...policy, maxRiskScore: 100 }, { ...facts, score: 85, recommendation: "decline" })).toEqual({
      outcome: "refer",
      reasons: ["RISK_MODEL_DECLINES"],
    });
  });

  it("refers an advance of nothing, even to a holder who accepts any", () => {
    expect(matchAutoDecisionPolicy(policy, { ...facts, minAdvance: "0", suggestedAdvance: "0" })).toEqual({
      outcome: "refer",
      reasons: ["SUGGESTED_ADVANCE_BELOW_MIN_ADVANCE"],
    });
  });

  it("lists every reason that applied, and ignores what the policy does not bound", () => {
    const missed = matchAutoDecisionPolicy(
      { ...policy, requireWithinLimit: false, maxDaysToMaturity: null },
      { ...facts, kind: "pledge_loan", amount: "500000", score: 60, daysToMaturity: 400, withinLimit: false },
    );
    expect(missed).toEqual({ outcome: "refer", reasons: ["KIND_NOT_IN_POLICY", "AMOUNT_ABOVE_POLICY", "RISK_SCORE_ABOVE_POLICY"] });
  });
});
