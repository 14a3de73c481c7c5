import { Column, CreateDateColumn, Entity, PrimaryColumn } from "typeorm";

/** anchoring: its root's chain write is recorded; anchored: the indexer saw AccessLogAnchored; failed: retried. */
export type AccessLogBatchStatus = "anchoring" | "anchored" | "failed";

/** Consecutive access-log entries whose Merkle root is anchored on chain in one DataSharingLedger call. */
@Entity("access_log_batches")
export class AccessLogBatch {
  @PrimaryColumn({ type: "uuid" })
  id!: string;

  @Column({ name: "first_entry", type: "bigint", unique: true })
  firstEntry!: string;

  @Column({ name: "entry_count", type: "integer" })
  entryCount!: number;

  @Column({ type: "text", unique: true })
  root!: string;

  @Column({ type: "text" })
  status!: AccessLogBatchStatus;

  /** Chain writes recorded for it so far (a failed one is recorded again under a new business key). */
  @Column({ type: "integer", default: 1 })
  attempts!: number;

  /** The batch number the contract gave it. */
  @Column({ name: "chain_batch_number", type: "bigint", nullable: true })
  chainBatchNumber!: string | null;

  @Column({ name: "tx_hash", type: "text", nullable: true })
  txHash!: string | null;

  @Column({ name: "block_number", type: "bigint", nullable: true })
  blockNumber!: string | null;

  @Column({ name: "anchored_at", type: "timestamptz", nullable: true })
  anchoredAt!: Date | null;

  @Column({ name: "error_code", type: "text", nullable: true })
  errorCode!: string | null;

  @CreateDateColumn({ name: "created_at", type: "timestamptz" })
  createdAt!: Date;
}
