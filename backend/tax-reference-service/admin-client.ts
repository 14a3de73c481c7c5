// A client of the reference service's admin endpoints, for the platform's tests and demo scripts: put
// invoices on the tax authority's books and void or reverse them, as a real bureau's own systems would.
// Not part of the platform: the platform only reads the authority through TaxAuthorityAdapter.

export interface AdminInvoice {
  key: string;
  sellerTaxId: string;
  buyerTaxId: string;
  invoiceCode: string;
  invoiceNumber: string;
  /** Minor units. */
  amount: string;
  issueDate: string;
  status: "valid" | "voided" | "reversed";
  statusChangedAt: string | null;
}

export interface IssueInvoiceInput {
  sellerTaxId: string;
  buyerTaxId: string;
  invoiceCode: string;
  invoiceNumber: string;
  amount: bigint;
  issueDate: string;
  status?: "valid" | "voided" | "reversed";
}

export interface RegisterEnterpriseInput {
  taxId: string;
  name: string;
  lateFilingMonths?: string[];
  taxArrears?: bigint;
}

export class TaxReferenceAdminError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = "TaxReferenceAdminError";
  }
}

export class TaxReferenceAdminClient {
  private readonly baseUrl: string;

  constructor(
    baseUrl: string,
    private readonly adminToken: string,
  ) {
    this.baseUrl = baseUrl.replace(/\/+$/, "");
  }

  async registerEnterprise(input: RegisterEnterpriseInput): Promise<void> {
    await this.call("POST", "/admin/enterprises", { ...input, taxArrears: input.taxArrears?.toString() });
  }

  async issueInvoice(input: IssueInvoiceInput): Promise<AdminInvoice> {
    const body = await this.call("POST", "/admin/invoices", { ...input, amount: input.amount.toString() });
    return body.invoice as AdminInvoice;
  }

  async voidInvoice(invoiceKey: string): Promise<AdminInvoice> {
    return (await this.call("POST", `/admin/invoices/${invoiceKey}/void`)).invoice as AdminInvoice;
  }

  async reverseInvoice(invoiceKey: string): Promise<AdminInvoice> {
    return (await this.call("POST", `/admin/invoices/${invoiceKey}/reverse`)).invoice as AdminInvoice;
  }

  async invoice(invoiceKey: string): Promise<AdminInvoice> {
    return (await this.call("GET", `/admin/invoices/${invoiceKey}`)).invoice as AdminInvoice;
  }

  async invoicesOf(sellerTaxId: string): Promise<AdminInvoice[]> {
    return (await this.call("GET", `/admin/invoices?sellerTaxId=${encodeURIComponent(sellerTaxId)}`)).invoices as AdminInvoice[];
  }

  private async call(method: string, path: string, body?: unknown): Promise<Record<string, unknown>> {
    const response = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${this.adminToken}`,
        ...(body === undefined ? {} : { "content-type": "application/json" }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(10_000),
    });
    const json = (await response.json()) as Record<string, unknown>;
    if (!response.ok) {
      const error = json.error as { code: string; message: string };
      throw new TaxReferenceAdminError(response.status, error.code, `${method} ${path}: ${error.code}: ${error.message}`);
    }
    return json;
  }
}
