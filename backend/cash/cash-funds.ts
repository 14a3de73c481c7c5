import type { EntityManager } from "typeorm";

/**
 * Chain operations that take cash out of their signer's account; their payload carries `amount` (minor
 * units). A module that adds such a kind lists it here, so that spending checks count it while it is on its
 * way to the chain.
 */
export const CASH_OUTFLOW_KINDS = ["cash.burn", "voucher.pay"];

/**
 * What an account can still spend: its indexed balance minus the outflows recorded but not yet executed.
 * Locks the account's row for the caller's transaction, so two spending requests from one account are
 * checked one after the other. An estimate, not a guarantee: an outflow executed on chain but not yet
 * indexed still counts in the balance, and then the contract's refusal (decoded) is the answer.
 */
export async function spendableCash(manager: EntityManager, address: string): Promise<bigint> {
  const accounts: Array<{ balance: string }> = await manager.query(
    `SELECT balance FROM cash_accounts WHERE address = $1 FOR UPDATE`,
    [address],
  );
  const [pending]: Array<{ total: string }> = await manager.query(
    `SELECT coalesce(sum((payload ->> 'amount')::numeric), 0)::text AS total
       FROM chain_operations WHERE signer_address = $1 AND status IN ('pending', 'sent') AND kind = ANY ($2)`,
    [address, CASH_OUTFLOW_KINDS],
  );
  return BigInt(accounts[0]?.balance ?? "0") - BigInt(pending!.total);
}
