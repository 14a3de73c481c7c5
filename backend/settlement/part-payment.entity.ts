import { Column, Entity, Index, PrimaryColumn } from "typeorm";

/** A PartPaid event: one part paid in full, to its hold beneficiary up to the held value and its holder the rest. */
@Entity("part_payments")
export class PartPayment {
  @PrimaryColumn({ name: "block_number", type: "bigint" })
  blockNumber!: string;

  @PrimaryColumn({ name: "log_index", type: "integer" })
  logIndex!: number;

  @Column({ name: "tx_hash", type: "text" })
  txHash!: string;

  @Index()
  @Column({ name: "voucher_id", type: "bigint" })
  voucherId!: string;

  @Index({ unique: true })
  @Column({ name: "part_id", type: "bigint" })
  partId!: string;

  @Column({ name: "holder_address", type: "text" })
  holderAddress!: string;

  @Column({ name: "holder_organisation_id", type: "uuid", nullable: true })
  holderOrganisationId!: string | null;

  /** Minor units. */
  @Column({ name: "holder_amount", type: "bigint" })
  holderAmount!: string;

  @Column({ name: "beneficiary_address", type: "text", nullable: true })
  beneficiaryAddress!: string | null;

  @Column({ name: "beneficiary_organisation_id", type: "uuid", nullable: true })
  beneficiaryOrganisationId!: string | null;

  /** Minor units. */
  @Column({ name: "beneficiary_amount", type: "bigint" })
  beneficiaryAmount!: string;

  @Column({ name: "paid_at", type: "timestamptz" })
  paidAt!: Date;
}
