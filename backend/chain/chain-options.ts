/** The chain settings the gateway and the indexer use, derived from the app config at boot. */
export interface ChainOptions {
  /** Blocks to wait behind the head before indexing (chains that can reorg); 0 for instant finality (QBFT). */
  confirmations: number;
  /** Gas price in wei for every transaction; 0 on a permissioned network (Besu, or anvil with zero fees). */
  gasPrice: bigint;
  /** How long to wait for a receipt before the job retries (the transaction stays persisted). */
  receiptTimeoutMs: number;
  /** How often to ask for a receipt: about a block time (QBFT: 1-2 s; anvil mines at once). */
  receiptPollMs: number;
  /** Most transactions of one signing key broadcast and not yet confirmed (pipelining). */
  maxInFlight: number;
  /** Most blocks per eth_getLogs call. */
  indexerBlockRange: number;
}
export const CHAIN_OPTIONS = Symbol("ChainOptions");
