import { Inject, Injectable, Logger } from "@nestjs/common";
import { DataSource } from "typeorm";
import { APP_CONFIG, type AppConfig } from "../config/config.js";
import { WebhookSecrets } from "./webhook-secrets.js";
import { SIGNATURE_HEADER, signatureHeader } from "./webhook-signature.js";
import { nextRetryDelayMs } from "./webhook-retry.js";

/** Deliveries taken per sweep; the rest wait for the next one. */
const BATCH = 50;
/** A receiver that has not answered by then counts as failed (and the lease below outlives it). */
const REQUEST_TIMEOUT_MS = 10_000;
const LEASE_SECONDS = 60;
/** What is kept of a receiver's error text. */
const MAX_ERROR_LENGTH = 500;

interface DueDelivery {
  id: string;
  url: string;
  encrypted_secret: string;
  event_id: string;
  type: string;
  event_key: string;
  organisation_id: string;
  data: Record<string, unknown>;
  created_at: Date;
  attempts: number;
}

/**
 * Sends due deliveries: takes a batch under a lease (FOR UPDATE SKIP LOCKED, so several worker processes
 * never send one delivery at the same time), POSTs each signed body, logs the attempt, and either marks the
 * delivery delivered or schedules the next attempt with exponential backoff. The event rows are the source
 * of truth, so a crash loses nothing: an unfinished delivery is taken again once its lease runs out.
 */
@Injectable()
export class WebhookDispatcher {
  private readonly logger = new Logger(WebhookDispatcher.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly secrets: WebhookSecrets,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Sends every delivery due now (in batches); returns how many attempts were made. */
  async deliverDue(): Promise<number> {
    let attempted = 0;
    for (;;) {
      const due = await this.lease();
      if (due.length === 0) return attempted;
      await Promise.all(due.map((delivery) => this.attempt(delivery)));
      attempted += due.length;
    }
  }

  private async lease(): Promise<DueDelivery[]> {
    return this.dataSource.query(
      `WITH due AS (
         SELECT id FROM webhook_deliveries
          WHERE status = 'pending' AND next_attempt_at <= now() AND (locked_until IS NULL OR locked_until < now())
          ORDER BY next_attempt_at
          LIMIT $1
          FOR UPDATE SKIP LOCKED
       ), leased AS (
         UPDATE webhook_deliveries delivery SET locked_until = now() + make_interval(secs => $2)
           FROM due WHERE delivery.id = due.id
         RETURNING delivery.id, delivery.subscription_id, delivery.event_id, delivery.attempts
       )
       SELECT leased.id, leased.attempts, subscription.url, subscription.encrypted_secret,
              event.id AS event_id, event.type, event.event_key, event.organisation_id, event.data, event.created_at
         FROM leased
         JOIN webhook_subscriptions subscription ON subscription.id = leased.subscription_id
         JOIN webhook_events event ON event.id = leased.event_id`,
      [BATCH, LEASE_SECONDS],
    );
  }

  private async attempt(delivery: DueDelivery): Promise<void> {
    // The same body on every attempt and replay: receivers deduplicate on `id` (the event's).
    const body = JSON.stringify({
      id: delivery.event_id,
      type: delivery.type,
      eventKey: delivery.event_key,
      organisationId: delivery.organisation_id,
      createdAt: new Date(delivery.created_at).toISOString(),
      data: delivery.data,
    });
    const timestamp = Math.floor(Date.now() / 1000);
    const started = Date.now();
    let statusCode: number | null = null;
    let error: string | null = null;
    try {
      const response = await fetch(delivery.url, {
        method: "POST",
        headers: {
          "Content-Type": "application/json",
          "User-Agent": "receivables-platform-webhooks/1",
          "X-Webhook-Id": delivery.event_id,
          "X-Webhook-Event": delivery.type,
          "X-Webhook-Delivery": delivery.id,
          [SIGNATURE_HEADER]: signatureHeader(this.secrets.reveal(delivery.encrypted_secret), timestamp, body),
        },
        body,
        redirect: "manual",
        signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      });
      statusCode = response.status;
      await response.body?.cancel();
    } catch (caught) {
      error = ((caught as Error).message || String(caught)).slice(0, MAX_ERROR_LENGTH);
    }
    const succeeded = statusCode !== null && statusCode >= 200 && statusCode < 300;
    await this.record(delivery, { timestamp, statusCode, error, succeeded, durationMs: Date.now() - started });
  }

  private async record(
    delivery: DueDelivery,
    outcome: { timestamp: number; statusCode: number | null; error: string | null; succeeded: boolean; durationMs: number },
  ): Promise<void> {
    const attempts = delivery.attempts + 1;
    const retryInMs = outcome.succeeded
      ? null
      : nextRetryDelayMs(attempts, this.config.webhookRetryBaseMs, this.config.webhookMaxAttempts);
    const status = outcome.succeeded ? "delivered" : retryInMs === null ? "failed" : "pending";
    if (!outcome.succeeded) {
      this.logger.debug(`delivery ${delivery.id} attempt ${attempts} failed (${outcome.statusCode ?? outcome.error}); ${status}`);
    }
    await this.dataSource.transaction(async (manager) => {
      await manager.query(
        `INSERT INTO webhook_attempts (delivery_id, number, signed_timestamp, status_code, error, succeeded, duration_ms, attempted_at)
         SELECT $1, coalesce(max(number), 0) + 1, $2, $3, $4, $5, $6, now() FROM webhook_attempts WHERE delivery_id = $1`,
        [delivery.id, outcome.timestamp, outcome.statusCode, outcome.error, outcome.succeeded, outcome.durationMs],
      );
      await manager.query(
        `UPDATE webhook_deliveries
            SET status = $2, attempts = $3, locked_until = NULL, last_status_code = $4, last_error = $5,
                next_attempt_at = CASE WHEN $6::integer IS NULL THEN NULL ELSE now() + make_interval(secs => $6::integer / 1000.0) END,
                delivered_at = CASE WHEN $7 THEN now() ELSE delivered_at END,
                updated_at = now()
          WHERE id = $1`,
        [delivery.id, status, attempts, outcome.statusCode, outcome.error, retryInMs, outcome.succeeded],
      );
    });
  }
}
