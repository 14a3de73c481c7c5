import { Injectable } from "@nestjs/common";
import { isUUID } from "class-validator";
import { DataSource } from "typeorm";
import { NotFoundError } from "../../common/domain-error.js";
import type { AuthenticatedOrganisation } from "../../participants/authenticated-organisation.js";
import { FinancingDecision } from "../financing-decision.entity.js";
import { FinancingRequest } from "../financing-request.entity.js";
import { financingDecisionView } from "../financing-view-mapping.js";
import { AutoDecision } from "./auto-decision.entity.js";
import type { AutoDecisionView } from "./auto-decision.dto.js";

/** What the bank's policy did with a request addressed to it. */
@Injectable()
export class AutoDecisionQueries {
  constructor(private readonly dataSource: DataSource) {}

  async forRequest(bank: AuthenticatedOrganisation, requestId: string): Promise<AutoDecisionView> {
    // One snapshot: the decision's status and the request's may be moved by the indexer between the reads.
    return this.dataSource.transaction("REPEATABLE READ", async (manager) => {
      await manager.query("SET TRANSACTION READ ONLY");
      const request = isUUID(requestId)
        ? await manager.getRepository(FinancingRequest).findOne({ where: { id: requestId, bankOrganisationId: bank.id } })
        : null;
      if (!request) throw new NotFoundError("FINANCING_REQUEST_NOT_FOUND", "no such financing request addressed to you", { requestId });
      const row = await manager.getRepository(AutoDecision).findOneBy({ requestId });
      if (!row) {
        throw new NotFoundError("AUTO_DECISION_NOT_FOUND", "no auto-decision policy was on for this request when it reached the chain", {
          requestId,
        });
      }
      const decision = row.decisionId === null ? null : await manager.getRepository(FinancingDecision).findOneByOrFail({ id: row.decisionId });
      return {
        requestId,
        outcome: row.status,
        reasons: row.reasons,
        policyVersion: row.policyVersion,
        policy: row.policy,
        risk: row.risk,
        decision: decision === null ? null : financingDecisionView(decision, request),
        updatedAt: row.updatedAt.toISOString(),
      };
    });
  }
}
