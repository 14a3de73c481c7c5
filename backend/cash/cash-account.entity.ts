import { Column, Entity, Index, PrimaryColumn, UpdateDateColumn } from "typeorm";

/** One account's cash balance, as CashToken's Transfer events add up. Written only by the cash projector. */
@Entity("cash_accounts")
export class CashAccount {
  /** Checksummed. */
  @PrimaryColumn({ type: "text" })
  address!: string;

  /** Null when the account belongs to no organisation this platform knows. */
  @Index()
  @Column({ name: "organisation_id", type: "uuid", nullable: true })
  organisationId!: string | null;

  /** Minor units. */
  @Column({ type: "bigint", default: "0" })
  balance!: string;

  @UpdateDateColumn({ name: "updated_at", type: "timestamptz" })
  updatedAt!: Date;
}
