// Keyset (cursor) pagination for list endpoints. Offsets skip or repeat rows when rows are inserted between
// two page reads (the indexer inserts all the time); a cursor holds the sort key of the last row returned,
// and the next page starts strictly after it.
//
//   const limit = pageLimit(query);
//   const after = query.cursor === undefined ? undefined : decodeCursor(query.cursor, 2);
//   const rows = await repo.createQueryBuilder("i")
//     .where(after ? "(i.createdAt, i.id) > (:at, :id)" : "true", after && { at: after[0], id: after[1] })
//     .orderBy("i.createdAt").addOrderBy("i.id").take(limit + 1).getMany();
//   return toPage(rows, limit, (row) => [row.createdAt.toISOString(), row.id]);
//
// A timestamp sort key must be stored at millisecond precision (a column default of
// `date_trunc('milliseconds', now())`, as invoices do): PostgreSQL keeps microseconds, a JavaScript Date
// only milliseconds, so a cursor built from a Date falls before its own row and the next page repeats it.
// A serial or uuid v7 key avoids the question.

import { ApiPropertyOptional } from "@nestjs/swagger";
import { Type } from "class-transformer";
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from "class-validator";
import { ValidationError } from "./domain-error.js";

export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 200;

/** Query parameters of a list endpoint; extend it with the endpoint's filters. */
export class PageQuery {
  @ApiPropertyOptional({ minimum: 1, maximum: MAX_PAGE_SIZE, default: DEFAULT_PAGE_SIZE })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE_SIZE)
  limit?: number;

  @ApiPropertyOptional({ description: "The nextCursor of the previous page; absent for the first page." })
  @IsOptional()
  @IsString()
  @MaxLength(1024)
  cursor?: string;
}

export interface Page<T> {
  items: T[];
  /** Pass as `cursor` to get the next page; null on the last page. */
  nextCursor: string | null;
}

export type CursorPosition = readonly (string | number)[];

export function pageLimit(query: PageQuery): number {
  return Math.min(query.limit ?? DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE);
}

/** An opaque cursor: clients pass it back unchanged and must not build one. */
export function encodeCursor(position: CursorPosition): string {
  return Buffer.from(JSON.stringify(position)).toString("base64url");
}

/** The position a cursor holds; a malformed cursor is the client's error (400 INVALID_CURSOR). */
export function decodeCursor(cursor: string, length: number): CursorPosition {
  let position: unknown;
  try {
    position = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
  } catch {
    position = undefined;
  }
  const valid =
    Array.isArray(position) &&
    position.length === length &&
    position.every((value) => typeof value === "string" || typeof value === "number");
  if (!valid) {
    throw new ValidationError("INVALID_CURSOR", "cursor is not one this API returned: pass nextCursor unchanged", {
      cursor,
    });
  }
  return position as CursorPosition;
}

/**
 * Builds a page from rows fetched with `limit + 1`: the extra row only tells that there is a next page.
 * `positionOf` returns the row's values of the ORDER BY columns, in order.
 */
export function toPage<T>(rows: readonly T[], limit: number, positionOf: (row: T) => CursorPosition): Page<T> {
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  return {
    items,
    nextCursor: rows.length > limit && last !== undefined ? encodeCursor(positionOf(last)) : null,
  };
}
