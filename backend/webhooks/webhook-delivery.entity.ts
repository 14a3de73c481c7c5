import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from "typeorm";

/** pending: waiting for its next attempt; delivered: a 2xx answer; failed: attempts exhausted (replayable). */
export type WebhookDeliveryStatus = "pending" | "delivered" | "failed";

/**
 * One event for one subscription. Unique on (subscription, event): an event reaches a subscription at most
 * once, unless someone replays the delivery. `seq` orders listings (timestamps lose PostgreSQL's
 * microseconds in JavaScript).
 */
@Entity("webhook_deliveries")
@Index(["subscriptionId", "eventId"], { unique: true })
export class WebhookDelivery {
  @PrimaryGeneratedColumn("uuid")
  id!: string;

  @Column({ type: "bigint", generated: "increment", insert: false, update: false })
  seq!: string;

  @Column({ name: "subscription_id", type: "uuid" })
  subscriptionId!: string;

  @Column({ name: "event_id", type: "uuid" })
  eventId!: string;

  @Column({ type: "text", default: "pending" })
  status!: WebhookDeliveryStatus;

  /** Attempts since creation or since the last replay. */
  @Column({ type: "integer", default: 0 })
  attempts!: number;

  @Column({ type: "integer", default: 0 })
  replays!: number;

  @Column({ name: "next_attempt_at", type: "timestamptz", nullable: true })
  nextAttemptAt!: Date | null;

  /** Set while a worker is sending it, so two workers never send the same delivery at once. */
  @Column({ name: "locked_until", type: "timestamptz", nullable: true })
  lockedUntil!: Date | null;

  @Column({ name: "last_status_code", type: "integer", nullable: true })
  lastStatusCode!: number | null;

  @Column({ name: "last_error", type: "text", nullable: true })
  lastError!: string | null;

  @Column({ name: "delivered_at", type: "timestamptz", nullable: true })
  deliveredAt!: Date | null;

  @CreateDateColumn({ name: "created_at", type: "timestamptz" })
  createdAt!: Date;

  @UpdateDateColumn({ name: "updated_at", type: "timestamptz" })
  updatedAt!: Date;
}
