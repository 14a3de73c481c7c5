import "reflect-metadata";
import { describe, expect, it } from "@jest/globals";
import { ValidationError } from "../../../backend/common/domain-error.js";
import {
  DEFAULT_PAGE_SIZE,
  decodeCursor,
  encodeCursor,
  MAX_PAGE_SIZE,
  PageQuery,
  pageLimit,
  toPage,
} from "../../../backend/common/pagination.js";
import { createValidationPipe } from "../../../backend/common/request-validation.js";

const rows = [1, 2, 3, 4, 5].map((n) => ({ id: `id-${n}`, at: `2026-01-0${n}` }));
const positionOf = (row: (typeof rows)[number]) => [row.at, row.id];

describe("pagination", () => {
  it("returns limit rows and a cursor when the extra row shows there is more", () => {
    const page = toPage(rows.slice(0, 3), 2, positionOf);
    expect(page.items).toEqual(rows.slice(0, 2));
    expect(page.nextCursor).not.toBeNull();
    expect(decodeCursor(page.nextCursor!, 2)).toEqual(["2026-01-02", "id-2"]);
  });

  it("returns no cursor on the last page", () => {
    expect(toPage(rows.slice(3), 2, positionOf)).toEqual({ items: rows.slice(3), nextCursor: null });
    expect(toPage([], 2, positionOf)).toEqual({ items: [], nextCursor: null });
  });

  it("round-trips cursors", () => {
    expect(decodeCursor(encodeCursor(["2026-01-01T00:00:00.000Z", 42]), 2)).toEqual(["2026-01-01T00:00:00.000Z", 42]);
  });

  it.each(["", "garbage", encodeCursor(["a"]), Buffer.from('{"a":1}').toString("base64url"), encodeCursor([["nested"] as unknown as string, "x"])])(
    "refuses the cursor %p as INVALID_CURSOR",
    (cursor) => {
      let caught: unknown;
      try {
        decodeCursor(cursor, 2);
      } catch (error) {
        caught = error;
      }
      expect(caught).toBeInstanceOf(ValidationError);
      expect((caught as ValidationError).code).toBe("INVALID_CURSOR");
    },
  );

  it("defaults and caps the page size", () => {
    expect(pageLimit({})).toBe(DEFAULT_PAGE_SIZE);
    expect(pageLimit({ limit: 10 })).toBe(10);
    expect(pageLimit({ limit: MAX_PAGE_SIZE * 10 })).toBe(MAX_PAGE_SIZE);
  });

  it("validates query strings: limit converted to a number, within 1..MAX_PAGE_SIZE", async () => {
    const pipe = createValidationPipe();
    const metadata = { type: "query" as const, metatype: PageQuery };
    await expect(pipe.transform({ limit: "20", cursor: "abc" }, metadata)).resolves.toEqual(
      Object.assign(new PageQuery(), { limit: 20, cursor: "abc" }),
    );
    await expect(pipe.transform({ limit: String(MAX_PAGE_SIZE + 1) }, metadata)).rejects.toMatchObject({
      code: "VALIDATION_FAILED",
      details: { fields: { limit: [`limit must not be greater than ${MAX_PAGE_SIZE}`] } },
    });
    await expect(pipe.transform({ offset: "5" }, metadata)).rejects.toMatchObject({
      details: { fields: { offset: ["property offset should not exist"] } },
    });
  });
});
