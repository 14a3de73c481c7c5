import { describe, expect, it } from "@jest/globals";
import { readFileSync } from "node:fs";
import { Interface } from "ethers";
import { decodeRevert, revertDataOf } from "../../../backend/chain/revert-decoder.js";

const voucherErrors = new Interface(JSON.parse(readFileSync("abi/VoucherToken.json", "utf8")));

describe("decodeRevert", () => {
  it("turns a custom error into a stable code with its values", () => {
    const data = voucherErrors.encodeErrorResult("VoucherAmountExceedsBalance", [7n, 100n, 250n]);
    expect(decodeRevert(voucherErrors, data)).toEqual({
      code: "VOUCHER_AMOUNT_EXCEEDS_BALANCE",
      message: "VoucherAmountExceedsBalance(partId=7, available=100, needed=250)",
      details: { partId: "7", available: "100", needed: "250" },
    });
  });

  it("reports a revert without data, or with data no contract declares, as CHAIN_REVERTED", () => {
    expect(decodeRevert(voucherErrors, "0x").code).toBe("CHAIN_REVERTED");
    expect(decodeRevert(voucherErrors, undefined).code).toBe("CHAIN_REVERTED");
    expect(decodeRevert(voucherErrors, "0xdeadbeef").code).toBe("CHAIN_REVERTED");
  });
});

describe("revertDataOf", () => {
  it("finds revert data nested the way JSON-RPC errors nest it", () => {
    expect(revertDataOf({ info: { error: { data: "0x1234" } } })).toBe("0x1234");
    expect(revertDataOf({ data: "0xabcd" })).toBe("0xabcd");
    expect(revertDataOf(new Error("socket hang up"))).toBeUndefined();
  });
});
