import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from "typeorm";

/**
 * A signed answer of the tax authority, kept as received: anyone holding the authority's public key can check
 * later what it said and when, about every invoice decided on it (invoices.tax_evidence_id).
 */
@Entity("tax_evidence")
export class TaxEvidence {
  @PrimaryGeneratedColumn("uuid")
  id!: string;

  /** The x-tax-request-id the platform sent, echoed inside the signed body. */
  @Column({ name: "request_id", type: "text", unique: true })
  requestId!: string;

  @Column({ name: "key_id", type: "text" })
  keyId!: string;

  /** Base64 Ed25519 signature over `body`. */
  @Column({ type: "text" })
  signature!: string;

  /** The exact response body. */
  @Column({ type: "text" })
  body!: string;

  @Column({ name: "issued_at", type: "timestamptz" })
  issuedAt!: Date;

  @CreateDateColumn({ name: "created_at", type: "timestamptz" })
  createdAt!: Date;
}
