import type { EntityManager } from "typeorm";

/**
 * The organisations a voucher's settlement news concerns: its debtor, the holders of its parts and the
 * beneficiaries of holds on them (banks with a pledge). `everyPart`: parts already closed or redeemed too
 * (their last holders were paid or split them on), otherwise only live parts, whose holders still wait.
 */
export async function voucherAudience(manager: EntityManager, voucherId: string, everyPart: boolean): Promise<string[]> {
  const rows: Array<{ id: string | null }> = await manager.query(
    `SELECT debtor_organisation_id AS id FROM vouchers WHERE id = $1
     UNION
     SELECT holder_organisation_id FROM voucher_parts WHERE voucher_id = $1 AND ($2 OR status = 'live')
     UNION
     SELECT organisation.id FROM voucher_parts part JOIN organisations organisation ON organisation.chain_address = part.hold_beneficiary
      WHERE part.voucher_id = $1 AND ($2 OR part.status = 'live')`,
    [voucherId, everyPart],
  );
  return rows.map((row) => row.id).filter((id): id is string => id !== null);
}
