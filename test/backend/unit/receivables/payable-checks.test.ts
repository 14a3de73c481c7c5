import { describe, expect, it } from "@jest/globals";
import type { DomainError } from "../../../../backend/common/domain-error.js";
import type { InvoiceFacts } from "../../../../backend/receivables/invoice-facts.js";
import { type PayableContext, checkPayables } from "../../../../backend/receivables/payable-checks.js";

const debtor = "11111111-1111-4111-8111-111111111111";
const seller = "22222222-2222-4222-8222-222222222222";
const sellerAccount = "0x1111111111111111111111111111111111111111";
const key = `0x${"ab".repeat(32)}`;
const now = new Date("2026-01-01T00:00:00Z");
const later = "2026-06-30T12:00:00.750Z";

function facts(overrides: Partial<InvoiceFacts> = {}): InvoiceFacts {
  return {
    invoiceKey: key,
    sellerOrganisationId: seller,
    debtorOrganisationId: debtor,
    status: "valid",
    attestedAmount: "100000",
    voucherId: null,
    ...overrides,
  };
}

function context(invoice?: InvoiceFacts): PayableContext {
  return {
    debtorOrganisationId: debtor,
    facts: new Map(invoice ? [[key, invoice]] : []),
    sellerAccounts: new Map([[seller, sellerAccount]]),
    now,
  };
}

function refusal(run: () => unknown): { code: string; kind: string; details: Record<string, unknown> } {
  try {
    run();
  } catch (error) {
    const { code, kind, details } = error as DomainError;
    return { code, kind, details };
  }
  throw new Error("expected a refusal");
}

describe("checkPayables", () => {
  it("issues to the seller's account named by the indexed invoice, at whole-second maturity", () => {
    const [payable] = checkPayables([{ invoiceKey: key.toUpperCase().replace("0X", "0x"), faceValue: "90000", maturity: later }], context(facts()));
    expect(payable).toEqual({ invoiceKey: key, faceValue: "90000", maturity: new Date("2026-06-30T12:00:00Z"), holder: sellerAccount });
  });

  it("refuses what the chain would certainly refuse", () => {
    const item = { invoiceKey: key, faceValue: "90000", maturity: later };
    expect(refusal(() => checkPayables([item], context(facts({ debtorOrganisationId: seller }))))).toMatchObject({
      code: "VOUCHER_NOT_DEBTOR",
      kind: "forbidden",
      details: { index: 0, invoiceKey: key },
    });
    expect(refusal(() => checkPayables([item], context(facts({ voucherId: "3" }))))).toMatchObject({
      code: "INVOICE_ALREADY_BACKS_VOUCHER",
      kind: "conflict",
    });
    expect(refusal(() => checkPayables([item], context(facts({ status: "voided" }))))).toMatchObject({ code: "INVOICE_STATUS_INVALID" });
    expect(refusal(() => checkPayables([{ ...item, faceValue: "100001" }], context(facts())))).toMatchObject({
      code: "VOUCHER_FACE_VALUE_EXCEEDS_INVOICE",
      details: { attestedAmount: "100000" },
    });
    expect(refusal(() => checkPayables([{ ...item, maturity: "2025-12-31T23:59:59Z" }], context(facts())))).toMatchObject({
      code: "MATURITY_IN_PAST",
    });
  });

  it("leaves a registered, not yet attested invoice to the chain", () => {
    const [payable] = checkPayables(
      [{ invoiceKey: key, faceValue: "999999", maturity: later }],
      context(facts({ status: "registered", attestedAmount: null })),
    );
    expect(payable!.holder).toBe(sellerAccount);
  });

  it("needs holder for an invoice the platform has not seen, and checks a given holder against the seller", () => {
    const item = { invoiceKey: key, faceValue: "1", maturity: later };
    expect(refusal(() => checkPayables([item], context()))).toMatchObject({ code: "HOLDER_REQUIRED", kind: "validation" });
    const other = "0x2222222222222222222222222222222222222222";
    expect(checkPayables([{ ...item, holder: other }], context())[0]!.holder).toBe(other);
    expect(refusal(() => checkPayables([{ ...item, holder: other }], context(facts())))).toMatchObject({ code: "HOLDER_NOT_SELLER" });
  });

  it("refuses the same invoice twice in one request, naming the item", () => {
    const item = { invoiceKey: key, faceValue: "1", maturity: later };
    expect(refusal(() => checkPayables([item, item], context(facts())))).toMatchObject({
      code: "INVOICE_KEY_DUPLICATE",
      details: { index: 1 },
    });
  });
});
