import { Injectable } from "@nestjs/common";
import { DataSource } from "typeorm";
import { SuiteContracts } from "../chain/suite-contracts.js";
import type { AlertView, GuarantorUseRow, LimitRow } from "./dto/exposure-views.dto.js";
import { NONE, SqlFilter } from "./sql-filter.js";

/** Warning from 80% of a limit or capacity, breach from 100% (at the limit no further financing is possible). */
const WARNING_PERCENT = 80n;

export function levelOf(used: bigint, limit: bigint): "ok" | "warning" | "breach" {
  if (limit === 0n) return used > 0n ? "breach" : "ok";
  if (used >= limit) return "breach";
  return used * 100n >= limit * WARNING_PERCENT ? "warning" : "ok";
}

function ratio(used: bigint, limit: bigint): number | null {
  if (limit === 0n) return null;
  // Six decimals are plenty for a utilisation and keep the division in integers.
  return Number((used * 1_000_000n) / limit) / 1_000_000;
}

/**
 * Limits and capacities as ComplianceRules holds them (from its events), against what it booked, and the
 * alerts that follow. The default limit is the deployment's until the regulator changes it on chain.
 */
@Injectable()
export class ComplianceLimits {
  constructor(private readonly dataSource: DataSource, private readonly contracts: SuiteContracts) {}

  async limits(query: { bankId?: string; debtorId?: string } = {}): Promise<LimitRow[]> {
    const defaultLimit = await this.defaultExposureLimit();
    const filter = new SqlFilter()
      .when(query.bankId, (p) => `l.bank_organisation_id = ${p}`)
      .when(query.debtorId, (p) => `l.debtor_organisation_id = ${p}`);
    const rows: Array<{
      bank_id: string;
      bank_name: string | null;
      debtor_id: string;
      debtor_name: string | null;
      limit_override: string | null;
      booked_exposure: string;
    }> = await this.dataSource.query(
      `SELECT l.bank_organisation_id AS bank_id, b.name AS bank_name, l.debtor_organisation_id AS debtor_id, d.name AS debtor_name,
              l.limit_override::text, l.booked_exposure::text
         FROM exposure_limits l
         LEFT JOIN organisations b ON b.id = l.bank_organisation_id
         LEFT JOIN organisations d ON d.id = l.debtor_organisation_id
        WHERE ${filter.where}
        ORDER BY l.booked_exposure DESC, l.bank_organisation_id, l.debtor_organisation_id`,
      filter.values
    );
    return rows.map((row) => {
      const limit = row.limit_override === null ? defaultLimit : BigInt(row.limit_override);
      const exposure = BigInt(row.booked_exposure);
      return {
        bankId: row.bank_id,
        bankName: row.bank_name,
        debtorId: row.debtor_id,
        debtorName: row.debtor_name,
        limit: limit.toString(),
        override: row.limit_override !== null,
        exposure: exposure.toString(),
        utilisation: ratio(exposure, limit),
        level: levelOf(exposure, limit),
      };
    });
  }

  async guarantors(): Promise<GuarantorUseRow[]> {
    const rows: Array<{
      guarantor_id: string;
      guarantor_name: string | null;
      capacity: string;
      used: string;
      covered: string;
    }> = await this.dataSource.query(
      `WITH covered AS (
           SELECT guarantor_key AS id, sum(covered) AS covered FROM exposure_totals WHERE guarantor_key <> '${NONE}' GROUP BY 1
         )
         SELECT coalesce(c.guarantor_organisation_id, v.id) AS guarantor_id, o.name AS guarantor_name,
                coalesce(c.capacity, 0)::text AS capacity, coalesce(c.used, 0)::text AS used, coalesce(v.covered, 0)::text AS covered
           FROM guarantor_capacities c
           FULL JOIN covered v ON v.id = c.guarantor_organisation_id
           LEFT JOIN organisations o ON o.id = coalesce(c.guarantor_organisation_id, v.id)
          ORDER BY coalesce(c.used, 0) DESC, 1`
    );
    return rows.map((row) => ({
      guarantorId: row.guarantor_id,
      guarantorName: row.guarantor_name,
      capacity: row.capacity,
      used: row.used,
      covered: row.covered,
      utilisation: ratio(BigInt(row.used), BigInt(row.capacity)),
    }));
  }

  async alerts(): Promise<AlertView[]> {
    const limitAlerts: AlertView[] = (await this.limits())
      .filter((row) => row.level !== "ok")
      .map((row) => ({
        kind: "exposure_limit",
        level: row.level,
        subject: `${row.bankName ?? row.bankId} on ${row.debtorName ?? row.debtorId}`,
        details: {
          bankId: row.bankId,
          debtorId: row.debtorId,
          exposure: row.exposure,
          limit: row.limit,
          utilisation: row.utilisation,
        },
      }));
    const capacityAlerts: AlertView[] = (await this.guarantors()).flatMap((row) => {
      const level = levelOf(BigInt(row.used), BigInt(row.capacity));
      if (level === "ok") return [];
      return [
        {
          kind: "guarantor_capacity",
          level,
          subject: `${row.guarantorName ?? row.guarantorId} guarantee capacity`,
          details: {
            guarantorId: row.guarantorId,
            used: row.used,
            capacity: row.capacity,
            utilisation: row.utilisation,
          },
        },
      ];
    });
    return [...limitAlerts, ...capacityAlerts].sort((a, b) =>
      a.level === b.level ? 0 : a.level === "breach" ? -1 : 1
    );
  }

  private async defaultExposureLimit(): Promise<bigint> {
    const [row]: Array<{ value: string }> = await this.dataSource.query(
      `SELECT value::text FROM compliance_parameters WHERE name = 'default_exposure_limit'`
    );
    if (row) return BigInt(row.value);
    const deployed = (this.contracts.deployment as { parameters?: { defaultExposureLimit?: string } }).parameters
      ?.defaultExposureLimit;
    return BigInt(deployed ?? 0);
  }
}
