// What the platform does with the tax authority's answer about an invoice, as pure functions. The answer
// becomes an on-chain attestation only when the authority's record matches what the supplier declared:
// attesting a record that differs would let a supplier borrow against an invoice it misdescribed.

import type { InvoiceVerification, TaxInvoiceStatus } from "./tax-authority.adapter.js";

/** IInvoiceRegistry.InvoiceStatus values of an attestation. */
export const ATTESTATION_STATUS: Record<TaxInvoiceStatus, 2 | 3 | 4> = { valid: 2, voided: 3, reversed: 4 };

export type Attest = { kind: "attest"; status: 2 | 3 | 4; amount: bigint };
export type Reject = { kind: "reject"; code: "TAX_INVOICE_NOT_FOUND" | "TAX_INVOICE_MISMATCH"; message: string };
export type Unchanged = { kind: "unchanged" };

/** The first check of a registered invoice: attest what the authority holds, or reject the invoice. */
export function decideVerification(result: InvoiceVerification): Attest | Reject {
  if (!result.found) {
    return { kind: "reject", code: "TAX_INVOICE_NOT_FOUND", message: "the tax authority has no invoice with this seller tax id, code and number" };
  }
  if (result.mismatches.length > 0) {
    return {
      kind: "reject",
      code: "TAX_INVOICE_MISMATCH",
      message: `the tax authority's record differs: ${result.mismatches.join(", ")}`,
    };
  }
  return { kind: "attest", status: ATTESTATION_STATUS[result.status], amount: result.attestedAmount };
}

/**
 * A later check of a valid invoice: attest a change (voided, reversed, or a different amount: a lower one
 * freezes the voucher it backs); an invoice the authority no longer finds keeps its attestation, since the
 * registry has no status for that and the authority's silence is not a voiding.
 */
export function decideResync(result: InvoiceVerification, attestedAmount: bigint | null): Attest | Unchanged {
  if (!result.found) return { kind: "unchanged" };
  if (result.status === "valid" && result.attestedAmount === attestedAmount) return { kind: "unchanged" };
  return { kind: "attest", status: ATTESTATION_STATUS[result.status], amount: result.attestedAmount };
}

/** One business key per distinct attestation: the same answer twice records one chain write. */
export function attestationBusinessKey(invoiceKey: string, attest: Attest): string {
  return `invoice.attest:${invoiceKey}:${attest.status}:${attest.amount}`;
}
