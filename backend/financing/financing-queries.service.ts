import { Injectable } from "@nestjs/common";
import { isUUID } from "class-validator";
import { DataSource, In } from "typeorm";
import { NotFoundError, ValidationError } from "../common/domain-error.js";
import { decodeCursor, pageLimit, toPage } from "../common/pagination.js";
import type { AuthenticatedOrganisation } from "../participants/authenticated-organisation.js";
import { AutoDecision } from "./auto-decision/auto-decision.entity.js";
import type { FinancingListQuery } from "./dto/financing-list.query.js";
import type { FinancingRequestPage, FinancingRequestView } from "./dto/financing-request.dto.js";
import { FinancingRequest } from "./financing-request.entity.js";
import { financingRequestView } from "./financing-view-mapping.js";

export type FinancingSide = "holder" | "bank";

/**
 * Reads of financing requests: a bank's inbox (requests addressed to it) and a holder's own requests, newest
 * first, paged on the identity column (one query per page, so no snapshot is needed).
 */
@Injectable()
export class FinancingQueries {
  constructor(private readonly dataSource: DataSource) {}

  async list(organisation: AuthenticatedOrganisation, side: FinancingSide, query: FinancingListQuery): Promise<FinancingRequestPage> {
    const limit = pageLimit(query);
    const after = query.cursor === undefined ? undefined : decodeCursor(query.cursor, 1);
    if (after !== undefined && !/^[0-9]{1,19}$/.test(String(after[0]))) {
      throw new ValidationError("INVALID_CURSOR", "cursor is not one this API returned: pass nextCursor unchanged", { cursor: query.cursor });
    }
    const builder = this.dataSource
      .getRepository(FinancingRequest)
      .createQueryBuilder("request")
      .where(side === "bank" ? "request.bank_organisation_id = :organisation" : "request.holder_organisation_id = :organisation", {
        organisation: organisation.id,
      });
    if (after !== undefined) builder.andWhere("request.seq < :after", { after: String(after[0]) });
    if (query.status !== undefined) builder.andWhere("request.status = :status", { status: query.status });
    if (query.kind !== undefined) builder.andWhere("request.kind = :kind", { kind: query.kind });
    if (query.debtorOrganisationId !== undefined) {
      builder.andWhere("request.debtor_organisation_id = :debtor", { debtor: query.debtorOrganisationId });
    }
    if (query.createdFrom !== undefined) builder.andWhere("request.created_at >= :from", { from: new Date(query.createdFrom) });
    if (query.createdTo !== undefined) builder.andWhere("request.created_at < :to", { to: new Date(query.createdTo) });
    if (side === "holder") {
      const rows = await builder.orderBy("request.seq", "DESC").limit(limit + 1).getMany();
      const page = toPage(rows, limit, (row) => [row.seq]);
      return { items: page.items.map(financingRequestView), nextCursor: page.nextCursor };
    }
    // The bank also sees what its auto-decision policy did: one snapshot for the requests and their outcomes.
    return this.dataSource.transaction("REPEATABLE READ", async (manager) => {
      await manager.query("SET TRANSACTION READ ONLY");
      const rows = await builder.setQueryRunner(manager.queryRunner!).orderBy("request.seq", "DESC").limit(limit + 1).getMany();
      const page = toPage(rows, limit, (row) => [row.seq]);
      const outcomes = await manager.getRepository(AutoDecision).find({ where: { requestId: In(page.items.map((row) => row.id)) } });
      const byRequest = new Map(outcomes.map((outcome) => [outcome.requestId, outcome]));
      return {
        items: page.items.map((row) => {
          const outcome = byRequest.get(row.id);
          return { ...financingRequestView(row), autoDecision: outcome ? { outcome: outcome.status, reasons: outcome.reasons } : null };
        }),
        nextCursor: page.nextCursor,
      };
    });
  }

  /** A request, for its holder or the bank it is addressed to; 404 for everyone else, so ids cannot be probed. */
  async find(organisation: AuthenticatedOrganisation, requestId: string): Promise<FinancingRequestView> {
    return financingRequestView(await this.visible(organisation, requestId));
  }

  async visible(organisation: AuthenticatedOrganisation, requestId: string): Promise<FinancingRequest> {
    const request = isUUID(requestId) ? await this.dataSource.getRepository(FinancingRequest).findOne({ where: { id: requestId } }) : null;
    if (!request || (request.holderOrganisationId !== organisation.id && request.bankOrganisationId !== organisation.id)) {
      throw new NotFoundError("FINANCING_REQUEST_NOT_FOUND", "no such financing request", { requestId });
    }
    return request;
  }
}
