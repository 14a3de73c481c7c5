import { describe, expect, it } from "@jest/globals";
import { MAX_AMOUNT, parseInvoiceFields, type RawInvoiceFields } from "../../../backend/invoices/invoice-fields.js";

const row: Record<string, string> = {
  sellerTaxId: "91420100DEMO0001X",
  buyerTaxId: "91420100DEMO0101X",
  invoiceCode: "4200261130",
  invoiceNumber: "00012345",
  amount: "125000000",
  issueDate: "2026-11-02",
  dueDate: "2027-02-28",
};

function problemOf(fields: RawInvoiceFields) {
  const result = parseInvoiceFields(fields);
  if (result.ok) throw new Error("expected a problem");
  return result.problem;
}

describe("parseInvoiceFields", () => {
  it("accepts a well-formed row and normalises it (trimmed, tax ids upper-case, amount as bigint)", () => {
    const result = parseInvoiceFields({
      ...row,
      sellerTaxId: " 91420100demo0001x ",
      buyerTaxId: "91420100demo0101x",
      invoiceNumber: " 00012345\t",
    });
    expect(result).toEqual({
      ok: true,
      draft: {
        sellerTaxId: "91420100DEMO0001X",
        buyerTaxId: "91420100DEMO0101X",
        invoiceCode: "4200261130",
        invoiceNumber: "00012345",
        amount: 125_000_000n,
        issueDate: "2026-11-02",
        dueDate: "2027-02-28",
      },
    });
  });

  it("accepts a due date equal to the issue date and the largest bigint amount", () => {
    expect(parseInvoiceFields({ ...row, dueDate: row.issueDate, amount: MAX_AMOUNT.toString() }).ok).toBe(true);
  });

  it.each(["sellerTaxId", "buyerTaxId", "invoiceCode", "invoiceNumber", "amount", "issueDate", "dueDate"])(
    "refuses a missing or blank %s with MISSING_FIELD on that field",
    (field) => {
      const { [field]: _dropped, ...without } = row;
      expect(problemOf(without)).toMatchObject({ field, code: "MISSING_FIELD" });
      expect(problemOf({ ...row, [field]: "   " })).toMatchObject({ field, code: "MISSING_FIELD" });
    },
  );

  it("reports the first problem in header order", () => {
    expect(problemOf({ ...row, buyerTaxId: "", amount: "abc" })).toMatchObject({ field: "buyerTaxId", code: "MISSING_FIELD" });
  });

  it.each([
    ["12.50", "a decimal"],
    ["1e3", "an exponent"],
    ["-5", "a negative number"],
    ["1,000", "a thousands separator"],
    ["0", "zero"],
    ["000", "zeros"],
    [(MAX_AMOUNT + 1n).toString(), "more than a bigint holds"],
  ])("refuses amount %s (%s) with INVALID_AMOUNT", (amount) => {
    expect(problemOf({ ...row, amount })).toMatchObject({ field: "amount", code: "INVALID_AMOUNT" });
  });

  it("refuses a JSON number as amount: amounts are strings of minor units, never floats", () => {
    expect(problemOf({ ...row, amount: 125000000 })).toMatchObject({ field: "amount", code: "INVALID_AMOUNT" });
    expect(problemOf({ ...row, invoiceCode: 4200261130 })).toMatchObject({ field: "invoiceCode", code: "INVALID_FIELD" });
  });

  it.each([
    ["sellerTaxId", "9142-0100-DEMO"],
    ["sellerTaxId", "SHORT"],
    ["buyerTaxId", "91420100DEMO0101X123456"],
  ])("refuses %s %s with INVALID_TAX_ID", (field, value) => {
    expect(problemOf({ ...row, [field]: value })).toMatchObject({ field, code: "INVALID_TAX_ID" });
  });

  it.each([
    ["issueDate", "2026-02-30"],
    ["issueDate", "02/11/2026"],
    ["dueDate", "2027-02-28T00:00:00Z"],
    ["dueDate", "2027-13-01"],
  ])("refuses %s %s with INVALID_DATE", (field, value) => {
    expect(problemOf({ ...row, [field]: value })).toMatchObject({ field, code: "INVALID_DATE" });
  });

  it("refuses a due date before the issue date", () => {
    expect(problemOf({ ...row, dueDate: "2026-11-01" })).toMatchObject({ field: "dueDate", code: "DUE_DATE_BEFORE_ISSUE_DATE" });
  });

  it("refuses invoice codes and numbers longer than 64 characters or with control characters", () => {
    expect(problemOf({ ...row, invoiceCode: "1".repeat(65) })).toMatchObject({ field: "invoiceCode", code: "FIELD_TOO_LONG" });
    expect(problemOf({ ...row, invoiceNumber: "123\u0000456" })).toMatchObject({ field: "invoiceNumber", code: "INVALID_FIELD" });
  });
});
