import { Column, Entity, Index, PrimaryColumn } from "typeorm";

/**
 * One read of another party's data, written in the same transaction as the read (shared-data-access.ts).
 * `leafHash` commits to every field below it except the batch columns (access-log-leaf.ts); the anchoring
 * job later numbers the entry and puts it in a batch whose Merkle root goes on chain.
 */
@Entity("access_log_entries")
export class AccessLogEntry {
  @PrimaryColumn({ type: "uuid" })
  id!: string;

  /** Insertion order, for stable pagination and for batching in order. */
  @Index({ unique: true })
  @Column({ type: "bigint", insert: false, update: false, generated: "increment" })
  seq!: string;

  /** Millisecond precision, as the leaf encodes it. */
  @Column({ name: "accessed_at", type: "timestamptz" })
  accessedAt!: Date;

  @Index()
  @Column({ name: "accessor_organisation_id", type: "uuid" })
  accessorOrganisationId!: string;

  @Index()
  @Column({ name: "owner_organisation_id", type: "uuid" })
  ownerOrganisationId!: string;

  @Column({ type: "text" })
  category!: string;

  @Column({ type: "text" })
  resource!: string;

  @Column({ type: "text" })
  purpose!: string;

  /** Null for the regulator's supervisory reads, which need no consent. */
  @Column({ name: "consent_id", type: "uuid", nullable: true })
  consentId!: string | null;

  @Column({ name: "financing_request_id", type: "uuid", nullable: true })
  financingRequestId!: string | null;

  @Column({ name: "leaf_hash", type: "text" })
  leafHash!: string;

  @Index()
  @Column({ name: "batch_id", type: "uuid", nullable: true })
  batchId!: string | null;

  /** Position in the platform's whole log (0, 1, 2, ...), given when batched. */
  @Column({ name: "entry_number", type: "bigint", nullable: true, unique: true })
  entryNumber!: string | null;
}
