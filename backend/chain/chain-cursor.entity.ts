import { Column, Entity, PrimaryColumn, UpdateDateColumn } from "typeorm";

/** How far the indexer got: the last block whose events are all in the database. */
@Entity("chain_cursors")
export class ChainCursor {
  @PrimaryColumn({ type: "text" })
  name!: string;

  @Column({ name: "last_indexed_block", type: "bigint" })
  lastIndexedBlock!: string;

  @UpdateDateColumn({ name: "updated_at", type: "timestamptz" })
  updatedAt!: Date;
}
