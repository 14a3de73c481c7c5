import { Column, Entity, Index, PrimaryGeneratedColumn } from "typeorm";

/** One HTTP attempt of a delivery, successful or not: the log a receiver's operator can debug from. */
@Entity("webhook_attempts")
@Index(["deliveryId", "number"], { unique: true })
export class WebhookAttempt {
  @PrimaryGeneratedColumn("uuid")
  id!: string;

  @Column({ name: "delivery_id", type: "uuid" })
  deliveryId!: string;

  /** 1, 2, ... over the delivery's whole life, replays included. */
  @Column({ type: "integer" })
  number!: number;

  /** The `t` of the signature header sent. */
  @Column({ name: "signed_timestamp", type: "bigint" })
  signedTimestamp!: string;

  @Column({ name: "status_code", type: "integer", nullable: true })
  statusCode!: number | null;

  /** Network error or timeout; null when the receiver answered. */
  @Column({ type: "text", nullable: true })
  error!: string | null;

  @Column({ type: "boolean" })
  succeeded!: boolean;

  @Column({ name: "duration_ms", type: "integer" })
  durationMs!: number;

  @Column({ name: "attempted_at", type: "timestamptz" })
  attemptedAt!: Date;
}
