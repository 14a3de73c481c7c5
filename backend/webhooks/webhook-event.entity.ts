import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from "typeorm";

/**
 * Something that happened which concerns one organisation, recorded in the same database transaction as the
 * change itself (the outbox). The event key names the business fact (`voucher.paid:<voucherId>`), so
 * publishing it again, e.g. when the indexer replays a block, adds nothing.
 */
@Entity("webhook_events")
@Index(["organisationId", "eventKey"], { unique: true })
export class WebhookEvent {
  @PrimaryGeneratedColumn("uuid")
  id!: string;

  @Column({ name: "organisation_id", type: "uuid" })
  organisationId!: string;

  @Column({ type: "text" })
  type!: string;

  @Column({ name: "event_key", type: "text" })
  eventKey!: string;

  @Column({ type: "jsonb" })
  data!: Record<string, unknown>;

  @CreateDateColumn({ name: "created_at", type: "timestamptz" })
  createdAt!: Date;
}
