import { getAddress } from "ethers";
import { ConflictError, ForbiddenError, ValidationError } from "../common/domain-error.js";
import type { PayableToConfirm } from "./dto/confirm-payables.dto.js";
import type { InvoiceFacts } from "./invoice-facts.js";

/** A payable ready to be recorded: the `voucher.issue` call's terms. */
export interface CheckedPayable {
  invoiceKey: string;
  faceValue: string;
  maturity: Date;
  /** The seller's account the voucher goes to (checksummed). */
  holder: string;
}

/** Which item of the request an error is about. */
interface ItemPosition {
  [key: string]: unknown;
  index: number;
  invoiceKey: string;
}

export interface PayableContext {
  debtorOrganisationId: string;
  /** What the indexed invoice registry events say, by lower-case invoice key. */
  facts: ReadonlyMap<string, InvoiceFacts>;
  /** Signing accounts of the sellers named by those facts, by organisation id. */
  sellerAccounts: ReadonlyMap<string, string>;
  now: Date;
}

/**
 * Checks a debtor's batch of payables before anything is recorded, refusing what the chain would certainly
 * refuse. Facts that may still change on chain (an invoice not yet attested, or not yet seen at all) are
 * left to the contract: its refusal comes back as a failed confirmation with the decoded error code.
 */
export function checkPayables(items: readonly PayableToConfirm[], context: PayableContext): CheckedPayable[] {
  const seen = new Set<string>();
  return items.map((item, index) => {
    const invoiceKey = item.invoiceKey.toLowerCase();
    const where: ItemPosition = { index, invoiceKey };
    if (seen.has(invoiceKey)) throw new ValidationError("INVOICE_KEY_DUPLICATE", "each invoice may appear once per request", where);
    seen.add(invoiceKey);

    // Whole seconds: what the chain stores, so that the confirmation and the voucher agree.
    const maturity = new Date(Math.floor(Date.parse(item.maturity) / 1000) * 1000);
    if (maturity.getTime() <= context.now.getTime()) {
      throw new ValidationError("MATURITY_IN_PAST", "maturity must lie in the future", { ...where, maturity: item.maturity });
    }
    const facts = context.facts.get(invoiceKey);
    if (facts) checkAgainstFacts(item, facts, context.debtorOrganisationId, where);
    return { invoiceKey, faceValue: item.faceValue, maturity, holder: holderFor(item, facts, context, where) };
  });
}

function checkAgainstFacts(item: PayableToConfirm, facts: InvoiceFacts, debtorOrganisationId: string, where: ItemPosition): void {
  if (facts.debtorOrganisationId !== debtorOrganisationId) {
    throw new ForbiddenError("VOUCHER_NOT_DEBTOR", "only the invoice's debtor can confirm it", where);
  }
  if (facts.voucherId !== null) {
    throw new ConflictError("INVOICE_ALREADY_BACKS_VOUCHER", "this invoice already backs a voucher", {
      ...where,
      voucherId: facts.voucherId,
    });
  }
  if (facts.status === "voided" || facts.status === "reversed") {
    throw new ConflictError("INVOICE_STATUS_INVALID", `the tax authority ${facts.status} this invoice`, {
      ...where,
      status: facts.status,
    });
  }
  if (facts.status === "valid" && facts.attestedAmount !== null && BigInt(item.faceValue) > BigInt(facts.attestedAmount)) {
    throw new ValidationError("VOUCHER_FACE_VALUE_EXCEEDS_INVOICE", "faceValue exceeds the attested invoice amount", {
      ...where,
      faceValue: item.faceValue,
      attestedAmount: facts.attestedAmount,
    });
  }
}

function holderFor(item: PayableToConfirm, facts: InvoiceFacts | undefined, context: PayableContext, where: ItemPosition): string {
  const requested = item.holder === undefined ? undefined : getAddress(item.holder);
  const seller = facts ? context.sellerAccounts.get(facts.sellerOrganisationId) : undefined;
  if (seller !== undefined) {
    if (requested !== undefined && requested !== getAddress(seller)) {
      throw new ValidationError("HOLDER_NOT_SELLER", "holder must be the invoice seller's account (or be left out)", {
        ...where,
        holder: requested,
      });
    }
    return getAddress(seller);
  }
  if (requested === undefined) {
    throw new ValidationError(
      "HOLDER_REQUIRED",
      "the platform has not seen this invoice's seller yet: pass holder, the seller's account",
      where,
    );
  }
  return requested;
}
