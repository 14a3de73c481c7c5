// What the platform needs from a tax authority, whoever runs it: attest invoices and report on taxpayers.
// The platform depends on this interface only (injected under TAX_AUTHORITY); HttpTaxAuthorityAdapter talks
// to the reference tax service or to any authority that speaks the same signed protocol.

/** Injection token of the TaxAuthorityAdapter. */
export const TAX_AUTHORITY = Symbol("TAX_AUTHORITY");

/** Most invoices one verifyInvoices call accepts; callers split larger uploads into batches. */
export const MAX_VERIFY_BATCH = 1000;

export interface InvoiceToVerify {
  sellerTaxId: string;
  invoiceCode: string;
  invoiceNumber: string;
  /** Minor units, as the supplier declared it. */
  amount: bigint;
  /** YYYY-MM-DD, as the supplier declared it. */
  issueDate: string;
  /** When given, the authority also reports BUYER_DIFFERS if the invoice was issued to someone else. */
  buyerTaxId?: string;
}

export type TaxInvoiceStatus = "valid" | "voided" | "reversed";

/** Where the declared invoice and the authority's record disagree. */
export type InvoiceMismatch = "AMOUNT_DIFFERS" | "ISSUE_DATE_DIFFERS" | "BUYER_DIFFERS";

export type InvoiceVerification =
  | { invoiceKey: string; found: false }
  | {
      invoiceKey: string;
      found: true;
      status: TaxInvoiceStatus;
      /** When it was voided or reversed; null while valid. */
      statusChangedAt: Date | null;
      /** The amount on the authority's record, minor units. */
      attestedAmount: bigint;
      issueDate: string;
      buyerTaxId: string;
      mismatches: InvoiceMismatch[];
    };

/**
 * The signed response an answer came from: keep it with whatever is decided on the answer, so anyone holding
 * the authority's public key can check later what the authority said, and when.
 */
export interface SignedEvidence {
  /** The exact response body (UTF-8 JSON); the signature covers these bytes. */
  body: string;
  /** Base64 Ed25519 signature. */
  signature: string;
  keyId: string;
  /** The request id the platform sent, echoed inside the signed body. */
  requestId: string;
  /** The authority's own timestamp from the signed body. */
  issuedAt: Date;
}

export interface InvoiceVerificationBatch {
  /** One result per requested invoice, in request order. */
  results: InvoiceVerification[];
  evidence: SignedEvidence;
}

export interface MonthlyTaxRecord {
  /** YYYY-MM. */
  month: string;
  /** Sales on the month's valid invoices, minor units. */
  sales: bigint;
  filedOnTime: boolean;
}

export interface EnterpriseTaxSummary {
  taxId: string;
  name: string;
  /** The last 12 closed tax periods, oldest first. */
  months: MonthlyTaxRecord[];
  /** Minor units. */
  taxArrears: bigint;
}

export interface TaxAuthorityAdapter {
  /** Checks up to MAX_VERIFY_BATCH invoices against the authority's records. */
  verifyInvoices(items: readonly InvoiceToVerify[]): Promise<InvoiceVerificationBatch>;
  /** The taxpayer's last 12 months, or null when the authority does not know the tax id. */
  enterpriseSummary(taxId: string): Promise<{ summary: EnterpriseTaxSummary; evidence: SignedEvidence } | null>;
}
