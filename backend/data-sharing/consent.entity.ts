import { Column, Entity, Index, PrimaryColumn } from "typeorm";
import type { DataCategory } from "./data-categories.js";

/**
 * An enterprise's permission for another organisation to read some of its data, for a stated purpose, until
 * an expiry. Revocation is immediate here; its record on chain follows. The hash (consent-hash.ts) is what
 * the grantor records on chain; `recordedTxHash` / `revocationTxHash` come from the indexer.
 */
@Entity("consents")
@Index(["grantorOrganisationId", "granteeOrganisationId"])
export class Consent {
  @PrimaryColumn({ type: "uuid" })
  id!: string;

  @Column({ name: "grantor_organisation_id", type: "uuid" })
  grantorOrganisationId!: string;

  @Index()
  @Column({ name: "grantee_organisation_id", type: "uuid" })
  granteeOrganisationId!: string;

  /** Canonical order (data-categories.ts). */
  @Column({ type: "text", array: true })
  categories!: DataCategory[];

  @Column({ type: "text" })
  purpose!: string;

  /** Whole seconds (the hash takes unix seconds). */
  @Column({ name: "expires_at", type: "timestamptz" })
  expiresAt!: Date;

  @Column({ name: "consent_hash", type: "text", unique: true })
  consentHash!: string;

  @Column({ name: "revoked_at", type: "timestamptz", nullable: true })
  revokedAt!: Date | null;

  /** The grantor's Idempotency-Key of the request that created it (unique per grantor). */
  @Column({ name: "idempotency_key", type: "text", nullable: true })
  idempotencyKey!: string | null;

  @Column({ name: "recorded_tx_hash", type: "text", nullable: true })
  recordedTxHash!: string | null;

  @Column({ name: "revocation_tx_hash", type: "text", nullable: true })
  revocationTxHash!: string | null;

  /** Why a chain record failed (e.g. DATA_SHARING_NOT_ACTIVE_PARTICIPANT); the consent itself stands. */
  @Column({ name: "chain_error_code", type: "text", nullable: true })
  chainErrorCode!: string | null;

  /** Set by the service, at millisecond precision, so that it can be a pagination cursor. */
  @Column({ name: "created_at", type: "timestamptz" })
  createdAt!: Date;
}
