// Parsing and validation of request bodies. Every problem is reported at once, with the path of the field,
// and unknown fields are refused (a misspelt optional field would otherwise be silently ignored).
import { isCalendarDate } from "./dates.js";
import type { IssuedInvoiceStatus, VerificationQuery } from "./ledger.js";

export const MAX_VERIFY_BATCH = 1000;
const MAX_FIELD_LENGTH = 64;
const TAX_ID_PATTERN = /^[0-9A-Z]{15,20}$/;
const MONTH_PATTERN = /^\d{4}-(0[1-9]|1[0-2])$/;
const MINOR_UNITS_PATTERN = /^\d{1,38}$/;

export interface Problem {
  path: string;
  problem: string;
}

export class RequestInvalidError extends Error {
  constructor(readonly problems: Problem[]) {
    super(problems.map((p) => `${p.path}: ${p.problem}`).join("; "));
    this.name = "RequestInvalidError";
  }
}

type Json = Record<string, unknown>;

class Reader {
  readonly problems: Problem[] = [];

  object(value: unknown, path: string, allowed: readonly string[]): Json | undefined {
    if (typeof value !== "object" || value === null || Array.isArray(value)) {
      this.problems.push({ path, problem: "must be an object" });
      return undefined;
    }
    for (const field of Object.keys(value)) {
      if (!allowed.includes(field)) this.problems.push({ path: join(path, field), problem: "is not a known field" });
    }
    return value as Json;
  }

  text(object: Json, field: string, path: string, optional = false): string | undefined {
    const value = object[field];
    if (value === undefined && optional) return undefined;
    if (typeof value !== "string" || value.trim() === "" || value.length > MAX_FIELD_LENGTH) {
      this.problems.push({ path: join(path, field), problem: `must be a non-empty string of at most ${MAX_FIELD_LENGTH} characters` });
      return undefined;
    }
    return value.trim();
  }

  taxId(object: Json, field: string, path: string): string | undefined {
    const value = this.text(object, field, path);
    if (value === undefined) return undefined;
    const normalised = value.toUpperCase();
    if (!TAX_ID_PATTERN.test(normalised)) {
      this.problems.push({ path: join(path, field), problem: "must be 15 to 20 digits or capital letters" });
      return undefined;
    }
    return normalised;
  }

  /** Integer minor units, as a string of digits (preferred: no float rounding) or a safe JSON integer. */
  minorUnits(object: Json, field: string, path: string, optional = false): bigint | undefined {
    const value = object[field];
    if (value === undefined && optional) return undefined;
    if (typeof value === "string" && MINOR_UNITS_PATTERN.test(value)) return BigInt(value);
    if (typeof value === "number" && Number.isSafeInteger(value) && value >= 0) return BigInt(value);
    this.problems.push({ path: join(path, field), problem: "must be a non-negative integer amount in minor units (a string of digits)" });
    return undefined;
  }

  date(object: Json, field: string, path: string): string | undefined {
    const value = object[field];
    if (typeof value === "string" && isCalendarDate(value)) return value;
    this.problems.push({ path: join(path, field), problem: "must be a calendar date YYYY-MM-DD" });
    return undefined;
  }

  done<T>(value: T): T {
    if (this.problems.length > 0) throw new RequestInvalidError(this.problems);
    return value;
  }
}

function join(path: string, field: string): string {
  return path === "" ? field : `${path}.${field}`;
}

const VERIFY_ITEM_FIELDS = ["sellerTaxId", "invoiceCode", "invoiceNumber", "amount", "issueDate", "buyerTaxId"] as const;

export function parseVerifyRequest(body: unknown): VerificationQuery[] {
  const reader = new Reader();
  const request = reader.object(body, "", ["items"]);
  const items = request?.items;
  if (request && (!Array.isArray(items) || items.length === 0 || items.length > MAX_VERIFY_BATCH)) {
    reader.problems.push({ path: "items", problem: `must be an array of 1 to ${MAX_VERIFY_BATCH} invoices` });
  }
  const queries: VerificationQuery[] = [];
  if (reader.problems.length === 0) {
    (items as unknown[]).forEach((raw, index) => {
      const path = `items[${index}]`;
      const item = reader.object(raw, path, VERIFY_ITEM_FIELDS);
      if (!item) return;
      const query = {
        sellerTaxId: reader.text(item, "sellerTaxId", path),
        invoiceCode: reader.text(item, "invoiceCode", path),
        invoiceNumber: reader.text(item, "invoiceNumber", path),
        amount: reader.minorUnits(item, "amount", path),
        issueDate: reader.date(item, "issueDate", path),
        buyerTaxId: reader.text(item, "buyerTaxId", path, true),
      };
      queries.push(query as VerificationQuery);
    });
  }
  return reader.done(queries);
}

export interface IssueInvoiceRequest {
  sellerTaxId: string;
  buyerTaxId: string;
  invoiceCode: string;
  invoiceNumber: string;
  amount: bigint;
  issueDate: string;
  status: IssuedInvoiceStatus;
}

const STATUSES: readonly IssuedInvoiceStatus[] = ["valid", "voided", "reversed"];

export function parseIssueInvoiceRequest(body: unknown): IssueInvoiceRequest {
  const reader = new Reader();
  const item = reader.object(body, "", ["sellerTaxId", "buyerTaxId", "invoiceCode", "invoiceNumber", "amount", "issueDate", "status"]);
  if (!item) return reader.done(undefined as never);
  const status = item.status ?? "valid";
  if (!STATUSES.includes(status as IssuedInvoiceStatus)) {
    reader.problems.push({ path: "status", problem: `must be one of ${STATUSES.join(", ")}` });
  }
  const amount = reader.minorUnits(item, "amount", "");
  if (amount === 0n) reader.problems.push({ path: "amount", problem: "must be positive" });
  return reader.done({
    sellerTaxId: reader.taxId(item, "sellerTaxId", "")!,
    buyerTaxId: reader.taxId(item, "buyerTaxId", "")!,
    invoiceCode: reader.text(item, "invoiceCode", "")!,
    invoiceNumber: reader.text(item, "invoiceNumber", "")!,
    amount: amount!,
    issueDate: reader.date(item, "issueDate", "")!,
    status: status as IssuedInvoiceStatus,
  });
}

export interface RegisterEnterpriseRequest {
  taxId: string;
  name: string;
  lateFilingMonths: string[];
  taxArrears: bigint;
}

export function parseRegisterEnterpriseRequest(body: unknown): RegisterEnterpriseRequest {
  const reader = new Reader();
  const item = reader.object(body, "", ["taxId", "name", "lateFilingMonths", "taxArrears"]);
  if (!item) return reader.done(undefined as never);
  const lateFilingMonths = item.lateFilingMonths ?? [];
  if (!Array.isArray(lateFilingMonths) || !lateFilingMonths.every((m) => typeof m === "string" && MONTH_PATTERN.test(m))) {
    reader.problems.push({ path: "lateFilingMonths", problem: "must be an array of months YYYY-MM" });
  }
  return reader.done({
    taxId: reader.taxId(item, "taxId", "")!,
    name: reader.text(item, "name", "")!,
    lateFilingMonths: lateFilingMonths as string[],
    taxArrears: reader.minorUnits(item, "taxArrears", "", true) ?? 0n,
  });
}
