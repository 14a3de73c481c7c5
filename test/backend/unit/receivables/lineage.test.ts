import { describe, expect, it } from "@jest/globals";
import { lineageOf } from "../../../../backend/receivables/lineage.js";
import type { VoucherPart } from "../../../../backend/receivables/voucher-part.entity.js";

function part(id: string, parentId: string | null, tier: number, amount = "10"): VoucherPart {
  return {
    id,
    voucherId: "1",
    parentId,
    tier,
    holderAddress: `0x${id.padStart(40, "0")}`,
    holderOrganisationId: null,
    amount,
    heldAmount: "0",
    holdBeneficiary: null,
    status: "live",
    createdTxHash: "0xtx",
    createdAt: new Date("2026-01-01T00:00:00Z"),
    updatedAt: new Date("2026-01-01T00:00:00Z"),
  };
}

// 1 (root) -> 2 -> 4 -> 10
//          -> 3
//          -> 9
const parts = [part("10", "4", 4), part("1", null, 1), part("3", "1", 2), part("2", "1", 2), part("4", "2", 3), part("9", "1", 2)];

describe("lineageOf", () => {
  it("lists the ancestors from the root down to the parent", () => {
    expect(lineageOf("4", parts).ancestors.map((ancestor) => [ancestor.partId, ancestor.tier])).toEqual([
      ["1", 1],
      ["2", 2],
    ]);
  });

  it("builds the children tree ordered by id, numerically", () => {
    const { children } = lineageOf("1", parts);
    expect(children.map((child) => child.partId)).toEqual(["2", "3", "9"]);
    expect(children[0]!.children[0]!.partId).toBe("4");
    expect(children[0]!.children[0]!.children[0]).toMatchObject({ partId: "10", tier: 4, parentPartId: "4", children: [] });
  });

  it("gives a root no ancestors and a leaf no children", () => {
    expect(lineageOf("1", parts).ancestors).toEqual([]);
    expect(lineageOf("10", parts).children).toEqual([]);
  });

  it("stops at a missing parent or a cycle instead of hanging", () => {
    expect(lineageOf("4", [part("4", "2", 3)]).ancestors).toEqual([]);
    const cycle = [part("5", "6", 2), part("6", "5", 3)];
    expect(lineageOf("5", cycle).ancestors.map((ancestor) => ancestor.partId)).toEqual(["6"]);
    expect(lineageOf("5", cycle).children.map((child) => child.partId)).toEqual(["6"]);
    expect(lineageOf("5", cycle).children[0]!.children).toEqual([]);
  });
});
