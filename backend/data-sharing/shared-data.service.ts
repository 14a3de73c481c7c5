import { Inject, Injectable } from "@nestjs/common";
import { ConflictError, NotFoundError } from "../common/domain-error.js";
import { InvoiceView } from "../invoices/dto/invoice.view.js";
import { InvoicesService } from "../invoices/invoices.service.js";
import type { AuthenticatedOrganisation } from "../participants/authenticated-organisation.js";
import { VoucherQueries } from "../receivables/voucher-queries.service.js";
import { TAX_AUTHORITY, type TaxAuthorityAdapter } from "../tax/tax-authority.adapter.js";
import { TaxAuthorityError } from "../tax/tax-authority.errors.js";
import type { SharedInvoicePage, SharedInvoicesQuery, SharedReadQuery, SharedTaxSummaryView, SharedVoucherPage, SharedVouchersQuery } from "./dto/shared-data.dto.js";
import { SharedDataAccess } from "./shared-data-access.service.js";
import { SHARED_DATA_ENDPOINTS } from "./shared-data-endpoints.js";

/**
 * What each shared-data endpoint serves, read through SharedDataAccess with the modules that own the data:
 * invoices from the invoices service, voucher history from the receivables queries, the tax summary from
 * the tax authority.
 */
@Injectable()
export class SharedDataService {
  constructor(
    private readonly access: SharedDataAccess,
    private readonly invoices: InvoicesService,
    private readonly vouchers: VoucherQueries,
    @Inject(TAX_AUTHORITY) private readonly taxAuthority: TaxAuthorityAdapter,
  ) {}

  async invoicesOf(caller: AuthenticatedOrganisation, ownerId: string, query: SharedInvoicesQuery): Promise<SharedInvoicePage> {
    const read = await this.access.read(caller, { ownerId, endpoint: SHARED_DATA_ENDPOINTS.invoices, ...grounds(query) }, (manager, owner) =>
      this.invoices.listOf(owner.id, { status: query.status, limit: query.limit, cursor: query.cursor }, manager),
    );
    return {
      accessLogEntryId: read.accessLogEntryId,
      ownerOrganisationId: ownerId,
      items: read.data.items.map(InvoiceView.of),
      nextCursor: read.data.nextCursor,
    };
  }

  async vouchersOf(caller: AuthenticatedOrganisation, ownerId: string, query: SharedVouchersQuery): Promise<SharedVoucherPage> {
    const read = await this.access.read(caller, { ownerId, endpoint: SHARED_DATA_ENDPOINTS.vouchers, ...grounds(query) }, (manager, owner) =>
      this.vouchers.historyOf(manager, owner.id, { limit: query.limit, cursor: query.cursor }),
    );
    return { accessLogEntryId: read.accessLogEntryId, ownerOrganisationId: ownerId, ...read.data };
  }

  /** Asked of the tax authority at read time, so the answer is current and carries its signature. */
  async taxSummaryOf(caller: AuthenticatedOrganisation, ownerId: string, query: SharedReadQuery): Promise<SharedTaxSummaryView> {
    const read = await this.access.read(caller, { ownerId, endpoint: SHARED_DATA_ENDPOINTS.taxSummary, ...grounds(query) }, async (_manager, owner) => {
      if (owner.taxId === null) {
        throw new NotFoundError("TAX_SUMMARY_NOT_FOUND", `${owner.id} has no tax id, so the tax authority has no summary of it`, { ownerId });
      }
      let answer: Awaited<ReturnType<TaxAuthorityAdapter["enterpriseSummary"]>>;
      try {
        answer = await this.taxAuthority.enterpriseSummary(owner.taxId);
      } catch (error) {
        // Nothing was read, so nothing is logged; the client may retry.
        if (error instanceof TaxAuthorityError) throw new ConflictError(error.code, error.message, error.details ?? {});
        throw error;
      }
      if (answer === null) {
        throw new NotFoundError("TAX_SUMMARY_NOT_FOUND", `the tax authority knows no taxpayer ${owner.taxId}`, { ownerId, taxId: owner.taxId });
      }
      return answer;
    });
    const { summary, evidence } = read.data;
    return {
      accessLogEntryId: read.accessLogEntryId,
      ownerOrganisationId: ownerId,
      summary: {
        taxId: summary.taxId,
        name: summary.name,
        months: summary.months.map((month) => ({ month: month.month, sales: month.sales.toString(), filedOnTime: month.filedOnTime })),
        taxArrears: summary.taxArrears.toString(),
      },
      evidence: { body: evidence.body, signature: evidence.signature, keyId: evidence.keyId, issuedAt: evidence.issuedAt.toISOString() },
    };
  }
}

function grounds(query: SharedReadQuery): { consentId?: string; purpose?: string; financingRequestId?: string } {
  return { consentId: query.consentId, purpose: query.purpose, financingRequestId: query.financingRequestId };
}
