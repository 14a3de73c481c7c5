import { Injectable } from "@nestjs/common";
import { InjectRepository } from "@nestjs/typeorm";
import { DataSource, type EntityManager, type Repository } from "typeorm";
import { ChainGateway } from "../chain/chain-gateway.service.js";
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from "../common/domain-error.js";
import { decodeCursor, type Page, pageLimit, toPage } from "../common/pagination.js";
import type { AuthenticatedOrganisation } from "../participants/authenticated-organisation.js";
import { ParticipantsDirectory } from "../participants/participants-directory.service.js";
import { InvoiceCandidates, type Seller } from "./invoice-candidates.service.js";
import { type InvoiceDraft, type InvoiceProblem, parseInvoiceFields, type RawInvoiceFields } from "./invoice-fields.js";
import { invoiceKey } from "./invoice-key.js";
import { InvoiceRegistrar } from "./invoice-registrar.service.js";
import { Invoice, type InvoiceStatus } from "./invoice.entity.js";

export interface InvoiceListQuery {
  status?: InvoiceStatus;
  limit?: number;
  cursor?: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** One invoice at a time (POST /v1/invoices), and what each party may read. */
@Injectable()
export class InvoicesService {
  constructor(
    private readonly dataSource: DataSource,
    @InjectRepository(Invoice) private readonly invoices: Repository<Invoice>,
    private readonly directory: ParticipantsDirectory,
    private readonly candidates: InvoiceCandidates,
    private readonly registrar: InvoiceRegistrar,
    private readonly chainGateway: ChainGateway,
  ) {}

  /**
   * Registers one invoice. With an idempotency key, a repeated request gets the invoice the first one
   * created (a key reused for a different invoice is refused), so a client may retry after a timeout.
   */
  async create(caller: AuthenticatedOrganisation, fields: RawInvoiceFields, idempotencyKey: string | undefined): Promise<Invoice> {
    const parsed = parseInvoiceFields(fields);
    if (!parsed.ok) throw problemError(parsed.problem);
    const { draft } = parsed;
    if (idempotencyKey !== undefined) {
      const earlier = await this.replay(caller.id, idempotencyKey, draft);
      if (earlier) return earlier;
    }
    const seller = await this.sellerOf(caller);
    const key = invoiceKey(draft);

    const created = await this.dataSource.transaction(async (manager) => {
      const [check] = await this.candidates.check(manager, seller, [draft]);
      if (!check!.ok) throw problemError(check!.problem);
      const written = await this.registrar.record(manager, seller, [
        { draft, invoiceKey: key, debtorOrganisationId: check!.debtorOrganisationId, idempotencyKey: idempotencyKey ?? null },
      ]);
      return written.get(key);
    });
    if (created === undefined) {
      // A concurrent request with the same idempotency key may have won the race.
      const earlier = idempotencyKey === undefined ? null : await this.replay(caller.id, idempotencyKey, draft);
      if (earlier) return earlier;
      throw new ConflictError("INVOICE_ALREADY_REGISTERED", "this invoice (same seller tax id, code and number) is already registered", {
        invoiceKey: key,
      });
    }
    await this.chainGateway.wake([seller.chainAddress]);
    return this.invoices.findOneByOrFail({ id: created });
  }

  /** The caller's invoices as seller and as debtor, newest last, optionally of one status. */
  async list(caller: AuthenticatedOrganisation, query: InvoiceListQuery): Promise<Page<Invoice>> {
    return this.listOf(caller.id, query);
  }

  /**
   * The invoices one organisation sells or owes, for whoever may read them: itself (list), or another party
   * through the data-sharing module, which checks its consent and reads inside its own transaction (`manager`).
   */
  async listOf(organisationId: string, query: InvoiceListQuery, manager?: EntityManager): Promise<Page<Invoice>> {
    const limit = pageLimit(query);
    const builder = (manager ? manager.getRepository(Invoice) : this.invoices)
      .createQueryBuilder("invoice")
      .where("(invoice.sellerOrganisationId = :me OR invoice.debtorOrganisationId = :me)", { me: organisationId });
    if (query.status !== undefined) builder.andWhere("invoice.status = :status", { status: query.status });
    if (query.cursor !== undefined) {
      const [createdAt, id] = decodeCursor(query.cursor, 2);
      builder.andWhere("(invoice.createdAt, invoice.id) > (:createdAt, :id)", { createdAt, id });
    }
    const rows = await builder.orderBy("invoice.createdAt", "ASC").addOrderBy("invoice.id", "ASC").limit(limit + 1).getMany();
    return toPage(rows, limit, (row) => [row.createdAt.toISOString(), row.id]);
  }

  /** One invoice, if the caller sells or owes it; 404 otherwise, so nobody learns what others have. */
  async get(caller: AuthenticatedOrganisation, id: string): Promise<Invoice> {
    const invoice = UUID.test(id)
      ? await this.invoices
          .createQueryBuilder("invoice")
          .where("invoice.id = :id", { id })
          .andWhere("(invoice.sellerOrganisationId = :me OR invoice.debtorOrganisationId = :me)", { me: caller.id })
          .getOne()
      : null;
    if (!invoice) throw new NotFoundError("INVOICE_NOT_FOUND", `no invoice ${id} of yours`, { id });
    return invoice;
  }

  private async replay(sellerId: string, idempotencyKey: string, draft: InvoiceDraft): Promise<Invoice | null> {
    const earlier = await this.invoices.findOneBy({ sellerOrganisationId: sellerId, idempotencyKey });
    if (earlier && !sameInvoice(earlier, draft)) {
      throw new ConflictError("IDEMPOTENCY_KEY_REUSED", "this Idempotency-Key was used for a different invoice", {
        idempotencyKey,
        invoiceId: earlier.id,
      });
    }
    return earlier;
  }

  private async sellerOf(caller: AuthenticatedOrganisation): Promise<Seller> {
    const organisation = await this.directory.findById(caller.id);
    return { id: caller.id, taxId: organisation?.taxId ?? null, chainAddress: caller.chainAddress };
  }
}

function sameInvoice(invoice: Invoice, draft: InvoiceDraft): boolean {
  return (
    invoice.sellerTaxId === draft.sellerTaxId &&
    invoice.buyerTaxId === draft.buyerTaxId &&
    invoice.invoiceCode === draft.invoiceCode &&
    invoice.invoiceNumber === draft.invoiceNumber &&
    BigInt(invoice.amount) === draft.amount &&
    invoice.issueDate === draft.issueDate &&
    invoice.dueDate === draft.dueDate
  );
}

function problemError(problem: InvoiceProblem): Error {
  const details = problem.field === null ? {} : { field: problem.field };
  return problem.code === "SELLER_TAX_ID_MISMATCH"
    ? new ForbiddenError(problem.code, problem.message, details)
    : new ValidationError(problem.code, problem.message, details);
}
