import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from "typeorm";

/**
 * registering: accepted, its `invoice.register` chain operation recorded in the same transaction;
 * verifying:   registered on chain (InvoiceRegistered), waiting for the tax authority;
 * valid | voided | reversed: what the tax authority attested on chain (InvoiceAttested);
 * rejected:    the tax authority does not know it, or its record differs (nothing attested);
 * failed:      a chain write failed (error_code, e.g. INVOICE_ALREADY_REGISTERED by another platform).
 */
export const INVOICE_STATUSES = ["registering", "verifying", "valid", "voided", "reversed", "rejected", "failed"] as const;
export type InvoiceStatus = (typeof INVOICE_STATUSES)[number];

/** What the tax authority answered when last asked; not_found means it has no such invoice. */
export type TaxCheckStatus = "valid" | "voided" | "reversed" | "not_found";

@Entity("invoices")
export class Invoice {
  @PrimaryGeneratedColumn("uuid")
  id!: string;

  /** The canonical key (invoice-key.ts); unique: one invoice, one row, whoever uploads it. */
  @Column({ name: "invoice_key", type: "text", unique: true })
  invoiceKey!: string;

  @Column({ name: "seller_organisation_id", type: "uuid" })
  sellerOrganisationId!: string;

  /** The core enterprise that owes it. */
  @Column({ name: "debtor_organisation_id", type: "uuid" })
  debtorOrganisationId!: string;

  @Column({ name: "seller_tax_id", type: "text" })
  sellerTaxId!: string;

  @Column({ name: "buyer_tax_id", type: "text" })
  buyerTaxId!: string;

  @Column({ name: "invoice_code", type: "text" })
  invoiceCode!: string;

  @Column({ name: "invoice_number", type: "text" })
  invoiceNumber!: string;

  /** Minor units, as the supplier declared it (pg returns bigint as a string). */
  @Column({ type: "bigint" })
  amount!: string;

  @Column({ name: "issue_date", type: "date" })
  issueDate!: string;

  @Column({ name: "due_date", type: "date" })
  dueDate!: string;

  @Column({ type: "text" })
  status!: InvoiceStatus;

  /** Why it is rejected or failed: a stable code and a sentence. */
  @Column({ name: "error_code", type: "text", nullable: true })
  errorCode!: string | null;

  @Column({ name: "error_message", type: "text", nullable: true })
  errorMessage!: string | null;

  /** The client's Idempotency-Key of the request that created it (unique per seller). */
  @Column({ name: "idempotency_key", type: "text", nullable: true })
  idempotencyKey!: string | null;

  /** The upload that created it, if any. */
  @Column({ name: "upload_id", type: "uuid", nullable: true })
  uploadId!: string | null;

  @Column({ name: "tax_status", type: "text", nullable: true })
  taxStatus!: TaxCheckStatus | null;

  /** The amount on the tax authority's record, minor units. */
  @Column({ name: "tax_amount", type: "bigint", nullable: true })
  taxAmount!: string | null;

  /** Where the declaration and the tax authority's record differ (AMOUNT_DIFFERS, ...). */
  @Column({ name: "tax_mismatches", type: "text", array: true, default: () => "'{}'" })
  taxMismatches!: string[];

  @Column({ name: "tax_checked_at", type: "timestamptz", nullable: true })
  taxCheckedAt!: Date | null;

  /** The signed answer the last check came from (tax_evidence). */
  @Column({ name: "tax_evidence_id", type: "uuid", nullable: true })
  taxEvidenceId!: string | null;

  /** The amount attested on chain, minor units (InvoiceAttested). */
  @Column({ name: "attested_amount", type: "bigint", nullable: true })
  attestedAmount!: string | null;

  /** The voucher it backs on chain (InvoiceConsumed), a uint256 as a decimal string. */
  @Column({ name: "voucher_id", type: "text", nullable: true })
  voucherId!: string | null;

  @Column({ name: "registered_at", type: "timestamptz", nullable: true })
  registeredAt!: Date | null;

  @Column({ name: "attested_at", type: "timestamptz", nullable: true })
  attestedAt!: Date | null;

  @CreateDateColumn({ name: "created_at", type: "timestamptz" })
  createdAt!: Date;

  @UpdateDateColumn({ name: "updated_at", type: "timestamptz" })
  updatedAt!: Date;
}
