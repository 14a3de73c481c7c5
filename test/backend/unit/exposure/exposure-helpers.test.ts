import { describe, expect, it } from "@jest/globals";
import { levelOf } from "../../../../backend/exposure/compliance-limits.service.js";
import { toCsv } from "../../../../backend/exposure/csv.js";
import { SqlFilter, todayUtc } from "../../../../backend/exposure/sql-filter.js";

describe("levelOf: alerts at 80% and 100% of a limit or capacity", () => {
  it("is ok below 80%, a warning from 80%, a breach from 100%", () => {
    expect(levelOf(79n, 100n)).toBe("ok");
    expect(levelOf(80n, 100n)).toBe("warning");
    expect(levelOf(99n, 100n)).toBe("warning");
    expect(levelOf(100n, 100n)).toBe("breach");
    expect(levelOf(150n, 100n)).toBe("breach");
  });

  it("treats a zero limit as a breach only when something is booked against it", () => {
    expect(levelOf(0n, 0n)).toBe("ok");
    expect(levelOf(1n, 0n)).toBe("breach");
  });

  it("compares in integers, beyond what a float holds exactly", () => {
    const limit = 10n ** 30n;
    expect(levelOf((limit * 8n) / 10n - 1n, limit)).toBe("ok");
    expect(levelOf((limit * 8n) / 10n, limit)).toBe("warning");
  });
});

describe("toCsv", () => {
  it("quotes commas, quotes and line breaks, and defuses spreadsheet formulas", () => {
    expect(
      toCsv(
        ["a", "b"],
        [
          ["x,y", 'say "hi"'],
          ["=SUM(A1)", null],
          ["-120", "line\nbreak"],
        ]
      )
    ).toBe('a,b\r\n"x,y","say ""hi"""\r\n\'=SUM(A1),\r\n-120,"line\nbreak"\r\n');
  });
});

describe("SqlFilter", () => {
  it("binds only the values given, numbering placeholders in order", () => {
    const filter = new SqlFilter();
    filter.bind("2026-11-24");
    filter
      .when(undefined, (p) => `a = ${p}`)
      .when("bank", (p) => `b = ${p}`)
      .when(null, (p) => `c = ${p}`)
      .when(3, (p) => `d = ${p}`);
    expect(filter.where).toBe("b = $2 AND d = $3");
    expect(filter.values).toEqual(["2026-11-24", "bank", 3]);
    expect(new SqlFilter().where).toBe("true");
  });

  it("takes today in UTC", () => {
    expect(todayUtc(new Date("2026-11-24T23:59:59-05:00"))).toBe("2026-11-25");
  });
});
