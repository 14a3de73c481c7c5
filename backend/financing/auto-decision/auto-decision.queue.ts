export const AUTO_DECISIONS_QUEUE = "financing-auto-decisions";
/** Applies bank policies to every request waiting in the auto-decision outbox. */
export const APPLY_DUE_JOB = "financing.auto-decisions.apply-due";
/** As often as the indexer polls: an automatic approval should follow its request closely. */
export const AUTO_DECISION_SWEEP_EVERY_MS = 250;
