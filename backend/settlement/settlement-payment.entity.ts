import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from "typeorm";

/**
 * A debtor's instruction to pay parts of a voucher, recorded with its `voucher.pay` chain operation (signed
 * by the debtor, paid from its cash). Its outcome is that operation's, joined on the business key.
 */
@Entity("settlement_payments")
@Index(["organisationId", "idempotencyKey"], { unique: true })
export class SettlementPayment {
  @PrimaryGeneratedColumn("uuid")
  id!: string;

  /** The debtor. */
  @Column({ name: "organisation_id", type: "uuid" })
  organisationId!: string;

  @Index()
  @Column({ name: "voucher_id", type: "bigint" })
  voucherId!: string;

  @Column({ name: "part_ids", type: "bigint", array: true })
  partIds!: string[];

  /** Minor units: the parts' amounts at the time of the instruction. */
  @Column({ type: "bigint" })
  amount!: string;

  @Index({ unique: true })
  @Column({ name: "business_key", type: "text" })
  businessKey!: string;

  @Column({ name: "idempotency_key", type: "text", nullable: true })
  idempotencyKey!: string | null;

  @CreateDateColumn({ name: "created_at", type: "timestamptz" })
  createdAt!: Date;
}
