// The canonical invoice key: the only thing about an invoice that goes on chain, and the name the tax
// authority, the invoice registry and every backend module use for one invoice.
//
//   invoiceKey = keccak256(abi.encode(string sellerTaxId, string invoiceCode, string invoiceNumber))
//
// after normalisation:
//   - all three fields are trimmed of surrounding whitespace (CSV cells and form fields carry it);
//   - the seller tax id is upper-cased (a unified social credit code is digits and capital letters, and
//     users type it in either case);
//   - the invoice code and number are kept as written otherwise: they are strings, not integers, so
//     leading zeros count ("00012345" and "12345" are different invoices to the tax authority).
// A field that is empty after trimming is refused: a key over an empty field would be valid but meaningless.
//
// abi.encode (not encodePacked) keeps field boundaries unambiguous: ("AB", "C") and ("A", "BC") differ.
// Solidity computes the same value with keccak256(abi.encode(sellerTaxId, invoiceCode, invoiceNumber)) on
// three `string` arguments.
import { keccak256 } from "ethers";

export interface InvoiceIdentity {
  sellerTaxId: string;
  invoiceCode: string;
  invoiceNumber: string;
}

export class InvoiceIdentityInvalidError extends Error {
  readonly code = "INVOICE_IDENTITY_INVALID";
  constructor(readonly field: keyof InvoiceIdentity) {
    super(`${field} must not be empty`);
    this.name = "InvoiceIdentityInvalidError";
  }
}

/** The identity as the key is computed over: trimmed, seller tax id upper-cased. */
export function normaliseInvoiceIdentity(identity: InvoiceIdentity): InvoiceIdentity {
  const normalised = {
    sellerTaxId: identity.sellerTaxId.trim().toUpperCase(),
    invoiceCode: identity.invoiceCode.trim(),
    invoiceNumber: identity.invoiceNumber.trim(),
  };
  for (const field of ["sellerTaxId", "invoiceCode", "invoiceNumber"] as const) {
    if (normalised[field] === "") throw new InvoiceIdentityInvalidError(field);
  }
  return normalised;
}

/** The canonical key of an invoice, as a 0x-prefixed 32-byte hex string (lower case). */
export function invoiceKey(identity: InvoiceIdentity): string {
  const { sellerTaxId, invoiceCode, invoiceNumber } = normaliseInvoiceIdentity(identity);
  return keccak256(abiEncodeStrings([sellerTaxId, invoiceCode, invoiceNumber]));
}

/**
 * abi.encode(string, ..., string), written out because ethers' AbiCoder spends about 0.3 ms per call, most of
 * a 1,000-invoice verification batch. Layout: one head word per string holding the offset of its tail; each
 * tail is a length word followed by the UTF-8 bytes zero-padded to a multiple of 32. The unit test checks it
 * against AbiCoder.
 */
function abiEncodeStrings(values: readonly string[]): Uint8Array {
  const tails = values.map((value) => Buffer.from(value, "utf8"));
  const tailSizes = tails.map((bytes) => 32 + Math.ceil(bytes.length / 32) * 32);
  const encoded = Buffer.alloc(32 * values.length + tailSizes.reduce((sum, size) => sum + size, 0));
  let offset = 32 * values.length;
  tails.forEach((bytes, index) => {
    encoded.writeUInt32BE(offset, 32 * index + 28);
    encoded.writeUInt32BE(bytes.length, offset + 28);
    bytes.copy(encoded, offset + 32);
    offset += tailSizes[index]!;
  });
  return encoded;
}

const INVOICE_KEY_PATTERN = /^0x[0-9a-f]{64}$/;

/** True for a key as `invoiceKey` writes it (lower-case hex); callers lower-case user input first. */
export function isInvoiceKey(value: string): boolean {
  return INVOICE_KEY_PATTERN.test(value);
}
