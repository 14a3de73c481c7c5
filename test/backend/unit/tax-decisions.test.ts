import { describe, expect, it } from "@jest/globals";
import type { InvoiceVerification } from "../../../backend/tax/tax-authority.adapter.js";
import { attestationBusinessKey, decideResync, decideVerification } from "../../../backend/tax/tax-decisions.js";

const KEY = `0x${"ab".repeat(32)}`;
const found = (overrides: Partial<InvoiceVerification & { found: true }> = {}): InvoiceVerification => ({
  invoiceKey: KEY,
  found: true,
  status: "valid",
  statusChangedAt: null,
  attestedAmount: 125_000_000n,
  issueDate: "2026-11-02",
  buyerTaxId: "91420100DEMO0101X",
  mismatches: [],
  ...overrides,
});

describe("decideVerification", () => {
  it("attests a matching record with its status and amount", () => {
    expect(decideVerification(found())).toEqual({ kind: "attest", status: 2, amount: 125_000_000n });
    expect(decideVerification(found({ status: "voided" }))).toMatchObject({ kind: "attest", status: 3 });
    expect(decideVerification(found({ status: "reversed" }))).toMatchObject({ kind: "attest", status: 4 });
  });

  it("rejects an invoice the authority does not know, attesting nothing", () => {
    expect(decideVerification({ invoiceKey: KEY, found: false })).toMatchObject({ kind: "reject", code: "TAX_INVOICE_NOT_FOUND" });
  });

  it("rejects a record that differs from the declaration, naming the differences", () => {
    expect(decideVerification(found({ mismatches: ["AMOUNT_DIFFERS", "BUYER_DIFFERS"] }))).toEqual({
      kind: "reject",
      code: "TAX_INVOICE_MISMATCH",
      message: "the tax authority's record differs: AMOUNT_DIFFERS, BUYER_DIFFERS",
    });
  });
});

describe("decideResync", () => {
  it("leaves an unchanged valid invoice alone", () => {
    expect(decideResync(found(), 125_000_000n)).toEqual({ kind: "unchanged" });
  });

  it("attests a voiding, a reversal and a changed amount", () => {
    expect(decideResync(found({ status: "voided" }), 125_000_000n)).toEqual({ kind: "attest", status: 3, amount: 125_000_000n });
    expect(decideResync(found({ status: "reversed" }), 125_000_000n)).toMatchObject({ kind: "attest", status: 4 });
    expect(decideResync(found({ attestedAmount: 100n }), 125_000_000n)).toEqual({ kind: "attest", status: 2, amount: 100n });
  });

  it("keeps the attestation when the authority no longer finds the invoice", () => {
    expect(decideResync({ invoiceKey: KEY, found: false }, 125_000_000n)).toEqual({ kind: "unchanged" });
  });
});

describe("attestationBusinessKey", () => {
  it("differs per status and amount, so a later change is a new chain write and a repeat is not", () => {
    const valid = attestationBusinessKey(KEY, { kind: "attest", status: 2, amount: 5n });
    expect(valid).toBe(`invoice.attest:${KEY}:2:5`);
    expect(attestationBusinessKey(KEY, { kind: "attest", status: 3, amount: 5n })).not.toBe(valid);
    expect(attestationBusinessKey(KEY, { kind: "attest", status: 2, amount: 5n })).toBe(valid);
  });
});
