import { createHmac, timingSafeEqual } from "node:crypto";

export const SIGNATURE_HEADER = "X-Webhook-Signature";

/**
 * HMAC-SHA256 over `<timestamp>.<body>` with the subscription's secret, sent as `t=<unix seconds>,v1=<hex>`
 * (the scheme Stripe made familiar). Signing the timestamp lets receivers refuse old replays of a captured
 * request; a replay through the API is signed anew with a fresh timestamp.
 */
export function signatureHeader(secret: string, timestamp: number, body: string): string {
  return `t=${timestamp},v1=${hmac(secret, timestamp, body)}`;
}

/** What a receiver does: true when the header matches the body and is no older than `toleranceSeconds`. */
export function verifySignature(
  secret: string,
  header: string,
  body: string,
  { now = Math.floor(Date.now() / 1000), toleranceSeconds = 300 } = {},
): boolean {
  const fields = new Map(header.split(",").map((field) => field.split("=", 2) as [string, string]));
  const timestamp = Number(fields.get("t"));
  const signature = fields.get("v1");
  if (!Number.isInteger(timestamp) || signature === undefined || !/^[0-9a-f]{64}$/.test(signature)) return false;
  if (Math.abs(now - timestamp) > toleranceSeconds) return false;
  return timingSafeEqual(Buffer.from(signature, "hex"), Buffer.from(hmac(secret, timestamp, body), "hex"));
}

function hmac(secret: string, timestamp: number, body: string): string {
  return createHmac("sha256", secret).update(`${timestamp}.${body}`).digest("hex");
}
