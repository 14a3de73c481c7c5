// An upload's body (CSV text or a JSON list) turned into numbered items, checked only as a file: a bad
// header, malformed CSV or too many rows refuse the whole upload at once (400), while a bad row becomes
// that row's result when the upload is processed.

import { CsvError } from "csv-parse";
import { parse } from "csv-parse/sync";
import { ValidationError } from "../common/domain-error.js";
import { INVOICE_FIELDS, type InvoiceField, type InvoiceProblem, type RawInvoiceFields } from "./invoice-fields.js";

export const MAX_UPLOAD_ROWS = 20_000;

/** One row of an upload: its fields, or the reason it cannot even be read as an invoice. */
export type UploadItem = { fields: RawInvoiceFields } | { problem: InvoiceProblem };

/**
 * CSV with a header naming the seven fields (in any order). Row 1 is the first row after the header; blank
 * lines are skipped and do not count.
 */
export function uploadItemsFromCsv(text: string): UploadItem[] {
  let records: string[][];
  try {
    records = parse(text, { bom: true, skip_empty_lines: true, relax_column_count: true, trim: false });
  } catch (error) {
    if (error instanceof CsvError) {
      throw new ValidationError("CSV_MALFORMED", `the CSV cannot be read: ${error.message}`, { reason: error.code });
    }
    throw error;
  }
  const [header, ...rows] = records;
  if (header === undefined) throw new ValidationError("UPLOAD_EMPTY", "the CSV is empty: it needs a header and at least one row");
  const columns = header.map((name) => name.trim());
  const missing = INVOICE_FIELDS.filter((field) => !columns.includes(field));
  const unknown = columns.filter((name) => !(INVOICE_FIELDS as readonly string[]).includes(name));
  const repeated = columns.filter((name, index) => columns.indexOf(name) !== index);
  if (missing.length > 0 || unknown.length > 0 || repeated.length > 0) {
    throw new ValidationError("CSV_HEADER_INVALID", `the CSV header must name exactly these columns: ${INVOICE_FIELDS.join(",")}`, {
      missing,
      unknown,
      repeated,
    });
  }
  checkRowCount(rows.length);
  return rows.map((cells) => {
    if (cells.length !== columns.length) {
      return {
        problem: { field: null, code: "INVALID_ROW", message: `the row has ${cells.length} cells, the header ${columns.length}` },
      };
    }
    const fields: RawInvoiceFields = {};
    columns.forEach((name, index) => (fields[name as InvoiceField] = cells[index]));
    return { fields };
  });
}

/** A JSON list of invoices: each item an object with the seven fields as strings, and nothing else. */
export function uploadItemsFromJson(items: readonly unknown[]): UploadItem[] {
  if (items.length === 0) throw new ValidationError("UPLOAD_EMPTY", "the upload lists no invoices");
  checkRowCount(items.length);
  return items.map((item) => {
    if (typeof item !== "object" || item === null || Array.isArray(item)) {
      return { problem: { field: null, code: "INVALID_ROW", message: "each invoice must be a JSON object" } };
    }
    const unknown = Object.keys(item).find((name) => !(INVOICE_FIELDS as readonly string[]).includes(name));
    if (unknown !== undefined) {
      return { problem: { field: unknown, code: "UNKNOWN_FIELD", message: `${unknown} is not an invoice field` } };
    }
    return { fields: item as RawInvoiceFields };
  });
}

function checkRowCount(rows: number): void {
  if (rows === 0) throw new ValidationError("UPLOAD_EMPTY", "the upload has a header but no rows");
  if (rows > MAX_UPLOAD_ROWS) {
    throw new ValidationError("UPLOAD_TOO_LARGE", `an upload holds at most ${MAX_UPLOAD_ROWS} rows; split the file`, {
      rows,
      maxRows: MAX_UPLOAD_ROWS,
    });
  }
}
