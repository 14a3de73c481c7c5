import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from "typeorm";

export type ChainTransactionStatus = "signed" | "sent" | "confirmed" | "reverted";

/**
 * A signed transaction, persisted with its raw bytes and hash BEFORE it is broadcast. After a crash the writer
 * rebroadcasts it unchanged: the same nonce means the chain executes it at most once.
 */
@Entity("chain_transactions")
@Index(["signerAddress", "nonce"], { unique: true })
export class ChainTransaction {
  @PrimaryGeneratedColumn("uuid")
  id!: string;

  @Column({ name: "signer_address", type: "text" })
  signerAddress!: string;

  @Column({ type: "bigint" })
  nonce!: string;

  @Column({ type: "text" })
  kind!: string;

  @Column({ name: "operation_count", type: "integer" })
  operationCount!: number;

  @Column({ name: "raw_transaction", type: "text" })
  rawTransaction!: string;

  @Index({ unique: true })
  @Column({ name: "tx_hash", type: "text" })
  txHash!: string;

  @Column({ type: "text", default: "signed" })
  status!: ChainTransactionStatus;

  @Column({ name: "block_number", type: "bigint", nullable: true })
  blockNumber!: string | null;

  @Column({ name: "gas_used", type: "bigint", nullable: true })
  gasUsed!: string | null;

  @Column({ name: "broadcast_attempts", type: "integer", default: 0 })
  broadcastAttempts!: number;

  @CreateDateColumn({ name: "created_at", type: "timestamptz" })
  createdAt!: Date;

  @UpdateDateColumn({ name: "updated_at", type: "timestamptz" })
  updatedAt!: Date;
}
