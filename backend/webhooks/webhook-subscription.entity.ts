import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from "typeorm";

/**
 * An organisation's endpoint for events of the given types. The signing secret is shown once, at creation,
 * and kept encrypted (the platform needs it again to sign every delivery, so it cannot be hashed).
 */
@Entity("webhook_subscriptions")
export class WebhookSubscription {
  @PrimaryGeneratedColumn("uuid")
  id!: string;

  @Index()
  @Column({ name: "organisation_id", type: "uuid" })
  organisationId!: string;

  @Column({ type: "text" })
  url!: string;

  @Column({ name: "event_types", type: "text", array: true })
  eventTypes!: string[];

  @Column({ name: "encrypted_secret", type: "text" })
  encryptedSecret!: string;

  /** False once deleted: its deliveries stay listable, no new ones are made. */
  @Column({ type: "boolean", default: true })
  active!: boolean;

  @CreateDateColumn({ name: "created_at", type: "timestamptz" })
  createdAt!: Date;
}
