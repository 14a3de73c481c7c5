import { ConflictError, ValidationError } from "../common/domain-error.js";
import type { PartInstructionKind } from "./part-instruction.entity.js";
import type { VoucherPart } from "./voucher-part.entity.js";
import type { Voucher } from "./voucher.entity.js";

/** A split's pieces, or a transfer's single recipient (amount undefined: the whole part). */
export interface PartMove {
  kind: PartInstructionKind;
  pieces: ReadonlyArray<{ amount?: string; recipientOrganisationId: string }>;
}

/**
 * What the holder's part must allow, checked against the indexed state before the move goes on chain (the
 * contract checks again; the database may be a block behind). The caller is known to hold the part.
 * Returns each piece's amount in minor units.
 */
export function checkPartMove(part: VoucherPart, voucher: Voucher, move: PartMove, holderOrganisationId: string): string[] {
  const where = { partId: part.id };
  if (part.status !== "live") {
    throw new ConflictError("VOUCHER_PART_INACTIVE", `the part is ${part.status}: it was fully split or redeemed`, where);
  }
  if (voucher.frozen) throw new ConflictError("VOUCHER_FROZEN", "the voucher is frozen: its parts cannot move", { voucherId: voucher.id });

  if (move.kind === "transfer") {
    if (BigInt(part.heldAmount) > 0n) {
      throw new ConflictError("VOUCHER_PART_HELD", "a part under a hold cannot be transferred as a whole; split off its free value", {
        ...where,
        heldAmount: part.heldAmount,
      });
    }
    if (move.pieces[0]!.recipientOrganisationId === holderOrganisationId) {
      throw new ValidationError("TRANSFER_TO_SELF", "the recipient already holds this part", where);
    }
    return [part.amount];
  }

  const amounts = move.pieces.map((piece) => piece.amount!);
  const needed = amounts.reduce((sum, amount) => sum + BigInt(amount), 0n);
  const available = BigInt(part.amount) - BigInt(part.heldAmount);
  if (needed > available) {
    throw new ValidationError("VOUCHER_AMOUNT_EXCEEDS_BALANCE", "the pieces add up to more than the part's unheld value", {
      ...where,
      available: available.toString(),
      needed: needed.toString(),
    });
  }
  return amounts;
}
