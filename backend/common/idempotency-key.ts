import { ValidationError } from "./domain-error.js";

export const IDEMPOTENCY_KEY_HEADER = "idempotency-key";

const IDEMPOTENCY_KEY_PATTERN = /^[\x21-\x7e]{1,200}$/;

/**
 * The `Idempotency-Key` header of a write, checked: absent is allowed (no deduplication), anything else must
 * be 1-200 visible ASCII characters (a UUID is typical). The same key with the same request returns the first
 * request's result; with a different request it is refused (IDEMPOTENCY_KEY_REUSED).
 */
export function idempotencyKeyOf(header: string | undefined): string | undefined {
  if (header === undefined) return undefined;
  if (!IDEMPOTENCY_KEY_PATTERN.test(header)) {
    throw new ValidationError("IDEMPOTENCY_KEY_INVALID", "Idempotency-Key must be 1-200 visible ASCII characters", {});
  }
  return header;
}
