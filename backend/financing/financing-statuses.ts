import type { EntityManager } from "typeorm";
import type { FinancingRequestStatus } from "./financing-request.entity.js";

/** A bank may still decide these, or they are on their way to that point. */
export const OPEN_STATUSES: FinancingRequestStatus[] = ["requesting", "requested", "withdrawing"];

/**
 * The request that finances a part (active), or whose approval is on its way to the chain: a second approval
 * of the same part would fail on chain, so it is refused before anything is recorded. A rejection on its way
 * does not count.
 */
export async function financingOfPart(manager: EntityManager, partId: string): Promise<string | undefined> {
  const rows: Array<{ id: string }> = await manager.query(
    `SELECT request.id FROM financing_requests request
      WHERE request.part_id = $1
        AND (request.status = 'active'
             OR (request.status = 'deciding' AND EXISTS (
                   SELECT 1 FROM financing_decisions decision
                    WHERE decision.request_id = request.id AND decision.status = 'pending' AND decision.outcome = 'approve')))
      LIMIT 1`,
    [partId],
  );
  return rows[0]?.id;
}
