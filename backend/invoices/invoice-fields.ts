// The fields of one invoice as a supplier declares it (a JSON body, a JSON upload item or a CSV row), checked
// and normalised in one place so every entry path accepts and refuses exactly the same things. Checks that
// need the database (is the buyer onboarded, is the key taken) come later, in InvoiceCandidates.

import { normaliseInvoiceIdentity } from "./invoice-key.js";

/** The CSV header, in order; also the field names of the JSON bodies. */
export const INVOICE_FIELDS = ["sellerTaxId", "buyerTaxId", "invoiceCode", "invoiceNumber", "amount", "issueDate", "dueDate"] as const;
export type InvoiceField = (typeof INVOICE_FIELDS)[number];

/** What arrived, unchecked: strings from CSV, anything from JSON. */
export type RawInvoiceFields = Partial<Record<InvoiceField, unknown>>;

/** A well-formed invoice, normalised (trimmed, tax ids upper-case), not yet checked against the database. */
export interface InvoiceDraft {
  sellerTaxId: string;
  buyerTaxId: string;
  invoiceCode: string;
  invoiceNumber: string;
  /** Minor units. */
  amount: bigint;
  /** YYYY-MM-DD. */
  issueDate: string;
  /** YYYY-MM-DD. */
  dueDate: string;
}

/** Why an invoice was refused: the field at fault (null when it is the invoice as a whole) and a stable code. */
export interface InvoiceProblem {
  field: string | null;
  code: string;
  message: string;
}

export type DraftResult = { ok: true; draft: InvoiceDraft } | { ok: false; problem: InvoiceProblem };

/** A unified social credit code: 18 characters, but the tax authority also accepts older 15 to 20 character ids. */
export const TAX_ID_PATTERN = /^[0-9A-Z]{15,20}$/;
/** Invoice codes and numbers: what the tax authority accepts (1 to 64 characters), without control characters. */
export const MAX_IDENTIFIER_LENGTH = 64;
export const MINOR_UNITS_PATTERN = /^[0-9]+$/;
export const CALENDAR_DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;
/** The largest amount a PostgreSQL bigint holds (the contracts take up to 2^128 - 1). */
export const MAX_AMOUNT = 2n ** 63n - 1n;

/**
 * Checks the fields in header order and reports the first problem, so a rejected row names one field to fix.
 * Amount and dates are parsed strictly: "12.50", "1e3", "-5" and "2026-02-30" are refused, never rounded.
 */
export function parseInvoiceFields(raw: RawInvoiceFields): DraftResult {
  const text: Partial<Record<InvoiceField, string>> = {};
  for (const field of INVOICE_FIELDS) {
    const value = raw[field];
    if (value === undefined || value === null || (typeof value === "string" && value.trim() === "")) {
      return refused(field, "MISSING_FIELD", `${field} is required`);
    }
    if (typeof value !== "string") {
      return refused(field, field === "amount" ? "INVALID_AMOUNT" : "INVALID_FIELD", `${field} must be a string`);
    }
    text[field] = value.trim();
  }

  const sellerTaxId = text.sellerTaxId!.toUpperCase();
  if (!TAX_ID_PATTERN.test(sellerTaxId)) return refused("sellerTaxId", "INVALID_TAX_ID", "sellerTaxId must be 15 to 20 digits or letters");
  const buyerTaxId = text.buyerTaxId!.toUpperCase();
  if (!TAX_ID_PATTERN.test(buyerTaxId)) return refused("buyerTaxId", "INVALID_TAX_ID", "buyerTaxId must be 15 to 20 digits or letters");
  for (const field of ["invoiceCode", "invoiceNumber"] as const) {
    const value = text[field]!;
    if (value.length > MAX_IDENTIFIER_LENGTH) {
      return refused(field, "FIELD_TOO_LONG", `${field} must be at most ${MAX_IDENTIFIER_LENGTH} characters`);
    }
    if (/[\u0000-\u001f\u007f]/.test(value)) return refused(field, "INVALID_FIELD", `${field} must not contain control characters`);
  }

  const amountText = text.amount!;
  if (!MINOR_UNITS_PATTERN.test(amountText)) {
    return refused("amount", "INVALID_AMOUNT", "amount must be a whole number of minor units (digits only, e.g. 125000 for 1,250.00)");
  }
  const amount = BigInt(amountText);
  if (amount === 0n) return refused("amount", "INVALID_AMOUNT", "amount must be positive");
  if (amount > MAX_AMOUNT) return refused("amount", "INVALID_AMOUNT", `amount must be at most ${MAX_AMOUNT}`);

  for (const field of ["issueDate", "dueDate"] as const) {
    if (!isCalendarDate(text[field]!)) return refused(field, "INVALID_DATE", `${field} must be a calendar date YYYY-MM-DD`);
  }
  if (text.dueDate! < text.issueDate!) {
    return refused("dueDate", "DUE_DATE_BEFORE_ISSUE_DATE", "dueDate must not be before issueDate");
  }

  const identity = normaliseInvoiceIdentity({ sellerTaxId, invoiceCode: text.invoiceCode!, invoiceNumber: text.invoiceNumber! });
  return {
    ok: true,
    draft: { ...identity, buyerTaxId, amount, issueDate: text.issueDate!, dueDate: text.dueDate! },
  };
}

export function isCalendarDate(value: string): boolean {
  if (!CALENDAR_DATE_PATTERN.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

function refused(field: InvoiceField | null, code: string, message: string): DraftResult {
  return { ok: false, problem: { field, code, message } };
}
