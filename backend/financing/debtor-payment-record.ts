import type { EntityManager } from "typeorm";
import type { DebtorPaymentRecordView } from "./dto/decision-data.dto.js";

/**
 * How a debtor has paid its vouchers on this platform, from the voucher tables: paid, defaulted (still unpaid
 * after default), overdue (past maturity, unpaid, not yet declared in default) and outstanding. `now` is the
 * chain's time, which is what maturity and default are measured against.
 */
export async function debtorPaymentRecord(manager: EntityManager, debtorOrganisationId: string, now: Date): Promise<DebtorPaymentRecordView> {
  const [row] = (await manager.query(
    `SELECT count(*) FILTER (WHERE status = 'paid')::int AS paid_count,
            coalesce(sum(face_value) FILTER (WHERE status = 'paid'), 0)::text AS paid_amount,
            count(*) FILTER (WHERE status = 'defaulted')::int AS defaulted_count,
            coalesce(sum(face_value - redeemed) FILTER (WHERE status = 'defaulted'), 0)::text AS defaulted_amount,
            count(*) FILTER (WHERE status = 'active' AND maturity <= $2)::int AS overdue_count,
            coalesce(sum(face_value - redeemed) FILTER (WHERE status = 'active' AND maturity <= $2), 0)::text AS overdue_amount,
            count(*) FILTER (WHERE status = 'active' AND maturity > $2)::int AS outstanding_count,
            coalesce(sum(face_value - redeemed) FILTER (WHERE status = 'active' AND maturity > $2), 0)::text AS outstanding_amount
       FROM vouchers WHERE debtor_organisation_id = $1`,
    [debtorOrganisationId, now],
  )) as Array<Record<string, string | number>>;
  return {
    debtorOrganisationId,
    paidCount: Number(row!.paid_count),
    paidAmount: String(row!.paid_amount),
    defaultedCount: Number(row!.defaulted_count),
    defaultedAmount: String(row!.defaulted_amount),
    overdueCount: Number(row!.overdue_count),
    overdueAmount: String(row!.overdue_amount),
    outstandingCount: Number(row!.outstanding_count),
    outstandingAmount: String(row!.outstanding_amount),
  };
}
