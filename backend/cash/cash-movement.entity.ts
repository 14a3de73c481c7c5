import { Column, Entity, PrimaryColumn } from "typeorm";

export type CashMovementKind = "mint" | "burn" | "transfer";

/** One CashToken Transfer event: a mint (from nobody), a burn (to nobody) or a move between accounts. */
@Entity("cash_movements")
export class CashMovement {
  @PrimaryColumn({ name: "block_number", type: "bigint" })
  blockNumber!: string;

  @PrimaryColumn({ name: "log_index", type: "integer" })
  logIndex!: number;

  @Column({ name: "tx_hash", type: "text" })
  txHash!: string;

  @Column({ type: "text" })
  kind!: CashMovementKind;

  @Column({ name: "from_address", type: "text", nullable: true })
  fromAddress!: string | null;

  @Column({ name: "to_address", type: "text", nullable: true })
  toAddress!: string | null;

  @Column({ name: "from_organisation_id", type: "uuid", nullable: true })
  fromOrganisationId!: string | null;

  @Column({ name: "to_organisation_id", type: "uuid", nullable: true })
  toOrganisationId!: string | null;

  /** Minor units. */
  @Column({ type: "bigint" })
  amount!: string;

  /** The block's timestamp. */
  @Column({ name: "occurred_at", type: "timestamptz" })
  occurredAt!: Date;
}
