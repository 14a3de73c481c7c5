import { Injectable } from "@nestjs/common";
import type { EntityManager } from "typeorm";
import type { WebhookEventType } from "./webhook-event-types.js";

export interface WebhookPublication {
  /** The organisations the event concerns; each receives it only on its own subscriptions. Nulls are skipped. */
  organisationIds: ReadonlyArray<string | null | undefined>;
  type: WebhookEventType;
  /** The event's payload, JSON-safe (money and ids as strings). */
  data: Record<string, unknown>;
  /**
   * Names the business fact, the same however often it is published, e.g. `voucher.paid:<voucherId>` or
   * `cash.received:<txHash>:<logIndex>`. One event per organisation and key, ever.
   */
  eventKey: string;
}

/**
 * The outbox side of webhooks, for every module that has something to tell organisations. `publish` runs in
 * the caller's database transaction (typically a chain projector's, or a scan's): the event exists exactly
 * when the change that caused it was committed, and a delivery row is created for every active subscription
 * of each organisation to that type. Sending is the WebhookDispatcher's job, after the commit.
 *
 *   await webhooks.publish(manager, { organisationIds: [bankId], type: "cash.minted", data, eventKey });
 */
@Injectable()
export class WebhookPublisher {
  async publish(manager: EntityManager, publication: WebhookPublication): Promise<void> {
    await this.publishAll(manager, [publication]);
  }

  /** Many publications in one statement, e.g. a projector's batch of a block range's issuances. */
  async publishAll(manager: EntityManager, publications: readonly WebhookPublication[]): Promise<void> {
    const rows = publications.flatMap((publication) =>
      [...new Set(publication.organisationIds.filter((id): id is string => typeof id === "string"))].map((organisationId) => ({
        organisationId,
        publication,
      })),
    );
    if (rows.length === 0) return;
    // Deliveries are made only for events inserted now: a replayed publication finds its events there already
    // and creates nothing, so a subscription never gets the same event twice (unless it is replayed by hand).
    await manager.query(
      `WITH published AS (
         SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::jsonb[]) AS published (organisation_id, type, event_key, data)
       ), inserted AS (
         INSERT INTO webhook_events (organisation_id, type, event_key, data)
         SELECT organisation_id, type, event_key, data FROM published
         ON CONFLICT (organisation_id, event_key) DO NOTHING
         RETURNING id, organisation_id, type
       )
       INSERT INTO webhook_deliveries (subscription_id, event_id, next_attempt_at)
       SELECT subscription.id, inserted.id, now()
         FROM inserted JOIN webhook_subscriptions subscription ON subscription.organisation_id = inserted.organisation_id
        WHERE subscription.active AND inserted.type = ANY (subscription.event_types)
       ON CONFLICT (subscription_id, event_id) DO NOTHING`,
      [
        rows.map((row) => row.organisationId),
        rows.map((row) => row.publication.type),
        rows.map((row) => row.publication.eventKey),
        rows.map((row) => JSON.stringify(row.publication.data)),
      ],
    );
  }
}
