import type { EntityManager } from "typeorm";
import type { GuaranteeCoverView } from "./dto/decision-data.dto.js";

/**
 * Guarantee cover on one financing, read from the guarantees module's table (backend/guarantees/): the
 * guarantees module depends on financing, so financing reads this one figure with SQL rather than import it
 * back. Active counts what is booked (accepted, claimed); offered what awaits the bank.
 */
export async function guaranteeCoverOf(manager: EntityManager, financingId: string | null): Promise<GuaranteeCoverView> {
  if (financingId === null) return { active: "0", offered: "0" };
  const [row] = (await manager.query(
    `SELECT coalesce(sum(covered_amount) FILTER (WHERE status IN ('active', 'claiming', 'claimed', 'paying')), 0)::text AS active,
            coalesce(sum(covered_amount) FILTER (WHERE status IN ('offered', 'accepting')), 0)::text AS offered
       FROM guarantees WHERE financing_id = $1`,
    [financingId],
  )) as Array<{ active: string; offered: string }>;
  return { active: row!.active, offered: row!.offered };
}
