/**
 * When to try a failed delivery again: exponential backoff from `baseMs` (base, 2x, 4x, ...), capped at a
 * day, with up to 10 % jitter so that many deliveries failing together against one receiver do not all come
 * back at the same instant. Null once `maxAttempts` have been made.
 */
export function nextRetryDelayMs(attemptsMade: number, baseMs: number, maxAttempts: number, random = Math.random): number | null {
  if (attemptsMade >= maxAttempts) return null;
  const exponential = Math.min(baseMs * 2 ** Math.max(0, attemptsMade - 1), 24 * 3600 * 1000);
  return Math.round(exponential * (1 + random() * 0.1));
}
