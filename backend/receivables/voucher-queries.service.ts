import { Injectable } from "@nestjs/common";
import { DataSource, type EntityManager, In } from "typeorm";
import { NotFoundError, ValidationError } from "../common/domain-error.js";
import { type PageQuery, decodeCursor, pageLimit, toPage } from "../common/pagination.js";
import type { AuthenticatedOrganisation } from "../participants/authenticated-organisation.js";
import type { VoucherLineageView, VoucherPartPage } from "./dto/voucher-views.dto.js";
import { lineageOf } from "./lineage.js";
import { VoucherPart } from "./voucher-part.entity.js";
import { voucherPartView, voucherTermsView } from "./voucher-view-mapping.js";
import { isPartId, isVoucherVisibleTo } from "./voucher-visibility.js";
import { Voucher } from "./voucher.entity.js";

/**
 * Reads of vouchers and parts, from the tables the indexer fills. Each read takes one snapshot (REPEATABLE
 * READ, read only): the indexer commits a split's new child and its parent's smaller amount together, and a
 * read made of several queries must not see the child without the parent's new amount.
 */
@Injectable()
export class VoucherQueries {
  constructor(private readonly dataSource: DataSource) {}

  /** The live parts the caller holds and the root parts of vouchers it owes, newest first. */
  async list(organisation: AuthenticatedOrganisation, query: PageQuery): Promise<VoucherPartPage> {
    return this.inOneSnapshot((manager) => this.listIn(manager, organisation, query));
  }

  /**
   * One organisation's voucher and payment history, for another party reading it under a consent (the
   * data-sharing module calls this inside its own REPEATABLE READ transaction): every part it holds or held,
   * live, split away or redeemed, and the root parts of the vouchers it owes, each with its voucher's terms
   * (face value, redeemed amount, status paid or defaulted), newest first.
   */
  async historyOf(manager: EntityManager, organisationId: string, query: PageQuery): Promise<VoucherPartPage> {
    return this.partsPage(manager, organisationId, query, "history");
  }

  /** A part with its voucher's terms, its ancestors up to the root and the tree of parts split off it. */
  async lineage(organisation: AuthenticatedOrganisation, partId: string): Promise<VoucherLineageView> {
    return this.inOneSnapshot((manager) => this.lineageIn(manager, organisation, partId));
  }

  private listIn(manager: EntityManager, organisation: AuthenticatedOrganisation, query: PageQuery): Promise<VoucherPartPage> {
    return this.partsPage(manager, organisation.id, query, "live");
  }

  private async partsPage(
    manager: EntityManager,
    organisationId: string,
    query: PageQuery,
    scope: "live" | "history",
  ): Promise<VoucherPartPage> {
    const limit = pageLimit(query);
    const after = query.cursor === undefined ? undefined : decodeCursor(query.cursor, 1);
    if (after !== undefined && !isPartId(String(after[0]))) {
      throw new ValidationError("INVALID_CURSOR", "cursor is not one this API returned: pass nextCursor unchanged", {
        cursor: query.cursor,
      });
    }
    const parts = await manager
      .getRepository(VoucherPart)
      .createQueryBuilder("part")
      .innerJoin(Voucher, "voucher", "voucher.id = part.voucher_id")
      .where(
        `((part.holder_organisation_id = :organisation${scope === "live" ? " AND part.status = 'live'" : ""}) OR ` +
          "(part.parent_id IS NULL AND voucher.debtor_organisation_id = :organisation))",
        { organisation: organisationId },
      )
      .andWhere(after ? "part.id < :after" : "true", after ? { after: String(after[0]) } : {})
      .orderBy("part.id", "DESC")
      .limit(limit + 1)
      .getMany();
    const vouchers = await this.vouchersById(manager, [...new Set(parts.map((part) => part.voucherId))]);
    const page = toPage(parts, limit, (part) => [part.id]);
    return {
      items: page.items.map((part) => ({ ...voucherPartView(part), voucher: voucherTermsView(vouchers.get(part.voucherId)!) })),
      nextCursor: page.nextCursor,
    };
  }

  private async lineageIn(manager: EntityManager, organisation: AuthenticatedOrganisation, partId: string): Promise<VoucherLineageView> {
    const part = isPartId(partId) ? await manager.getRepository(VoucherPart).findOne({ where: { id: partId } }) : null;
    const voucher = part ? await manager.getRepository(Voucher).findOne({ where: { id: part.voucherId } }) : null;
    if (!part || !voucher || !(await isVoucherVisibleTo(manager, organisation.id, voucher))) {
      throw new NotFoundError("VOUCHER_PART_NOT_FOUND", "no such voucher part", { partId });
    }
    const parts = await manager.getRepository(VoucherPart).find({ where: { voucherId: voucher.id } });
    return { voucher: voucherTermsView(voucher), part: voucherPartView(part), ...lineageOf(part.id, parts) };
  }

  private async vouchersById(manager: EntityManager, ids: string[]): Promise<Map<string, Voucher>> {
    if (ids.length === 0) return new Map();
    const vouchers = await manager.getRepository(Voucher).findBy({ id: In(ids) });
    return new Map(vouchers.map((voucher) => [voucher.id, voucher]));
  }

  private inOneSnapshot<T>(read: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction("REPEATABLE READ", async (manager) => {
      await manager.query("SET TRANSACTION READ ONLY");
      return read(manager);
    });
  }
}
