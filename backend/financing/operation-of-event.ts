import type { EntityManager } from "typeorm";

/**
 * The business key of the platform's operation of `kind` that sent the event's transaction, if the platform
 * sent it. Events do not carry business keys, but every transaction the writer sends is persisted with its
 * hash before broadcast, so the hash leads back to the operation exactly (kinds that send one operation per
 * transaction, as all financing and guarantee kinds do).
 */
export async function businessKeyOfEvent(manager: EntityManager, txHash: string, kind: string): Promise<string | undefined> {
  const rows: Array<{ business_key: string }> = await manager.query(
    `SELECT operation.business_key FROM chain_transactions tx
       JOIN chain_operations operation ON operation.transaction_id = tx.id
      WHERE tx.tx_hash = $1 AND operation.kind = $2
      LIMIT 1`,
    [txHash, kind],
  );
  return rows[0]?.business_key;
}
