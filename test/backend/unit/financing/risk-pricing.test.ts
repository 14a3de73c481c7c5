import { describe, expect, it } from "@jest/globals";
import { RISK_MODEL_VERSION, type RiskInputs, assessRisk, daysUntil } from "../../../../backend/financing/risk-pricing.js";

const base: RiskInputs = {
  amount: "100000",
  daysToMaturity: 90,
  tier: 1,
  kind: "factoring",
  recourse: false,
  invoiceStatus: "valid",
  voucherFinanceable: true,
  debtorPaidCount: 1,
  debtorPaidAmount: "50000",
  debtorDefaultedCount: 0,
  debtorDefaultedAmount: "0",
  debtorOverdueCount: 0,
  exposure: "0",
  exposureLimit: "10000000",
  guaranteeCover: "0",
};

describe("assessRisk (risk-v1)", () => {
  it("prices a plain factoring at the base score, and carries its version and inputs", () => {
    const assessment = assessRisk(base);
    expect(assessment).toEqual({
      model: RISK_MODEL_VERSION,
      inputs: base,
      score: 20,
      reasonCodes: [],
      recommendation: "approve",
      suggestedRateBps: 500,
      // principal = 100000 * 9000 / 10000 = 90000; interest = ceil(90000 * 500 * 90 / 3650000) = ceil(1109.58) = 1110
      suggestedAdvance: "88890",
    });
  });

  it("adds each reason with its points and clamps the score to 0..100", () => {
    const risky = assessRisk({
      ...base,
      invoiceStatus: "voided",
      debtorDefaultedCount: 1,
      debtorDefaultedAmount: "50000",
      debtorOverdueCount: 2,
      daysToMaturity: 200,
      tier: 4,
    });
    expect(risky.reasonCodes).toEqual(["INVOICE_NOT_VALID", "DEBTOR_DEFAULT_HISTORY", "DEBTOR_OVERDUE", "LONG_TENOR", "DEEP_TIER"]);
    expect(risky.score).toBe(100);
    expect(risky.recommendation).toBe("decline");
    expect(risky.suggestedRateBps).toBe(1300);

    const safe = assessRisk({ ...base, debtorPaidCount: 5, daysToMaturity: 20, recourse: true, guaranteeCover: "100000" });
    expect(safe.reasonCodes).toEqual(["DEBTOR_GOOD_HISTORY", "SHORT_TENOR", "RECOURSE_TO_SELLER", "GUARANTEE_COVER"]);
    expect(safe.score).toBe(0);
    expect(safe.suggestedRateBps).toBe(300);
    // principal 100000; interest = ceil(100000 * 300 * 20 / 3650000) = ceil(164.38) = 165
    expect(safe.suggestedAdvance).toBe("99835");
  });

  it("weighs defaults by amount, at least 10 points", () => {
    const small = assessRisk({ ...base, debtorPaidAmount: "1000000", debtorDefaultedCount: 1, debtorDefaultedAmount: "1" });
    expect(small.score).toBe(30);
    const half = assessRisk({ ...base, debtorPaidAmount: "50000", debtorDefaultedCount: 1, debtorDefaultedAmount: "50000" });
    expect(half.score).toBe(50);
  });

  it("flags a concentrated exposure, and one beyond the limit, which the chain would refuse", () => {
    expect(assessRisk({ ...base, exposure: "750000", exposureLimit: "1000000" }).reasonCodes).toEqual(["EXPOSURE_CONCENTRATED"]);
    const beyond = assessRisk({ ...base, exposure: "950000", exposureLimit: "1000000" });
    expect(beyond.reasonCodes).toEqual(["EXPOSURE_LIMIT_EXCEEDED"]);
    expect(beyond.recommendation).toBe("decline");
  });

  it("counts no history against the debtor and a frozen voucher as not financeable", () => {
    const unknown = assessRisk({ ...base, debtorPaidCount: 0, debtorPaidAmount: "0" });
    expect(unknown.reasonCodes).toEqual(["DEBTOR_NO_HISTORY"]);
    expect(unknown.score).toBe(30);
    expect(assessRisk({ ...base, voucherFinanceable: false }).score).toBe(100);
  });

  it("is a pure function: the same inputs give the same assessment", () => {
    expect(assessRisk({ ...base })).toEqual(assessRisk({ ...base }));
    // A mature part: SHORT_TENOR (score 15, 92.5% advanced) and no days of interest.
    expect(assessRisk({ ...base, daysToMaturity: 0 }).suggestedAdvance).toBe("92500");
  });
});

describe("daysUntil", () => {
  it("rounds part of a day up and is zero once mature", () => {
    const now = new Date("2026-01-01T00:00:00Z");
    expect(daysUntil(new Date("2026-01-01T00:00:01Z"), now)).toBe(1);
    expect(daysUntil(new Date("2026-01-31T00:00:00Z"), now)).toBe(30);
    expect(daysUntil(new Date("2025-12-31T00:00:00Z"), now)).toBe(0);
  });
});
