import { createHmac } from "node:crypto";
import { describe, expect, it } from "@jest/globals";
import { signatureHeader, verifySignature } from "../../../../backend/webhooks/webhook-signature.js";

describe("webhook signatures", () => {
  const secret = "whsec_test";
  const body = JSON.stringify({ id: "e1", type: "cash.minted", data: { amount: "100" } });

  it("signs HMAC-SHA256 over `<timestamp>.<body>` as t=<unix>,v1=<hex>", () => {
    const expected = createHmac("sha256", secret).update(`1764000000.${body}`).digest("hex");
    expect(signatureHeader(secret, 1764000000, body)).toBe(`t=1764000000,v1=${expected}`);
  });

  it("verifies a fresh signature and refuses a changed body, another secret, an old timestamp or garbage", () => {
    const header = signatureHeader(secret, 1764000000, body);
    expect(verifySignature(secret, header, body, { now: 1764000010 })).toBe(true);
    expect(verifySignature(secret, header, `${body} `, { now: 1764000010 })).toBe(false);
    expect(verifySignature("whsec_other", header, body, { now: 1764000010 })).toBe(false);
    expect(verifySignature(secret, header, body, { now: 1764000000 + 301 })).toBe(false);
    expect(verifySignature(secret, "t=1764000000,v1=zz", body, { now: 1764000000 })).toBe(false);
    expect(verifySignature(secret, "", body, { now: 1764000000 })).toBe(false);
  });
});
