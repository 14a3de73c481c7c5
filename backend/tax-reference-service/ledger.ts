// The reference tax authority's own records: the invoices it has issued and what it knows about each
// taxpayer. Held in memory: the service is a stand-in for an external system, re-seeded on every start.
import { invoiceKey, normaliseInvoiceIdentity } from "../invoices/invoice-key.js";
import { addMonths, monthOf } from "./dates.js";

export type IssuedInvoiceStatus = "valid" | "voided" | "reversed";

export interface IssuedInvoice {
  key: string;
  sellerTaxId: string;
  buyerTaxId: string;
  invoiceCode: string;
  invoiceNumber: string;
  /** Minor units (fen). */
  amount: bigint;
  issueDate: string;
  status: IssuedInvoiceStatus;
  /** When it was voided or reversed (ISO timestamp), null while valid. */
  statusChangedAt: string | null;
}

export interface Enterprise {
  taxId: string;
  name: string;
  /** Tax periods ("YYYY-MM") whose return was filed late; every other period was filed on time. */
  lateFilingMonths: Set<string>;
  /** Minor units. */
  taxArrears: bigint;
}

export type VerificationMismatch = "AMOUNT_DIFFERS" | "ISSUE_DATE_DIFFERS" | "BUYER_DIFFERS";

export interface VerificationQuery {
  sellerTaxId: string;
  invoiceCode: string;
  invoiceNumber: string;
  amount: bigint;
  issueDate: string;
  buyerTaxId?: string;
}

export type VerificationResult =
  | { invoiceKey: string; found: false }
  | {
      invoiceKey: string;
      found: true;
      status: IssuedInvoiceStatus;
      statusChangedAt: string | null;
      attestedAmount: bigint;
      issueDate: string;
      buyerTaxId: string;
      mismatches: VerificationMismatch[];
    };

export interface MonthlyFiling {
  month: string;
  /** Sum of the month's invoices still valid (voided and red-letter reversed ones do not count), minor units. */
  sales: bigint;
  filedOnTime: boolean;
}

export interface EnterpriseSummary {
  taxId: string;
  name: string;
  /** The last 12 closed tax periods, oldest first; the current month is open and not reported. */
  months: MonthlyFiling[];
  taxArrears: bigint;
}

export class LedgerError extends Error {
  constructor(
    readonly code: "ENTERPRISE_ALREADY_REGISTERED" | "INVOICE_ALREADY_ISSUED" | "INVOICE_NOT_FOUND" | "INVOICE_STATUS_FINAL",
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = "LedgerError";
  }
}

export const SUMMARY_MONTHS = 12;

export class TaxLedger {
  private readonly enterprises = new Map<string, Enterprise>();
  private readonly invoices = new Map<string, IssuedInvoice>();
  private readonly invoicesBySeller = new Map<string, IssuedInvoice[]>();

  /** `asOf` ("YYYY-MM-DD") is the service's today: summaries report the 12 months before its month. */
  constructor(readonly asOf: string) {}

  registerEnterprise(enterprise: Enterprise): Enterprise {
    if (this.enterprises.has(enterprise.taxId)) {
      throw new LedgerError("ENTERPRISE_ALREADY_REGISTERED", `taxpayer ${enterprise.taxId} is already registered`, {
        taxId: enterprise.taxId,
      });
    }
    this.enterprises.set(enterprise.taxId, enterprise);
    return enterprise;
  }

  enterprise(taxId: string): Enterprise | undefined {
    return this.enterprises.get(taxId);
  }

