import { Column, Entity, Index, PrimaryColumn, UpdateDateColumn } from "typeorm";

export type VoucherStatus = "active" | "defaulted" | "paid";

/**
 * A voucher as the chain issued it: the fixed terms of a confirmed payable and its state at the root.
 * Written only by the indexer's projectors (voucher-projector.ts); the id is the on-chain voucher id, which
 * is also the id of its root part.
 */
@Entity("vouchers")
export class Voucher {
  @PrimaryColumn({ type: "bigint" })
  id!: string;

  /** The invoice it stands on (0x-prefixed lower-case hex); an invoice backs one voucher, ever. */
  @Index({ unique: true })
  @Column({ name: "invoice_key", type: "text" })
  invoiceKey!: string;

  @Index()
  @Column({ name: "debtor_organisation_id", type: "uuid" })
  debtorOrganisationId!: string;

  /** Minor units. */
  @Column({ name: "face_value", type: "bigint" })
  faceValue!: string;

  /** Minor units paid out to holders at settlement so far. */
  @Column({ type: "bigint", default: "0" })
  redeemed!: string;

  @Column({ type: "timestamptz" })
  maturity!: Date;

  @Column({ type: "text", default: "active" })
  status!: VoucherStatus;

  @Column({ type: "boolean", default: false })
  frozen!: boolean;

  @Column({ name: "issued_tx_hash", type: "text" })
  issuedTxHash!: string;

  /** The timestamp of the block that issued it. */
  @Column({ name: "issued_at", type: "timestamptz" })
  issuedAt!: Date;

  @UpdateDateColumn({ name: "updated_at", type: "timestamptz" })
  updatedAt!: Date;
}
