import { Injectable } from "@nestjs/common";
import { DataSource, type EntityManager } from "typeorm";
import { NotFoundError, ValidationError } from "../common/domain-error.js";
import { decodeCursor, pageLimit, toPage } from "../common/pagination.js";
import { lineageOf } from "../receivables/lineage.js";
import { VoucherPart } from "../receivables/voucher-part.entity.js";
import { voucherPartView, voucherTermsView } from "../receivables/voucher-view-mapping.js";
import { isPartId } from "../receivables/voucher-visibility.js";
import { Voucher } from "../receivables/voucher.entity.js";
import type { PositionsQuery } from "./dto/exposure-query.dto.js";
import type { PositionPage, PositionView, RegulatorLineageView } from "./dto/exposure-views.dto.js";
import { SqlFilter, todayUtc } from "./sql-filter.js";

/** A CSV export is one response: beyond this many parts, narrow the filters. */
export const MAX_EXPORT_ROWS = 100_000;

interface PositionRow {
  part_id: string;
  voucher_id: string;
  tier: number;
  debtor_organisation_id: string;
  debtor_name: string | null;
  supplier_organisation_id: string | null;
  supplier_name: string | null;
  holder_organisation_id: string | null;
  bank_organisation_id: string | null;
  bank_name: string | null;
  guarantor_organisation_id: string | null;
  amount: string;
  financed_amount: string;
  covered_amount: string;
  maturity: Date;
  status: string;
  voucher_status: string;
}

/**
 * The regulator's drill-down: from a bank, a debtor, a supplier or a guarantor to the voucher parts behind
 * a figure (live parts by default), newest first, and from a part to its voucher's lineage.
 */
@Injectable()
export class ExposurePositions {
  constructor(private readonly dataSource: DataSource) {}

  async page(query: PositionsQuery): Promise<PositionPage> {
    const limit = pageLimit(query);
    const after = query.cursor === undefined ? undefined : decodeCursor(query.cursor, 1);
    if (after !== undefined && !isPartId(String(after[0]))) {
      throw new ValidationError("INVALID_CURSOR", "cursor is not one this API returned: pass nextCursor unchanged", {
        cursor: query.cursor,
      });
    }
    const rows = await this.select(query, limit + 1, after === undefined ? undefined : String(after[0]));
    const page = toPage(rows, limit, (row) => [row.part_id]);
    return { items: page.items.map(positionView), nextCursor: page.nextCursor };
  }

  /** Up to MAX_EXPORT_ROWS + 1 positions: one more than exported tells the caller the export is cut. */
  async forExport(query: PositionsQuery): Promise<PositionView[]> {
    return (await this.select(query, MAX_EXPORT_ROWS + 1, undefined)).map(positionView);
  }

  /** Any part's lineage: the regulator sees every voucher (holders and debtors see theirs in receivables). */
  async lineage(partId: string): Promise<RegulatorLineageView> {
    return this.dataSource.transaction("REPEATABLE READ", async (manager) => {
      await manager.query("SET TRANSACTION READ ONLY");
      const part = isPartId(partId)
        ? await manager.getRepository(VoucherPart).findOne({ where: { id: partId } })
        : null;
      const voucher = part ? await manager.getRepository(Voucher).findOne({ where: { id: part.voucherId } }) : null;
      if (!part || !voucher) throw new NotFoundError("VOUCHER_PART_NOT_FOUND", "no such voucher part", { partId });
      const parts = await manager.getRepository(VoucherPart).find({ where: { voucherId: voucher.id } });
      const [position] = await this.select({ partId } as PositionsQuery & { partId: string }, 1, undefined, manager);
      return {
        voucher: voucherTermsView(voucher),
        part: voucherPartView(part),
        ...lineageOf(part.id, parts),
        position: position ? positionView(position) : null,
      };
    });
  }

  private async select(
    query: PositionsQuery & { partId?: string },
    limit: number,
    afterPartId: string | undefined,
    manager: EntityManager = this.dataSource.manager
  ): Promise<PositionRow[]> {
    const filter = new SqlFilter()
      .when(query.partId, (p) => `p.part_id = ${p}`)
      .when(query.bankId, (p) => `p.bank_organisation_id = ${p}`)
      .when(query.debtorId, (p) => `p.debtor_organisation_id = ${p}`)
      .when(query.supplierId, (p) => `p.supplier_organisation_id = ${p}`)
      .when(query.guarantorId, (p) => `p.guarantor_organisation_id = ${p}`)
      .when(query.tier, (p) => `p.tier = ${p}`)
      .when(query.region, (p) => `d.region = ${p}`)
      .when(query.industry, (p) => `d.industry = ${p}`)
      .when(query.voucherStatus, (p) => `p.voucher_status = ${p}`)
      .when(afterPartId, (p) => `p.part_id < ${p}`);
    // A part's own lineage shows it whatever its status; lists show what is outstanding.
    if (query.partId === undefined) filter.add(`p.status = 'live'`);
    if (query.overdue === true) {
      filter.when(
        todayUtc(),
        (p) => `p.voucher_status = 'active' AND p.maturity < ${p}::date::timestamp AT TIME ZONE 'UTC'`
      );
    }
    return manager.query(
      `SELECT p.part_id::text, p.voucher_id::text, p.tier, p.debtor_organisation_id, d.name AS debtor_name,
              p.supplier_organisation_id, s.name AS supplier_name, p.holder_organisation_id,
              p.bank_organisation_id, b.name AS bank_name, p.guarantor_organisation_id,
              p.amount::text, p.financed_amount::text, p.covered_amount::text, p.maturity, p.status, p.voucher_status
         FROM exposure_positions p
         JOIN organisations d ON d.id = p.debtor_organisation_id
         LEFT JOIN organisations s ON s.id = p.supplier_organisation_id
         LEFT JOIN organisations b ON b.id = p.bank_organisation_id
        WHERE ${filter.where}
        ORDER BY p.part_id DESC
        LIMIT ${limit}`,
      filter.values
    );
  }
}

function positionView(row: PositionRow): PositionView {
  return {
    partId: row.part_id,
    voucherId: row.voucher_id,
    tier: row.tier,
    debtorId: row.debtor_organisation_id,
    debtorName: row.debtor_name,
    supplierId: row.supplier_organisation_id,
    supplierName: row.supplier_name,
    holderId: row.holder_organisation_id,
    bankId: row.bank_organisation_id,
    bankName: row.bank_name,
    guarantorId: row.guarantor_organisation_id,
    amount: row.amount,
    financed: row.financed_amount,
    covered: row.covered_amount,
    maturity: row.maturity.toISOString(),
    status: row.status,
    voucherStatus: row.voucher_status,
  };
}
