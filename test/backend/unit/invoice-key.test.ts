import { describe, it, expect } from "@jest/globals";
import { AbiCoder, keccak256, toUtf8Bytes } from "ethers";
import {
  InvoiceIdentityInvalidError,
  invoiceKey,
  isInvoiceKey,
  normaliseInvoiceIdentity,
} from "../../../backend/invoices/invoice-key.js";

const invoice = { sellerTaxId: "91420100MA4K0TAX1", invoiceCode: "4200211130", invoiceNumber: "00012345" };

/** abi.encode(string, string, string) written out by hand: three head offsets, then length + padded bytes each. */
function abiEncodeThreeStrings(values: [string, string, string]): Uint8Array {
  const word = (n: number) => n.toString(16).padStart(64, "0");
  const tails = values.map((value) => {
    const hex = Buffer.from(toUtf8Bytes(value)).toString("hex");
    const padded = hex.padEnd(Math.ceil(hex.length / 64) * 64, "0");
    return word(hex.length / 2) + padded;
  });
  let offset = 3 * 32;
  const heads = tails.map((tail) => {
    const head = word(offset);
    offset += tail.length / 2;
    return head;
  });
  return Buffer.from(heads.join("") + tails.join(""), "hex");
}

describe("invoiceKey", () => {
  it("is keccak256(abi.encode(string sellerTaxId, string invoiceCode, string invoiceNumber))", () => {
    const byHand = keccak256(abiEncodeThreeStrings([invoice.sellerTaxId, invoice.invoiceCode, invoice.invoiceNumber]));
    const byEthers = keccak256(
      AbiCoder.defaultAbiCoder().encode(["string", "string", "string"], [invoice.sellerTaxId, invoice.invoiceCode, invoice.invoiceNumber]),
    );
    expect(invoiceKey(invoice)).toBe(byHand);
    expect(invoiceKey(invoice)).toBe(byEthers);
  });

  it("matches ethers' AbiCoder at every padding boundary", () => {
    for (const length of [1, 31, 32, 33, 63, 64, 65, 100]) {
      const fields: [string, string, string] = ["9".repeat(length), "C".repeat((length % 7) + 1), "n".repeat(length)];
      const expected = keccak256(AbiCoder.defaultAbiCoder().encode(["string", "string", "string"], fields));
      expect(invoiceKey({ sellerTaxId: fields[0], invoiceCode: fields[1], invoiceNumber: fields[2] })).toBe(expected);
    }
  });

  it("handles strings longer than one ABI word and non-ASCII text the same way", () => {
    const long = { sellerTaxId: "91420100MA4K0TAX1", invoiceCode: "4".repeat(40), invoiceNumber: "发票-0001" };
    expect(invoiceKey(long)).toBe(keccak256(abiEncodeThreeStrings([long.sellerTaxId, long.invoiceCode, long.invoiceNumber])));
  });

  it("trims every field and upper-cases the seller tax id before hashing", () => {
    const messy = { sellerTaxId: "  91420100ma4k0tax1\t", invoiceCode: " 4200211130 ", invoiceNumber: "00012345\n" };
    expect(normaliseInvoiceIdentity(messy)).toEqual(invoice);
    expect(invoiceKey(messy)).toBe(invoiceKey(invoice));
  });

  it("keeps leading zeros and the case of the invoice code and number: they are part of the identity", () => {
    expect(invoiceKey({ ...invoice, invoiceNumber: "12345" })).not.toBe(invoiceKey(invoice));
    expect(invoiceKey({ ...invoice, invoiceCode: "ab12" })).not.toBe(invoiceKey({ ...invoice, invoiceCode: "AB12" }));
  });

  it("keeps field boundaries: moving a character from one field to the next changes the key", () => {
    const a = invoiceKey({ sellerTaxId: "AB", invoiceCode: "C", invoiceNumber: "1" });
    const b = invoiceKey({ sellerTaxId: "A", invoiceCode: "BC", invoiceNumber: "1" });
    expect(a).not.toBe(b);
  });

  it("refuses a field that is empty after trimming", () => {
    expect(() => invoiceKey({ ...invoice, invoiceCode: "   " })).toThrow(InvoiceIdentityInvalidError);
    expect(() => invoiceKey({ ...invoice, sellerTaxId: "" })).toThrow("sellerTaxId must not be empty");
  });

  it("differs from the contract tests' fixture formula, which encodes the number as uint256", () => {
    // test/solidity/utils/SuiteFixture.sol and test/chain use abi.encode(string, string, uint256) for
    // made-up invoices; the platform's canonical key encodes the number as a string (leading zeros matter).
    const fixtureKey = keccak256(
      AbiCoder.defaultAbiCoder().encode(["string", "string", "uint256"], [invoice.sellerTaxId, invoice.invoiceCode, 12345n]),
    );
    expect(invoiceKey(invoice)).not.toBe(fixtureKey);
  });

  it("writes keys as lower-case 0x-prefixed 32-byte hex, which isInvoiceKey recognises", () => {
    const key = invoiceKey(invoice);
    expect(isInvoiceKey(key)).toBe(true);
    expect(isInvoiceKey(key.toUpperCase())).toBe(false);
    expect(isInvoiceKey(key.slice(0, 65))).toBe(false);
  });
});
