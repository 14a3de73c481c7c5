import { describe, expect, it } from "@jest/globals";
import { nextRetryDelayMs } from "../../../../backend/webhooks/webhook-retry.js";

describe("webhook retry schedule", () => {
  const noJitter = () => 0;

  it("doubles the delay after each failed attempt", () => {
    expect([1, 2, 3, 4].map((attempts) => nextRetryDelayMs(attempts, 1000, 10, noJitter))).toEqual([1000, 2000, 4000, 8000]);
  });

  it("stops after the last attempt", () => {
    expect(nextRetryDelayMs(10, 1000, 10, noJitter)).toBeNull();
    expect(nextRetryDelayMs(9, 1000, 10, noJitter)).toBe(256_000);
  });

  it("caps the delay at a day and adds at most 10 % jitter", () => {
    expect(nextRetryDelayMs(40, 1000, 50, noJitter)).toBe(24 * 3600 * 1000);
    expect(nextRetryDelayMs(1, 1000, 10, () => 0.999)).toBeLessThanOrEqual(1100);
  });
});
