import { Column, Entity, Index, PrimaryColumn, UpdateDateColumn } from "typeorm";

/** live: holds value; closed: fully split away (kept for the lineage); redeemed: paid at settlement. */
export type VoucherPartStatus = "live" | "closed" | "redeemed";

/**
 * One part of a voucher, as the chain's events describe it. Written only by the indexer's projectors.
 * The root part has the voucher's id and no parent; each split child is one tier below its parent.
 */
@Entity("voucher_parts")
@Index(["holderOrganisationId", "status"])
export class VoucherPart {
  @PrimaryColumn({ type: "bigint" })
  id!: string;

  @Index()
  @Column({ name: "voucher_id", type: "bigint" })
  voucherId!: string;

  @Index()
  @Column({ name: "parent_id", type: "bigint", nullable: true })
  parentId!: string | null;

  /** 1 for the root part. */
  @Column({ type: "integer" })
  tier!: number;

  /** Checksummed; for a closed or redeemed part, its last holder. */
  @Column({ name: "holder_address", type: "text" })
  holderAddress!: string;

  /** Null when the address belongs to no organisation this platform knows. */
  @Column({ name: "holder_organisation_id", type: "uuid", nullable: true })
  holderOrganisationId!: string | null;

  /** Minor units; what is left after splits (zero once fully split). */
  @Column({ type: "bigint" })
  amount!: string;

  /** Minor units locked by a hold (pledge); only the rest can be split off. */
  @Column({ name: "held_amount", type: "bigint", default: "0" })
  heldAmount!: string;

  @Column({ name: "hold_beneficiary", type: "text", nullable: true })
  holdBeneficiary!: string | null;

  @Column({ type: "text", default: "live" })
  status!: VoucherPartStatus;

  @Column({ name: "created_tx_hash", type: "text" })
  createdTxHash!: string;

  /** The timestamp of the block that created it. */
  @Column({ name: "created_at", type: "timestamptz" })
  createdAt!: Date;

  @UpdateDateColumn({ name: "updated_at", type: "timestamptz" })
  updatedAt!: Date;
}
