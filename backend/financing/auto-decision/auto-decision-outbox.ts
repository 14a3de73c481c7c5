import { Injectable } from "@nestjs/common";
import type { EntityManager } from "typeorm";

/**
 * The projector's side: when a request reaches the chain, it is queued for its bank's policy in the indexer's
 * transaction (a row, not a job, so it exists exactly when the request does); the worker applies the policy
 * after the commit. Only banks with a policy switched on get rows; the worker checks the policy again.
 */
@Injectable()
export class AutoDecisionOutbox {
  async enqueue(manager: EntityManager, financingId: string): Promise<void> {
    await manager.query(
      `INSERT INTO financing_auto_decisions (request_id, bank_organisation_id)
       SELECT request.id, request.bank_organisation_id
         FROM financing_requests request
         JOIN financing_auto_decision_policies policy ON policy.bank_organisation_id = request.bank_organisation_id AND policy.enabled
        WHERE request.financing_id = $1 AND request.status = 'requested'
       ON CONFLICT (request_id) DO NOTHING`,
      [financingId],
    );
  }
}
