import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from "typeorm";

export type CashInstructionKind = "mint" | "burn";

/**
 * A bank's request to mint (against a deposit) or burn (on a withdrawal), recorded with its chain operation;
 * its outcome is that operation's, joined on the business key. An Idempotency-Key makes a retry return the
 * first request's instruction.
 */
@Entity("cash_instructions")
@Index(["organisationId", "idempotencyKey"], { unique: true })
export class CashInstruction {
  @PrimaryGeneratedColumn("uuid")
  id!: string;

  /** The bank. */
  @Column({ name: "organisation_id", type: "uuid" })
  organisationId!: string;

  @Column({ type: "text" })
  kind!: CashInstructionKind;

  /** For a mint: who receives the cash (the bank itself or a depositor). */
  @Column({ name: "recipient_organisation_id", type: "uuid", nullable: true })
  recipientOrganisationId!: string | null;

  @Column({ name: "recipient_address", type: "text", nullable: true })
  recipientAddress!: string | null;

  /** Minor units. */
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
