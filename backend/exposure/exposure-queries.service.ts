import { Injectable } from "@nestjs/common";
import { DataSource } from "typeorm";
import type { BreakdownDimension, BreakdownQuery, ExposureFilterQuery } from "./dto/exposure-query.dto.js";
import type {
  BreakdownRow,
  BreakdownView,
  ConcentrationRow,
  ExposureFigures,
  ExposureSummaryView,
  MaturityBucket,
  TrendPoint,
} from "./dto/exposure-views.dto.js";
import { NONE, SqlFilter, todayUtc } from "./sql-filter.js";

/** The 1,000 largest rows of a breakdown: a dashboard and its CSV, not a data dump (positions are paged). */
const MAX_BREAKDOWN_ROWS = 1000;
export const MATURITY_BUCKETS = [
  "overdue",
  "0-30",
  "31-60",
  "61-90",
  "91-180",
  "181-365",
  "over-365",
  "defaulted",
] as const;

// The figures of a group of exposure_totals rows (alias t); $1 is always today's date.
const TOTALS_FIGURES = `
  coalesce(sum(t.outstanding), 0)::text AS outstanding,
  coalesce(sum(t.financed), 0)::text AS financed,
  coalesce(sum(t.outstanding) FILTER (WHERE t.voucher_status = 'active' AND t.maturity_date < $1::date), 0)::text AS overdue,
  coalesce(sum(t.outstanding) FILTER (WHERE t.voucher_status = 'defaulted'), 0)::text AS defaulted,
  coalesce(sum(t.covered), 0)::text AS covered,
  coalesce(sum(t.parts), 0)::text AS parts`;

/**
 * The regulator's aggregate figures, read from the summary tables the positions' trigger keeps exact
 * (a few rows per debtor, bank, guarantor and maturity day, not one per part). Each answer is one statement,
 * so one snapshot.
 */
@Injectable()
export class ExposureQueries {
  constructor(private readonly dataSource: DataSource) {}

  async summary(query: ExposureFilterQuery): Promise<ExposureSummaryView> {
    const today = todayUtc();
    const filter = this.totalsFilter(today, query);
    const [row] = await this.dataSource.query(
      `SELECT ${TOTALS_FIGURES} FROM exposure_totals t ${debtorJoin(query)} WHERE ${filter.where}`,
      filter.values
    );
    return { ...(row as ExposureFigures), asOf: today };
  }

  async breakdown(query: BreakdownQuery): Promise<BreakdownView> {
    const by: BreakdownDimension = query.by ?? "bank";
    const today = todayUtc();
    const rows = by === "supplier" ? await this.bySupplier(today, query) : await this.byTotalsKey(by, today, query);
    return { by, rows };
  }

  async concentration(query: ExposureFilterQuery): Promise<ConcentrationRow[]> {
    const filter = this.totalsFilter(null, query).add(`t.bank_key <> '${NONE}'`);
    const rows: Array<{
      bank_id: string;
      bank_name: string | null;
      financed: string;
      debtors: number;
      top10: number;
      hhi: number;
    }> = await this.dataSource.query(
      `WITH book AS (
           SELECT t.bank_key, t.debtor_organisation_id, sum(t.financed) AS financed
             FROM exposure_totals t ${debtorJoin(query)}
            WHERE ${filter.where}
            GROUP BY 1, 2 HAVING sum(t.financed) > 0
         ), ranked AS (
           SELECT *, row_number() OVER (PARTITION BY bank_key ORDER BY financed DESC) AS rank,
                  sum(financed) OVER (PARTITION BY bank_key) AS total
             FROM book
         )
         SELECT r.bank_key AS bank_id, b.name AS bank_name, max(r.total)::text AS financed, count(*)::int AS debtors,
                (sum(r.financed) FILTER (WHERE r.rank <= 10) / max(r.total))::float8 AS top10,
                (sum((r.financed / r.total) ^ 2) * 10000)::float8 AS hhi
           FROM ranked r LEFT JOIN organisations b ON b.id = r.bank_key
          GROUP BY r.bank_key, b.name
          ORDER BY max(r.total) DESC`,
      filter.values
    );
    return rows.map((row) => ({
      bankId: row.bank_id,
      bankName: row.bank_name,
      financed: row.financed,
      debtors: row.debtors,
      top10Share: round(row.top10, 6),
      hhi: round(row.hhi, 2),
    }));
  }

