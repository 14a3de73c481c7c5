import { Column, Entity, PrimaryColumn, UpdateDateColumn } from "typeorm";

/**
 * What settlement knows about a voucher beyond its status (which the receivables projector keeps in
 * `vouchers`): when the maturity scan saw it past maturity unpaid, when it may be declared in default, the
 * default requests made and the default itself as the chain recorded it.
 */
@Entity("voucher_settlements")
export class VoucherSettlement {
  @PrimaryColumn({ name: "voucher_id", type: "bigint" })
  voucherId!: string;

  /** Chain time of the scan that found it past maturity with value outstanding. */
  @Column({ name: "matured_seen_at", type: "timestamptz", nullable: true })
  maturedSeenAt!: Date | null;

  /** Maturity plus the regulator's grace period as it was at that scan. */
  @Column({ name: "defaultable_at", type: "timestamptz", nullable: true })
  defaultableAt!: Date | null;

  /** Set while a declareDefault is on its way to the chain; cleared if it fails, so a later scan tries again. */
  @Column({ name: "default_requested_at", type: "timestamptz", nullable: true })
  defaultRequestedAt!: Date | null;

  @Column({ name: "default_requests", type: "integer", default: 0 })
  defaultRequests!: number;

  @Column({ name: "defaulted_at", type: "timestamptz", nullable: true })
  defaultedAt!: Date | null;

  /** Minor units outstanding when the default was declared. */
  @Column({ name: "defaulted_outstanding", type: "bigint", nullable: true })
  defaultedOutstanding!: string | null;

  @Column({ name: "defaulted_tx_hash", type: "text", nullable: true })
  defaultedTxHash!: string | null;

  @UpdateDateColumn({ name: "updated_at", type: "timestamptz" })
  updatedAt!: Date;
}
