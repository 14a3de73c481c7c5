import { describe, expect, it } from "@jest/globals";
import { DomainError } from "../../../backend/common/domain-error.js";
import { MAX_UPLOAD_ROWS, uploadItemsFromCsv, uploadItemsFromJson } from "../../../backend/invoices/upload-items.js";

const HEADER = "sellerTaxId,buyerTaxId,invoiceCode,invoiceNumber,amount,issueDate,dueDate";
const LINE = "91420100DEMO0001X,91420100DEMO0101X,4200261130,00012345,125000000,2026-11-02,2027-02-28";

function codeOf(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(DomainError);
    return (error as DomainError).code;
  }
  throw new Error("expected a DomainError");
}

describe("uploadItemsFromCsv", () => {
  it("maps cells to fields by the header, in whatever order it names them", () => {
    const items = uploadItemsFromCsv(
      "amount,sellerTaxId,buyerTaxId,invoiceCode,invoiceNumber,issueDate,dueDate\n" +
        '"125000000",91420100DEMO0001X,91420100DEMO0101X,4200261130,"00012345",2026-11-02,2027-02-28\n',
    );
    expect(items).toEqual([
      {
        fields: {
          sellerTaxId: "91420100DEMO0001X",
          buyerTaxId: "91420100DEMO0101X",
          invoiceCode: "4200261130",
          invoiceNumber: "00012345",
          amount: "125000000",
          issueDate: "2026-11-02",
          dueDate: "2027-02-28",
        },
      },
    ]);
  });

  it("reads a byte order mark, CRLF line ends, and skips blank lines", () => {
    const items = uploadItemsFromCsv(`\uFEFF${HEADER}\r\n${LINE}\r\n\r\n${LINE.replace("00012345", "00012346")}\r\n`);
    expect(items).toHaveLength(2);
  });

  it("turns a row with the wrong number of cells into that row's INVALID_ROW problem", () => {
    const items = uploadItemsFromCsv(`${HEADER}\n${LINE}\n91420100DEMO0001X,only-two\n`);
    expect(items[1]).toEqual({ problem: { field: null, code: "INVALID_ROW", message: "the row has 2 cells, the header 7" } });
  });

  it("refuses a header that misses, repeats or adds columns", () => {
    expect(codeOf(() => uploadItemsFromCsv(`sellerTaxId,buyerTaxId\n1,2\n`))).toBe("CSV_HEADER_INVALID");
    expect(codeOf(() => uploadItemsFromCsv(`${HEADER},note\n${LINE},x\n`))).toBe("CSV_HEADER_INVALID");
    expect(codeOf(() => uploadItemsFromCsv(`${HEADER},amount\n${LINE},1\n`))).toBe("CSV_HEADER_INVALID");
  });

  it("refuses an empty file, a header alone and malformed quoting", () => {
    expect(codeOf(() => uploadItemsFromCsv(""))).toBe("UPLOAD_EMPTY");
    expect(codeOf(() => uploadItemsFromCsv(`${HEADER}\n`))).toBe("UPLOAD_EMPTY");
    expect(codeOf(() => uploadItemsFromCsv(`${HEADER}\n"unclosed,${LINE}\n`))).toBe("CSV_MALFORMED");
  });

  it(`refuses more than ${MAX_UPLOAD_ROWS} rows`, () => {
    const rows = Array.from({ length: MAX_UPLOAD_ROWS + 1 }, () => LINE).join("\n");
    expect(codeOf(() => uploadItemsFromCsv(`${HEADER}\n${rows}\n`))).toBe("UPLOAD_TOO_LARGE");
    expect(uploadItemsFromCsv(`${HEADER}\n${rows.slice(0, rows.lastIndexOf("\n"))}\n`)).toHaveLength(MAX_UPLOAD_ROWS);
  });
});

describe("uploadItemsFromJson", () => {
  it("keeps objects as fields and turns anything else, or unknown fields, into row problems", () => {
    expect(uploadItemsFromJson([{ amount: "1" }, "text", { amount: "1", note: "x" }])).toEqual([
      { fields: { amount: "1" } },
      { problem: { field: null, code: "INVALID_ROW", message: "each invoice must be a JSON object" } },
      { problem: { field: "note", code: "UNKNOWN_FIELD", message: "note is not an invoice field" } },
    ]);
  });

  it("refuses an empty list", () => {
    expect(codeOf(() => uploadItemsFromJson([]))).toBe("UPLOAD_EMPTY");
  });
});
