import { describe, expect, it } from "@jest/globals";
import { foldInvoiceEvents } from "../../../../backend/receivables/invoice-facts.js";

const key = `0x${"CD".repeat(32)}`;
const registered = {
  name: "InvoiceRegistered",
  args: { invoiceKey: key, sellerOrganisation: "0x0123456789abcdef0123456789abcdef", debtorOrganisation: "0xfedcba9876543210fedcba9876543210" },
};

describe("foldInvoiceEvents", () => {
  it("follows an invoice from registration through attestation to the voucher it backs", () => {
    expect(foldInvoiceEvents([registered])).toEqual({
      invoiceKey: key.toLowerCase(),
      sellerOrganisationId: "01234567-89ab-cdef-0123-456789abcdef",
      debtorOrganisationId: "fedcba98-7654-3210-fedc-ba9876543210",
      status: "registered",
      attestedAmount: null,
      voucherId: null,
    });
    const consumed = foldInvoiceEvents([
      registered,
      { name: "InvoiceAttested", args: { invoiceKey: key, status: "2", amount: "5000" } },
      { name: "InvoiceConsumed", args: { invoiceKey: key, voucherId: "12" } },
    ]);
    expect(consumed).toMatchObject({ status: "valid", attestedAmount: "5000", voucherId: "12" });
    expect(foldInvoiceEvents([registered, { name: "InvoiceAttested", args: { invoiceKey: key, status: "4", amount: "0" } }])!.status).toBe(
      "reversed",
    );
  });

  it("knows nothing of an invoice whose registration it has not seen", () => {
    expect(foldInvoiceEvents([{ name: "InvoiceAttested", args: { invoiceKey: key, status: "2", amount: "1" } }])).toBeUndefined();
  });
});
