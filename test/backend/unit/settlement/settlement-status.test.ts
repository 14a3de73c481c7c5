import { describe, expect, it } from "@jest/globals";
import { settlementStatus } from "../../../../backend/settlement/settlement-status.js";

describe("settlement status", () => {
  it("is due until the maturity scan sees maturity pass, then overdue", () => {
    expect(settlementStatus("active", false)).toBe("due");
    expect(settlementStatus("active", true)).toBe("overdue");
  });

  it("follows the chain's status once the voucher is paid or defaulted", () => {
    expect(settlementStatus("paid", true)).toBe("paid");
    expect(settlementStatus("paid", false)).toBe("paid");
    expect(settlementStatus("defaulted", true)).toBe("defaulted");
  });
});
