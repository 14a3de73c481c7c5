import { Injectable } from "@nestjs/common";
import { DataSource, type EntityManager } from "typeorm";
import { NotFoundError, ValidationError } from "../common/domain-error.js";
import { decodeCursor, pageLimit, toPage } from "../common/pagination.js";
import type { AuthenticatedOrganisation } from "../participants/authenticated-organisation.js";
import { isPartId, isVoucherVisibleTo } from "../receivables/voucher-visibility.js";
import { Voucher } from "../receivables/voucher.entity.js";
import type { ListVoucherSettlementsQuery, VoucherSettlementPage, VoucherSettlementView } from "./dto/voucher-settlement.dto.js";
import { SETTLEMENT_STATUS_SQL, type SettlementStatus, settlementStatus } from "./settlement-status.js";

/**
 * Settlement status of vouchers, for their debtor and every organisation that holds or held a part of them
 * (the voucher visibility rule). One snapshot per read: the indexer commits a payment's parts, amounts and
 * status together.
 */
@Injectable()
export class SettlementQueries {
  constructor(private readonly dataSource: DataSource) {}

  find(organisation: AuthenticatedOrganisation, voucherId: string): Promise<VoucherSettlementView> {
    return this.inOneSnapshot(async (manager) => {
      const voucher = isPartId(voucherId) ? await manager.getRepository(Voucher).findOne({ where: { id: voucherId } }) : null;
      if (!voucher || !(await isVoucherVisibleTo(manager, organisation.id, voucher))) {
        throw new NotFoundError("VOUCHER_NOT_FOUND", "no such voucher", { voucherId });
      }
      const [settlement]: Array<Record<string, unknown>> = await manager.query(`SELECT * FROM voucher_settlements WHERE voucher_id = $1`, [
        voucherId,
      ]);
      const outstanding: Array<Record<string, string | null>> = await manager.query(
        `SELECT id, holder_organisation_id, amount, held_amount FROM voucher_parts
          WHERE voucher_id = $1 AND status = 'live' AND amount > 0 ORDER BY id`,
        [voucherId],
      );
      const payments: Array<Record<string, unknown>> = await manager.query(
        `SELECT * FROM part_payments WHERE voucher_id = $1 ORDER BY block_number, log_index`,
        [voucherId],
      );
      return {
        voucherId: voucher.id,
        debtorOrganisationId: voucher.debtorOrganisationId,
        status: settlementStatus(voucher.status, Boolean(settlement?.matured_seen_at)),
        faceValue: voucher.faceValue,
        paid: voucher.redeemed,
        outstanding: (BigInt(voucher.faceValue) - BigInt(voucher.redeemed)).toString(),
        maturity: voucher.maturity.toISOString(),
        defaultableAt: (settlement?.defaultable_at as Date | null | undefined)?.toISOString() ?? null,
        defaultedAt: (settlement?.defaulted_at as Date | null | undefined)?.toISOString() ?? null,
        defaultedOutstanding: (settlement?.defaulted_outstanding as string | null | undefined) ?? null,
        outstandingParts: outstanding.map((part) => ({
          partId: part.id!,
          holderOrganisationId: part.holder_organisation_id ?? null,
          amount: part.amount!,
          heldAmount: part.held_amount!,
        })),
        payments: payments.map((payment) => ({
          partId: String(payment.part_id),
          holderAddress: payment.holder_address as string,
          holderOrganisationId: payment.holder_organisation_id as string | null,
          holderAmount: String(payment.holder_amount),
          beneficiaryAddress: payment.beneficiary_address as string | null,
          beneficiaryOrganisationId: payment.beneficiary_organisation_id as string | null,
          beneficiaryAmount: String(payment.beneficiary_amount),
          txHash: payment.tx_hash as string,
          paidAt: (payment.paid_at as Date).toISOString(),
        })),
      };
    });
  }

  /** Vouchers the caller owes or holds a live part of, by id descending, optionally of one status. */
  list(organisation: AuthenticatedOrganisation, query: ListVoucherSettlementsQuery): Promise<VoucherSettlementPage> {
    const limit = pageLimit(query);
    const after = query.cursor === undefined ? undefined : decodeCursor(query.cursor, 1);
    if (after !== undefined && !isPartId(String(after[0]))) {
      throw new ValidationError("INVALID_CURSOR", "cursor is not one this API returned: pass nextCursor unchanged", { cursor: query.cursor });
    }
    return this.inOneSnapshot(async (manager) => {
      const rows: Array<{ id: string; debtor_organisation_id: string; status: SettlementStatus; face_value: string; redeemed: string; maturity: Date }> =
        await manager.query(
          `SELECT v.id, v.debtor_organisation_id, ${SETTLEMENT_STATUS_SQL} AS status, v.face_value, v.redeemed, v.maturity
             FROM vouchers v LEFT JOIN voucher_settlements s ON s.voucher_id = v.id
            WHERE (v.debtor_organisation_id = $1
                   OR EXISTS (SELECT 1 FROM voucher_parts p WHERE p.voucher_id = v.id AND p.holder_organisation_id = $1 AND p.status = 'live'))
              AND ($2::text IS NULL OR ${SETTLEMENT_STATUS_SQL} = $2)
              AND ($3::bigint IS NULL OR v.id < $3)
            ORDER BY v.id DESC
            LIMIT $4`,
          [organisation.id, query.status ?? null, after ? String(after[0]) : null, limit + 1],
        );
      const page = toPage(rows, limit, (row) => [row.id]);
      return {
        items: page.items.map((row) => ({
          voucherId: row.id,
          debtorOrganisationId: row.debtor_organisation_id,
          status: row.status,
          faceValue: row.face_value,
          outstanding: (BigInt(row.face_value) - BigInt(row.redeemed)).toString(),
          maturity: row.maturity.toISOString(),
        })),
        nextCursor: page.nextCursor,
      };
    });
  }

  private inOneSnapshot<T>(read: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction("REPEATABLE READ", async (manager) => {
      await manager.query("SET TRANSACTION READ ONLY");
      return read(manager);
    });
  }
}
