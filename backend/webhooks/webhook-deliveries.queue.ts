export const WEBHOOK_DELIVERIES_QUEUE = "webhook-deliveries";
/** Sends every delivery due now: first attempts, retries whose backoff ran out, replays. */
export const DELIVER_DUE_JOB = "webhook.deliver-due";
