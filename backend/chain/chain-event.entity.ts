import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from "typeorm";

/** A decoded contract event, stored once: (block_number, log_index) is unique, so re-indexing cannot duplicate. */
@Entity("chain_events")
@Index(["blockNumber", "logIndex"], { unique: true })
@Index(["name"])
export class ChainEvent {
  @PrimaryGeneratedColumn("uuid")
  id!: string;

  @Column({ name: "block_number", type: "bigint" })
  blockNumber!: string;

  @Column({ name: "log_index", type: "integer" })
  logIndex!: number;

  @Column({ name: "tx_hash", type: "text" })
  txHash!: string;

  /** The emitting contract's name, e.g. `VoucherToken`. */
  @Column({ type: "text" })
  contract!: string;

  @Column({ type: "text" })
  name!: string;

  /** Named arguments; bigints as decimal strings. */
  @Column({ type: "jsonb" })
  args!: Record<string, unknown>;

  @Column({ name: "block_timestamp", type: "timestamptz" })
  blockTimestamp!: Date;

  @CreateDateColumn({ name: "indexed_at", type: "timestamptz" })
  indexedAt!: Date;
}
