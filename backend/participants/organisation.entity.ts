import { Column, CreateDateColumn, Entity, Index, PrimaryColumn, UpdateDateColumn } from "typeorm";
import type { Role } from "./roles.js";

export type OnChainStatus = "pending" | "active" | "suspended" | "failed";

/**
 * A participant: an onboarded organisation with roles, one signing account, and (for enterprises) the tax
 * id invoices name it by. The id is also its on-chain organisation id (the same 16 bytes).
 */
@Entity("organisations")
export class Organisation {
  @PrimaryColumn({ type: "uuid" })
  id!: string;

  @Column({ type: "text" })
  name!: string;

  /** Unified social credit code / tax id, upper-case; null for parties that issue no invoices (banks may). */
  @Index({ unique: true, where: "tax_id IS NOT NULL" })
  @Column({ name: "tax_id", type: "text", nullable: true })
  taxId!: string | null;

  @Column({ type: "text", array: true })
  roles!: Role[];

  @Column({ type: "text", nullable: true })
  region!: string | null;

  @Column({ type: "text", nullable: true })
  industry!: string | null;

  /** Checksummed address of its signing account. */
  @Index({ unique: true })
  @Column({ name: "chain_address", type: "text" })
  chainAddress!: string;

  /** AES-256-GCM ciphertext of the private key under the master key (iv:tag:ciphertext, base64). */
  @Column({ name: "encrypted_private_key", type: "text" })
  encryptedPrivateKey!: string;

  /** Mirrors the participant registry, as the indexer last saw it. */
  @Column({ name: "on_chain_status", type: "text", default: "pending" })
  onChainStatus!: OnChainStatus;

  @CreateDateColumn({ name: "created_at", type: "timestamptz" })
  createdAt!: Date;

  @UpdateDateColumn({ name: "updated_at", type: "timestamptz" })
  updatedAt!: Date;
}
