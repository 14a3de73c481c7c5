import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from "typeorm";

export type PartInstructionKind = "split" | "transfer";

/** One recipient of a split or transfer, as the holder asked for it. */
export interface InstructionRecipient {
  organisationId: string;
  address: string;
  /** Minor units; for a transfer, the whole part. */
  amount: string;
}

/**
 * A holder's request to split or transfer a part, recorded with its chain operation. Its outcome is that
 * operation's (joined on the business key); the parts themselves change when the indexer sees the events.
 * An Idempotency-Key makes a retried request return the first one's instruction.
 */
@Entity("part_instructions")
@Index(["organisationId", "idempotencyKey"], { unique: true })
export class PartInstruction {
  @PrimaryGeneratedColumn("uuid")
  id!: string;

  @Column({ name: "organisation_id", type: "uuid" })
  organisationId!: string;

  @Column({ type: "text" })
  kind!: PartInstructionKind;

  @Index()
  @Column({ name: "part_id", type: "bigint" })
  partId!: string;

  @Column({ type: "jsonb" })
  recipients!: InstructionRecipient[];

  @Index({ unique: true })
  @Column({ name: "business_key", type: "text" })
  businessKey!: string;

  @Column({ name: "idempotency_key", type: "text", nullable: true })
  idempotencyKey!: string | null;

  @CreateDateColumn({ name: "created_at", type: "timestamptz" })
  createdAt!: Date;
}
