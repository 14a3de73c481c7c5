export const MATURITY_SCAN_QUEUE = "maturity-scan";
/** Finds vouchers past maturity (overdue) and past maturity plus grace (declares them in default). */
export const MATURITY_SCAN_JOB = "voucher.scan-maturity";
