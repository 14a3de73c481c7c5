import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from "typeorm";

/**
 * offering -> offered (GuaranteeOffered) | offer_failed; offered -> withdrawing -> withdrawn;
 * offered -> accepting -> active (GuaranteeIssued: fee paid, capacity booked); active -> claiming -> claimed;
 * claimed -> paying -> paid (GuaranteePaid: cover paid, claim subrogated); active | claimed -> released.
 * A refused step goes back to the status it started from, with the contract's error code.
 */
export type GuaranteeStatus =
  | "offering"
  | "offer_failed"
  | "offered"
  | "withdrawing"
  | "withdrawn"
  | "accepting"
  | "active"
  | "claiming"
  | "claimed"
  | "paying"
  | "paid"
  | "released";

/** A guarantor's cover on an active financing, from offer to payout. The on-chain id arrives with GuaranteeOffered. */
@Entity("guarantees")
export class Guarantee {
  @PrimaryGeneratedColumn("uuid")
  id!: string;

  @Column({ type: "bigint", insert: false, update: false })
  seq!: string;

  @Column({ name: "guarantee_id", type: "bigint", nullable: true })
  guaranteeId!: string | null;

  @Column({ name: "financing_request_id", type: "uuid", nullable: true })
  financingRequestId!: string | null;

  @Column({ name: "financing_id", type: "bigint" })
  financingId!: string;

  @Column({ name: "guarantor_organisation_id", type: "uuid", nullable: true })
  guarantorOrganisationId!: string | null;

  @Column({ name: "guarantor_address", type: "text" })
  guarantorAddress!: string;

  @Column({ name: "bank_organisation_id", type: "uuid", nullable: true })
  bankOrganisationId!: string | null;

  /** The bank account the cover pays out to: the one that approved the financing. */
  @Column({ name: "beneficiary_address", type: "text", nullable: true })
  beneficiaryAddress!: string | null;

  /** Minor units. */
  @Column({ name: "covered_amount", type: "bigint" })
  coveredAmount!: string;

  /** Minor units the bank pays the guarantor on acceptance. */
  @Column({ type: "bigint" })
  fee!: string;

  @Column({ type: "text" })
  status!: GuaranteeStatus;

  /** The part split off the bank's part for the guarantor when it paid (subrogation). */
  @Column({ name: "subrogated_part_id", type: "bigint", nullable: true })
  subrogatedPartId!: string | null;

  @Column({ name: "error_code", type: "text", nullable: true })
  errorCode!: string | null;

  @Column({ name: "error_message", type: "text", nullable: true })
  errorMessage!: string | null;

  @Column({ name: "business_key", type: "text", nullable: true })
  businessKey!: string | null;

  @Column({ name: "idempotency_key", type: "text", nullable: true })
  idempotencyKey!: string | null;

  @CreateDateColumn({ name: "created_at", type: "timestamptz" })
  createdAt!: Date;

  @UpdateDateColumn({ name: "updated_at", type: "timestamptz" })
  updatedAt!: Date;
}
