import { Column, Entity, PrimaryColumn, UpdateDateColumn } from "typeorm";

/**
 * The nonce bookkeeping of one signing key. The writer locks this row (SELECT ... FOR UPDATE) while it assigns a
 * nonce and persists the signed transaction, so even two writer processes cannot sign two transactions with one
 * nonce.
 */
@Entity("chain_signers")
export class ChainSigner {
  /** Checksummed address. */
  @PrimaryColumn({ type: "text" })
  address!: string;

  @Column({ name: "next_nonce", type: "bigint" })
  nextNonce!: string;

  @UpdateDateColumn({ name: "updated_at", type: "timestamptz" })
  updatedAt!: Date;
}