  async maturityLadder(query: ExposureFilterQuery): Promise<MaturityBucket[]> {
    const filter = this.totalsFilter(todayUtc(), query);
    const rows: Array<{ bucket: string; outstanding: string; financed: string; parts: string }> =
      await this.dataSource.query(
        `SELECT CASE WHEN t.voucher_status = 'defaulted' THEN 'defaulted'
                   WHEN t.maturity_date < $1::date THEN 'overdue'
                   WHEN t.maturity_date - $1::date <= 30 THEN '0-30'
                   WHEN t.maturity_date - $1::date <= 60 THEN '31-60'
                   WHEN t.maturity_date - $1::date <= 90 THEN '61-90'
                   WHEN t.maturity_date - $1::date <= 180 THEN '91-180'
                   WHEN t.maturity_date - $1::date <= 365 THEN '181-365'
                   ELSE 'over-365' END AS bucket,
              sum(t.outstanding)::text AS outstanding, sum(t.financed)::text AS financed, sum(t.parts)::text AS parts
         FROM exposure_totals t ${debtorJoin(query)}
        WHERE ${filter.where} AND t.voucher_status <> 'paid'
        GROUP BY 1`,
        filter.values
      );
    const byBucket = new Map(rows.map((row) => [row.bucket, row]));
    return MATURITY_BUCKETS.map((bucket) => {
      const row = byBucket.get(bucket);
      return { bucket, outstanding: row?.outstanding ?? "0", financed: row?.financed ?? "0", parts: row?.parts ?? "0" };
    });
  }

  /** Daily flows over the last `days` days, with the outstanding total (issued minus redeemed) at each day's end. */
  async trends(days: number): Promise<TrendPoint[]> {
    const today = todayUtc();
    const rows: Array<TrendPoint> = await this.dataSource.query(
      `WITH running AS (
         SELECT day, issued, financed, redeemed, defaulted, sum(issued - redeemed) OVER (ORDER BY day) AS outstanding
           FROM exposure_daily
       )
       SELECT to_char(g.day, 'YYYY-MM-DD') AS day,
              coalesce(r.issued, 0)::text AS issued, coalesce(r.financed, 0)::text AS financed,
              coalesce(r.redeemed, 0)::text AS redeemed, coalesce(r.defaulted, 0)::text AS defaulted,
              coalesce((SELECT p.outstanding FROM running p WHERE p.day <= g.day ORDER BY p.day DESC LIMIT 1), 0)::text AS outstanding
         FROM generate_series($1::date - ($2::int - 1), $1::date, interval '1 day') AS g (day)
         LEFT JOIN running r ON r.day = g.day::date
        ORDER BY g.day`,
      [today, days]
    );
    return rows;
  }

  private async byTotalsKey(
    by: Exclude<BreakdownDimension, "supplier">,
    today: string,
    query: ExposureFilterQuery
  ): Promise<BreakdownRow[]> {
    const filter = this.totalsFilter(today, query);
    const key = {
      bank: `nullif(t.bank_key, '${NONE}')`,
      debtor: "t.debtor_organisation_id",
      guarantor: `nullif(t.guarantor_key, '${NONE}')`,
      region: "d.region",
      industry: "d.industry",
    }[by];
    if (by === "guarantor") filter.add(`t.guarantor_key <> '${NONE}'`);
    const named = by === "region" || by === "industry" ? "NULL::text" : "o.name";
    const rows: Array<ExposureFigures & { key: string | null; name: string | null }> = await this.dataSource.query(
      `SELECT g.key::text AS key, ${named} AS name, g.outstanding, g.financed, g.overdue, g.defaulted, g.covered, g.parts
         FROM (SELECT ${key} AS key, ${TOTALS_FIGURES}
                 FROM exposure_totals t ${debtorJoin(query, by)}
                WHERE ${filter.where}
                GROUP BY 1) g
         ${named === "o.name" ? "LEFT JOIN organisations o ON o.id = g.key" : ""}
        ORDER BY g.outstanding::numeric DESC, g.key
        LIMIT ${MAX_BREAKDOWN_ROWS}`,
      filter.values
    );
    return rows.map((row) => ({ ...row, tier: null }));
  }