  /** Records an issued invoice; its seller is registered with a clean record if the ledger did not know it. */
  issue(input: Omit<IssuedInvoice, "key">): IssuedInvoice {
    const invoice = { ...input, ...normaliseInvoiceIdentity(input), buyerTaxId: input.buyerTaxId.trim().toUpperCase() };
    const key = invoiceKey(invoice);
    const existing = this.invoices.get(key);
    if (existing) {
      throw new LedgerError(
        "INVOICE_ALREADY_ISSUED",
        `invoice ${invoice.invoiceCode}/${invoice.invoiceNumber} of ${invoice.sellerTaxId} was already issued`,
        { invoiceKey: key },
      );
    }
    if (!this.enterprises.has(invoice.sellerTaxId)) {
      this.registerEnterprise({
        taxId: invoice.sellerTaxId,
        name: invoice.sellerTaxId,
        lateFilingMonths: new Set(),
        taxArrears: 0n,
      });
    }
    const issued: IssuedInvoice = { key, ...invoice };
    this.invoices.set(key, issued);
    const ofSeller = this.invoicesBySeller.get(issued.sellerTaxId) ?? [];
    ofSeller.push(issued);
    this.invoicesBySeller.set(issued.sellerTaxId, ofSeller);
    return issued;
  }

  invoice(key: string): IssuedInvoice | undefined {
    return this.invoices.get(key);
  }

  invoicesOf(sellerTaxId: string): readonly IssuedInvoice[] {
    return this.invoicesBySeller.get(sellerTaxId) ?? [];
  }

  /**
   * Voids or reverses a valid invoice. Repeating the same change is a no-op (the admin API is retried by
   * tests and scripts); changing a voided invoice to reversed or back is refused, as a tax bureau would.
   */
  changeStatus(key: string, status: "voided" | "reversed", at: Date): IssuedInvoice {
    const invoice = this.invoices.get(key);
    if (!invoice) throw new LedgerError("INVOICE_NOT_FOUND", `no invoice with key ${key}`, { invoiceKey: key });
    if (invoice.status === status) return invoice;
    if (invoice.status !== "valid") {
      throw new LedgerError("INVOICE_STATUS_FINAL", `invoice ${key} is already ${invoice.status}`, {
        invoiceKey: key,
        status: invoice.status,
      });
    }
    invoice.status = status;
    invoice.statusChangedAt = at.toISOString();
    return invoice;
  }

  verify(query: VerificationQuery): VerificationResult {
    const key = invoiceKey(query);
    const invoice = this.invoices.get(key);
    if (!invoice) return { invoiceKey: key, found: false };
    const mismatches: VerificationMismatch[] = [];
    if (invoice.amount !== query.amount) mismatches.push("AMOUNT_DIFFERS");
    if (invoice.issueDate !== query.issueDate) mismatches.push("ISSUE_DATE_DIFFERS");
    if (query.buyerTaxId !== undefined && query.buyerTaxId.trim().toUpperCase() !== invoice.buyerTaxId) {
      mismatches.push("BUYER_DIFFERS");
    }
    return {
      invoiceKey: key,
      found: true,
      status: invoice.status,
      statusChangedAt: invoice.statusChangedAt,
      attestedAmount: invoice.amount,
      issueDate: invoice.issueDate,
      buyerTaxId: invoice.buyerTaxId,
      mismatches,
    };
  }

  summary(taxId: string): EnterpriseSummary | undefined {
    const enterprise = this.enterprises.get(taxId);
    if (!enterprise) return undefined;
    const currentMonth = monthOf(this.asOf);
    const months: MonthlyFiling[] = [];
    const salesByMonth = new Map<string, bigint>();
    for (let offset = -SUMMARY_MONTHS; offset < 0; offset++) salesByMonth.set(addMonths(currentMonth, offset), 0n);
    for (const invoice of this.invoicesOf(taxId)) {
      const month = monthOf(invoice.issueDate);
      const sales = salesByMonth.get(month);
      if (sales !== undefined && invoice.status === "valid") salesByMonth.set(month, sales + invoice.amount);
    }
    for (const [month, sales] of salesByMonth) {
      months.push({ month, sales, filedOnTime: !enterprise.lateFilingMonths.has(month) });
    }
    return { taxId, name: enterprise.name, months, taxArrears: enterprise.taxArrears };
  }
}
