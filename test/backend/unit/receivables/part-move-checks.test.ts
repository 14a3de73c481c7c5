import { describe, expect, it } from "@jest/globals";
import type { DomainError } from "../../../../backend/common/domain-error.js";
import { checkPartMove } from "../../../../backend/receivables/part-move-checks.js";
import type { VoucherPart } from "../../../../backend/receivables/voucher-part.entity.js";
import type { Voucher } from "../../../../backend/receivables/voucher.entity.js";

const holder = "11111111-1111-4111-8111-111111111111";
const recipient = "22222222-2222-4222-8222-222222222222";

const voucher = { id: "1", frozen: false, status: "active" } as Voucher;
const part = { id: "5", voucherId: "1", amount: "1000", heldAmount: "300", status: "live" } as VoucherPart;

function codeOf(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    return (error as DomainError).code;
  }
  throw new Error("expected a refusal");
}

describe("checkPartMove", () => {
  it("lets a split take up to the unheld value", () => {
    const split = { kind: "split" as const, pieces: [{ amount: "400", recipientOrganisationId: recipient }, { amount: "300", recipientOrganisationId: holder }] };
    expect(checkPartMove(part, voucher, split, holder)).toEqual(["400", "300"]);
    expect(codeOf(() => checkPartMove(part, voucher, { kind: "split", pieces: [{ amount: "701", recipientOrganisationId: recipient }] }, holder))).toBe(
      "VOUCHER_AMOUNT_EXCEEDS_BALANCE",
    );
  });

  it("moves a transfer's whole amount, and refuses a held part or the holder itself", () => {
    const transfer = { kind: "transfer" as const, pieces: [{ recipientOrganisationId: recipient }] };
    expect(checkPartMove({ ...part, heldAmount: "0" }, voucher, transfer, holder)).toEqual(["1000"]);
    expect(codeOf(() => checkPartMove(part, voucher, transfer, holder))).toBe("VOUCHER_PART_HELD");
    expect(codeOf(() => checkPartMove({ ...part, heldAmount: "0" }, voucher, { kind: "transfer", pieces: [{ recipientOrganisationId: holder }] }, holder))).toBe(
      "TRANSFER_TO_SELF",
    );
  });

  it("refuses closed parts and frozen vouchers", () => {
    const transfer = { kind: "transfer" as const, pieces: [{ recipientOrganisationId: recipient }] };
    expect(codeOf(() => checkPartMove({ ...part, status: "closed" }, voucher, transfer, holder))).toBe("VOUCHER_PART_INACTIVE");
    expect(codeOf(() => checkPartMove(part, { ...voucher, frozen: true }, transfer, holder))).toBe("VOUCHER_FROZEN");
  });
});
