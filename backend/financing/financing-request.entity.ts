import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from "typeorm";

export type FinancingKindName = "factoring" | "pledge_loan";

/**
 * requesting -> requested (FinancingRequested indexed) | request_failed (the contract refused);
 * requested -> withdrawing -> withdrawn; requested -> deciding -> active | rejected, or back to requested when
 * the decision failed on chain; active -> repaid | settled | recourse_exercised.
 */
export type FinancingRequestStatus =
  | "requesting"
  | "request_failed"
  | "requested"
  | "withdrawing"
  | "withdrawn"
  | "deciding"
  | "rejected"
  | "active"
  | "repaid"
  | "settled"
  | "recourse_exercised";

/** IFinancing.FinancingKind as the contract numbers it. */
export const CHAIN_FINANCING_KIND: Record<FinancingKindName, number> = { factoring: 0, pledge_loan: 1 };

/**
 * A holder's request for financing of one part by one bank. A request to several banks is several rows with
 * one group id; the first approval wins on chain. The on-chain financing id arrives with FinancingRequested.
 */
@Entity("financing_requests")
export class FinancingRequest {
  @PrimaryGeneratedColumn("uuid")
  id!: string;

  @Column({ type: "bigint", insert: false, update: false })
  seq!: string;

  @Column({ name: "group_id", type: "uuid" })
  groupId!: string;

  @Column({ name: "financing_id", type: "bigint", nullable: true })
  financingId!: string | null;

  @Column({ name: "holder_organisation_id", type: "uuid", nullable: true })
  holderOrganisationId!: string | null;

  @Column({ name: "holder_address", type: "text" })
  holderAddress!: string;

  @Column({ name: "bank_organisation_id", type: "uuid" })
  bankOrganisationId!: string;

  @Column({ name: "debtor_organisation_id", type: "uuid" })
  debtorOrganisationId!: string;

  @Column({ name: "voucher_id", type: "bigint" })
  voucherId!: string;

  /** The part sold or pledged; after a pledge is enforced, the part the bank seized. */
  @Column({ name: "part_id", type: "bigint" })
  partId!: string;

  @Column({ type: "text" })
  kind!: FinancingKindName;

  @Column({ type: "boolean" })
  recourse!: boolean;

  /** Minor units financed: the whole part (factoring) or the most the holder pledges (loan). */
  @Column({ type: "bigint" })
  amount!: string;

  /** Minor units: the least cash the holder accepts. */
  @Column({ name: "min_advance", type: "bigint" })
  minAdvance!: string;

  @Column({ type: "text" })
  status!: FinancingRequestStatus;

  /** The bank account that approved. */
  @Column({ name: "bank_address", type: "text", nullable: true })
  bankAddress!: string | null;

  @Column({ type: "bigint", nullable: true })
  advance!: string | null;

  @Column({ name: "rate_bps", type: "integer", nullable: true })
  rateBps!: number | null;

  /** What the bank is owed at maturity: the part's value (factoring) or the hold (loan). */
  @Column({ name: "repayment_amount", type: "bigint", nullable: true })
  repaymentAmount!: string | null;

  /** The DvP transaction: cash to the holder and the part (or hold) to the bank, together. */
  @Column({ name: "approved_tx_hash", type: "text", nullable: true })
  approvedTxHash!: string | null;

  @Column({ name: "approved_at", type: "timestamptz", nullable: true })
  approvedAt!: Date | null;

  /** Why the last chain step for this request failed (decoded contract error), if it did. */
  @Column({ name: "error_code", type: "text", nullable: true })
  errorCode!: string | null;

  @Column({ name: "error_message", type: "text", nullable: true })
  errorMessage!: string | null;

  /** The `financing.request` operation's key; null for requests first seen on chain. */
  @Column({ name: "business_key", type: "text", nullable: true })
  businessKey!: string | null;

  @Column({ name: "idempotency_key", type: "text", nullable: true })
  idempotencyKey!: string | null;

  @CreateDateColumn({ name: "created_at", type: "timestamptz" })
  createdAt!: Date;

  @UpdateDateColumn({ name: "updated_at", type: "timestamptz" })
  updatedAt!: Date;
}