  /**
   * Supplier and tier: sums from exposure_supplier_totals, or, for one bank, from that bank's positions
   * (through their bank index); overdue always from the positions, through the partial index on open
   * maturities (overdue parts are a small share of a book).
   */
  private async bySupplier(today: string, query: ExposureFilterQuery): Promise<BreakdownRow[]> {
    const filter = new SqlFilter();
    filter.bind(today);
    const bound = (value: string | undefined) => (value === undefined ? undefined : filter.bind(value));
    const [bank, debtor, region, industry] = [query.bankId, query.debtorId, query.region, query.industry].map(bound);
    // The same bound values, on the supplier totals (s) or on the positions (p).
    const where = (alias: "s" | "p") =>
      [
        bank && `p.bank_organisation_id = ${bank}`,
        debtor && `${alias}.debtor_organisation_id = ${debtor}`,
        region && `d.region = ${region}`,
        industry && `d.industry = ${industry}`,
      ]
        .filter(Boolean)
        .join(" AND ") || "true";
    const debtorOf = (alias: string) =>
      query.region || query.industry ? `JOIN organisations d ON d.id = ${alias}.debtor_organisation_id` : "";
    const sums =
      query.bankId === undefined
        ? `SELECT s.supplier_key AS key, s.tier, sum(s.outstanding) AS outstanding, sum(s.financed) AS financed,
                  sum(s.covered) AS covered, sum(s.outstanding) FILTER (WHERE s.voucher_status = 'defaulted') AS defaulted,
                  sum(s.parts) AS parts
             FROM exposure_supplier_totals s ${debtorOf("s")}
            WHERE ${where("s")}
            GROUP BY 1, 2 HAVING sum(s.parts) > 0`
        : `SELECT coalesce(p.supplier_organisation_id, '${NONE}') AS key, p.tier, sum(p.amount) AS outstanding,
                  sum(p.financed_amount) AS financed, sum(p.covered_amount) AS covered,
                  sum(p.amount) FILTER (WHERE p.voucher_status = 'defaulted') AS defaulted, count(*) AS parts
             FROM exposure_positions p ${debtorOf("p")}
            WHERE ${where("p")} AND p.status = 'live'
            GROUP BY 1, 2`;
    const rows: Array<ExposureFigures & { key: string | null; name: string | null; tier: number }> =
      await this.dataSource.query(
        `WITH sums AS (${sums}),
       overdue AS (
         SELECT coalesce(p.supplier_organisation_id, '${NONE}') AS key, p.tier, sum(p.amount) AS overdue
           FROM exposure_positions p ${debtorOf("p")}
          WHERE p.status = 'live' AND p.voucher_status = 'active' AND p.maturity < $1::date::timestamp AT TIME ZONE 'UTC'
            AND ${where("p")}
          GROUP BY 1, 2
       )
       SELECT nullif(s.key, '${NONE}')::text AS key, o.name, s.tier, s.outstanding::text AS outstanding, s.financed::text AS financed,
              coalesce(v.overdue, 0)::text AS overdue, coalesce(s.defaulted, 0)::text AS defaulted,
              s.covered::text AS covered, s.parts::text AS parts
         FROM sums s
         LEFT JOIN overdue v ON v.key = s.key AND v.tier = s.tier
         LEFT JOIN organisations o ON o.id = s.key
        ORDER BY s.outstanding DESC, s.key, s.tier
        LIMIT ${MAX_BREAKDOWN_ROWS}`,
        filter.values
      );
    return rows;
  }

  /** The filters on exposure_totals (alias t, debtor d); today, when given, is bound first as $1. */
  private totalsFilter(today: string | null, query: ExposureFilterQuery): SqlFilter {
    const filter = new SqlFilter();
    if (today !== null) filter.bind(today);
    return filter
      .when(query.bankId, (p) => `t.bank_key = ${p}`)
      .when(query.debtorId, (p) => `t.debtor_organisation_id = ${p}`)
      .when(query.region, (p) => `d.region = ${p}`)
      .when(query.industry, (p) => `d.industry = ${p}`);
  }
}

/** The debtor's organisation row, joined only when a filter or the grouping needs its region or industry. */
function debtorJoin(query: ExposureFilterQuery, by?: BreakdownDimension): string {
  const needed = query.region !== undefined || query.industry !== undefined || by === "region" || by === "industry";
  return needed ? "JOIN organisations d ON d.id = t.debtor_organisation_id" : "";
}

function round(value: number, digits: number): number {
  const scale = 10 ** digits;
  return Math.round(value * scale) / scale;
}
