import type { EntityManager } from "typeorm";
import type { Voucher } from "./voucher.entity.js";

/**
 * Who may see a voucher and its lineage: its debtor, and any organisation named as holder of one of its parts
 * (a live part, or a closed or redeemed one, which keeps its last holder). Everyone else is told it does not
 * exist (404), so ids cannot be probed.
 */
export async function isVoucherVisibleTo(manager: EntityManager, organisationId: string, voucher: Voucher): Promise<boolean> {
  if (voucher.debtorOrganisationId === organisationId) return true;
  const rows: unknown[] = await manager.query(
    `SELECT 1 FROM voucher_parts WHERE voucher_id = $1 AND holder_organisation_id = $2 LIMIT 1`,
    [voucher.id, organisationId],
  );
  return rows.length > 0;
}

const PART_ID_PATTERN = /^[1-9][0-9]{0,18}$/;

/** Part ids in paths are decimal on-chain ids; anything else names no part. */
export function isPartId(value: string): boolean {
  return PART_ID_PATTERN.test(value) && BigInt(value) <= 2n ** 63n - 1n;
}
