import { Injectable } from "@nestjs/common";
import { isUUID } from "class-validator";
import { DataSource } from "typeorm";
import { NotFoundError, ValidationError } from "../common/domain-error.js";
import { decodeCursor, pageLimit, toPage } from "../common/pagination.js";
import type { AuthenticatedOrganisation } from "../participants/authenticated-organisation.js";
import type {
  ListWebhookDeliveriesQuery,
  WebhookAttemptView,
  WebhookDeliveryDetail,
  WebhookDeliveryPage,
  WebhookDeliveryView,
} from "./dto/webhook-delivery.dto.js";

interface DeliveryRow {
  id: string;
  seq: string;
  subscription_id: string;
  event_id: string;
  type: string;
  event_key: string;
  status: WebhookDeliveryView["status"];
  attempts: number;
  replays: number;
  next_attempt_at: Date | null;
  last_status_code: number | null;
  last_error: string | null;
  delivered_at: Date | null;
  created_at: Date;
}

const DELIVERY_COLUMNS = `delivery.id, delivery.seq, delivery.subscription_id, delivery.event_id, event.type, event.event_key,
  delivery.status, delivery.attempts, delivery.replays, delivery.next_attempt_at, delivery.last_status_code,
  delivery.last_error, delivery.delivered_at, delivery.created_at`;
const DELIVERY_FROM = `webhook_deliveries delivery
  JOIN webhook_subscriptions subscription ON subscription.id = delivery.subscription_id
  JOIN webhook_events event ON event.id = delivery.event_id`;

/** The deliveries to an organisation's own subscriptions: listing, detail with the attempt log, replay. */
@Injectable()
export class WebhookDeliveries {
  constructor(private readonly dataSource: DataSource) {}

  /** Newest first. */
  async list(organisation: AuthenticatedOrganisation, query: ListWebhookDeliveriesQuery): Promise<WebhookDeliveryPage> {
    const limit = pageLimit(query);
    const after = query.cursor === undefined ? undefined : decodeCursor(query.cursor, 1);
    if (after !== undefined && !/^[1-9][0-9]{0,18}$/.test(String(after[0]))) {
      throw new ValidationError("INVALID_CURSOR", "cursor is not one this API returned: pass nextCursor unchanged", { cursor: query.cursor });
    }
    const rows: DeliveryRow[] = await this.dataSource.query(
      `SELECT ${DELIVERY_COLUMNS} FROM ${DELIVERY_FROM}
        WHERE subscription.organisation_id = $1
          AND ($2::uuid IS NULL OR delivery.subscription_id = $2)
          AND ($3::text IS NULL OR delivery.status = $3)
          AND ($4::bigint IS NULL OR delivery.seq < $4)
        ORDER BY delivery.seq DESC
        LIMIT $5`,
      [organisation.id, query.subscriptionId ?? null, query.status ?? null, after ? String(after[0]) : null, limit + 1],
    );
    const page = toPage(rows, limit, (row) => [row.seq]);
    return { items: page.items.map(view), nextCursor: page.nextCursor };
  }

  async find(organisation: AuthenticatedOrganisation, id: string): Promise<WebhookDeliveryDetail> {
    const row = await this.row(organisation, id);
    const attempts: Array<Record<string, unknown>> = await this.dataSource.query(
      `SELECT number, signed_timestamp, status_code, error, succeeded, duration_ms, attempted_at
         FROM webhook_attempts WHERE delivery_id = $1 ORDER BY number`,
      [row.id],
    );
    return {
      ...view(row),
      attemptLog: attempts.map(
        (attempt): WebhookAttemptView => ({
          number: attempt.number as number,
          signedTimestamp: String(attempt.signed_timestamp),
          statusCode: attempt.status_code as number | null,
          error: attempt.error as string | null,
          succeeded: attempt.succeeded as boolean,
          durationMs: attempt.duration_ms as number,
          attemptedAt: (attempt.attempted_at as Date).toISOString(),
        }),
      ),
    };
  }

  /**
   * Sends the delivery again, whatever its status, as soon as a worker is free: same body, new timestamp and
   * signature, attempts counted afresh. A delivery being sent right now keeps its lease, so the replay follows
   * that attempt instead of racing it.
   */
  async replay(organisation: AuthenticatedOrganisation, id: string): Promise<WebhookDeliveryView> {
    const row = await this.row(organisation, id);
    await this.dataSource.query(
      `UPDATE webhook_deliveries
          SET status = 'pending', attempts = 0, replays = replays + 1, next_attempt_at = now(), updated_at = now()
        WHERE id = $1`,
      [row.id],
    );
    return view(await this.row(organisation, id));
  }

  private async row(organisation: AuthenticatedOrganisation, id: string): Promise<DeliveryRow> {
    const rows: DeliveryRow[] = isUUID(id)
      ? await this.dataSource.query(
          `SELECT ${DELIVERY_COLUMNS} FROM ${DELIVERY_FROM} WHERE delivery.id = $1 AND subscription.organisation_id = $2`,
          [id, organisation.id],
        )
      : [];
    if (rows.length === 0) throw new NotFoundError("WEBHOOK_DELIVERY_NOT_FOUND", "no such webhook delivery", { id });
    return rows[0]!;
  }
}

function view(row: DeliveryRow): WebhookDeliveryView {
  return {
    id: row.id,
    subscriptionId: row.subscription_id,
    eventId: row.event_id,
    eventType: row.type,
    eventKey: row.event_key,
    status: row.status,
    attempts: row.attempts,
    replays: row.replays,
    nextAttemptAt: row.next_attempt_at?.toISOString() ?? null,
    lastStatusCode: row.last_status_code,
    lastError: row.last_error,
    deliveredAt: row.delivered_at?.toISOString() ?? null,
    createdAt: row.created_at.toISOString(),
  };
}
