import type { VoucherStatus } from "../receivables/voucher.entity.js";

/**
 * due: unpaid, and the maturity scan has not yet seen its maturity pass (payment falls due at maturity);
 * overdue: the scan saw maturity pass (on chain time) with value outstanding; defaulted: declared in default
 * on chain (it may still be paid late, which makes it paid); paid: nothing outstanding.
 */
export type SettlementStatus = "due" | "overdue" | "defaulted" | "paid";
export const SETTLEMENT_STATUSES: SettlementStatus[] = ["due", "overdue", "defaulted", "paid"];

export function settlementStatus(voucherStatus: VoucherStatus, maturedSeen: boolean): SettlementStatus {
  if (voucherStatus === "paid") return "paid";
  if (voucherStatus === "defaulted") return "defaulted";
  return maturedSeen ? "overdue" : "due";
}

/** The same rule in SQL, for filtering lists: `v` is the vouchers row, `s` the voucher_settlements row. */
export const SETTLEMENT_STATUS_SQL = `CASE WHEN v.status = 'paid' THEN 'paid' WHEN v.status = 'defaulted' THEN 'defaulted'
  WHEN s.matured_seen_at IS NOT NULL THEN 'overdue' ELSE 'due' END`;
