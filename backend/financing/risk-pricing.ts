// The platform's suggested risk score and price for a financing request. A pure function of the inputs the
// bank sees in the decision data, versioned, so a bank can recompute the suggestion from the response alone
// (the response carries `model` and `inputs`) and audit it later. It suggests; the bank decides.
//
// risk-v1, all integer arithmetic on minor units and basis points (no floats, so every reimplementation
// gets the same numbers):
//   score starts at 20 and is clamped to 0..100 (higher is riskier); each adjustment adds a reason code:
//     INVOICE_NOT_VALID            +50  the tax authority's attestation is not "valid"
//     VOUCHER_NOT_FINANCEABLE      +100 the voucher is frozen or no longer active
//     DEBTOR_NO_HISTORY            +10  the debtor has no paid or defaulted voucher on the platform yet
//     DEBTOR_GOOD_HISTORY          -10  3 or more paid vouchers and no default
//     DEBTOR_DEFAULT_HISTORY       +ceil(60 * defaulted / (paid + defaulted)), at least +10 (amounts)
//     DEBTOR_OVERDUE               +15  the debtor has vouchers past maturity and unpaid
//     LONG_TENOR                   +10  more than 180 days to maturity
//     SHORT_TENOR                  -5   30 days or fewer
//     DEEP_TIER                    +5   the part is three or more splits from the debtor's confirmation
//     EXPOSURE_CONCENTRATED        +10  exposure after this financing above 80% of the bank's limit
//     EXPOSURE_LIMIT_EXCEEDED      +100 above the limit: the chain would refuse the approval
//     RECOURSE_TO_SELLER           -10  factoring with recourse, or a loan (the seller still owes)
//     GUARANTEE_COVER              -floor(20 * cover / amount)
//   suggestedRateBps  = 300 + 10 * score                         (3.00% a year at score 0, 13.00% at 100)
//   advanceRatioBps   = 10000 - 50 * score                       (100% of the amount at 0, 50% at 100)
//   principal         = floor(amount * advanceRatioBps / 10000)
//   interest          = ceil(principal * rateBps * days / (10000 * 365))   (discount for the days to maturity)
//   suggestedAdvance  = max(0, principal - interest)
//   recommendation    = "decline" when score >= 80, else "approve"

export const RISK_MODEL_VERSION = "risk-v1";

export interface RiskInputs {
  /** Minor units financed (the part's value, or the pledged amount). */
  amount: string;
  /** Whole days from now to maturity, rounded up; 0 once mature. */
  daysToMaturity: number;
  /** The part's tier: 1 for the root part. */
  tier: number;
  kind: "factoring" | "pledge_loan";
  recourse: boolean;
  /** The invoice's on-chain status: "valid", "voided", "reversed", "registered". */
  invoiceStatus: string;
  voucherFinanceable: boolean;
  debtorPaidCount: number;
  debtorPaidAmount: string;
  debtorDefaultedCount: number;
  debtorDefaultedAmount: string;
  debtorOverdueCount: number;
  /** The bank's booked exposure to the debtor, minor units. */
  exposure: string;
  /** The limit in force for this bank and debtor, minor units. */
  exposureLimit: string;
  /** Minor units of guarantee cover active or offered on this financing. */
  guaranteeCover: string;
}

export interface RiskAssessment {
  model: typeof RISK_MODEL_VERSION;
  inputs: RiskInputs;
  score: number;
  reasonCodes: string[];
  recommendation: "approve" | "decline";
  suggestedRateBps: number;
  /** Minor units. */
  suggestedAdvance: string;
}

export function assessRisk(inputs: RiskInputs): RiskAssessment {
  const amount = BigInt(inputs.amount);
  const reasons: string[] = [];
  let score = 20;
  const adjust = (code: string, points: number) => {
    reasons.push(code);
    score += points;
  };

  if (inputs.invoiceStatus !== "valid") adjust("INVOICE_NOT_VALID", 50);
  if (!inputs.voucherFinanceable) adjust("VOUCHER_NOT_FINANCEABLE", 100);

  const paid = BigInt(inputs.debtorPaidAmount);
  const defaulted = BigInt(inputs.debtorDefaultedAmount);
  if (inputs.debtorPaidCount + inputs.debtorDefaultedCount === 0) adjust("DEBTOR_NO_HISTORY", 10);
  else if (inputs.debtorDefaultedCount === 0 && inputs.debtorPaidCount >= 3) adjust("DEBTOR_GOOD_HISTORY", -10);
  if (inputs.debtorDefaultedCount > 0) {
    const share = ceilDiv(60n * defaulted, paid + defaulted === 0n ? 1n : paid + defaulted);
    adjust("DEBTOR_DEFAULT_HISTORY", Math.max(10, Number(share)));
  }
  if (inputs.debtorOverdueCount > 0) adjust("DEBTOR_OVERDUE", 15);

  if (inputs.daysToMaturity > 180) adjust("LONG_TENOR", 10);
  else if (inputs.daysToMaturity <= 30) adjust("SHORT_TENOR", -5);
  if (inputs.tier >= 4) adjust("DEEP_TIER", 5);

  const exposureAfter = BigInt(inputs.exposure) + amount;
  const limit = BigInt(inputs.exposureLimit);
  if (exposureAfter > limit) adjust("EXPOSURE_LIMIT_EXCEEDED", 100);
  else if (exposureAfter * 10n > limit * 8n) adjust("EXPOSURE_CONCENTRATED", 10);

  if (inputs.kind === "pledge_loan" || inputs.recourse) adjust("RECOURSE_TO_SELLER", -10);
  const cover = BigInt(inputs.guaranteeCover);
  if (cover > 0n && amount > 0n) adjust("GUARANTEE_COVER", -Number((20n * (cover > amount ? amount : cover)) / amount));

  score = Math.min(100, Math.max(0, score));
  const suggestedRateBps = 300 + 10 * score;
  const principal = (amount * BigInt(10_000 - 50 * score)) / 10_000n;
  const interest = ceilDiv(principal * BigInt(suggestedRateBps) * BigInt(Math.max(0, inputs.daysToMaturity)), 10_000n * 365n);
  const advance = principal > interest ? principal - interest : 0n;
  return {
    model: RISK_MODEL_VERSION,
    inputs,
    score,
    reasonCodes: reasons,
    recommendation: score >= 80 ? "decline" : "approve",
    suggestedRateBps,
    suggestedAdvance: advance.toString(),
  };
}

/** Whole days from `now` to `maturity`, rounded up (a part of a day is a day of interest); 0 once mature. */
export function daysUntil(maturity: Date, now: Date): number {
  const milliseconds = maturity.getTime() - now.getTime();
  return milliseconds <= 0 ? 0 : Math.ceil(milliseconds / 86_400_000);
}

function ceilDiv(numerator: bigint, denominator: bigint): bigint {
  return (numerator + denominator - 1n) / denominator;
}
