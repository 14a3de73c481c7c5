import { Injectable, Logger } from "@nestjs/common";
import { DataSource, type EntityManager } from "typeorm";
import type { QueryDeepPartialEntity } from "typeorm/query-builder/QueryPartialEntity.js";
import { ChainGateway } from "../chain/chain-gateway.service.js";
import { ParticipantsDirectory } from "../participants/participants-directory.service.js";
import { InvoiceCandidates, type Seller } from "./invoice-candidates.service.js";
import { type DraftResult, type InvoiceDraft, type InvoiceProblem, parseInvoiceFields } from "./invoice-fields.js";
import { invoiceKey } from "./invoice-key.js";
import { InvoiceRegistrar, type InvoiceToRecord } from "./invoice-registrar.service.js";
import type { UploadItem } from "./upload-items.js";
import { UploadRow } from "./upload-row.entity.js";
import { Upload } from "./upload.entity.js";

/** Rows per database transaction: small enough to keep locks short, large enough to batch chain writes. */
export const UPLOAD_CHUNK_ROWS = 500;

type RowResult = { rowNumber: number; invoiceId: string } | { rowNumber: number; problem: InvoiceProblem };

/**
 * Processes an upload's rows in chunks. Each chunk commits its invoices, their chain operations, its rows'
 * results and the upload's counters together, so a job that dies resumes after the last committed chunk and
 * never processes a row twice.
 */
@Injectable()
export class InvoiceUploadRunner {
  private readonly logger = new Logger(InvoiceUploadRunner.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly directory: ParticipantsDirectory,
    private readonly candidates: InvoiceCandidates,
    private readonly registrar: InvoiceRegistrar,
    private readonly chainGateway: ChainGateway,
  ) {}

  /** Runs the upload to the end; `onProgress` hears processed rows after each chunk. */
  async run(uploadId: string, onProgress: (processed: number, total: number) => Promise<void> = async () => undefined): Promise<void> {
    const upload = await this.dataSource
      .getRepository(Upload)
      .createQueryBuilder("upload")
      .addSelect("upload.items")
      .where("upload.id = :uploadId", { uploadId })
      .getOne();
    if (!upload || upload.status !== "running") return;
    const items = upload.items ?? [];
    const organisation = await this.directory.findById(upload.organisationId);
    const seller: Seller = {
      id: upload.organisationId,
      taxId: organisation?.taxId ?? null,
      chainAddress: organisation?.chainAddress ?? "",
    };
    const drafts = items.map(parseItem);
    const firstRowOfKey = firstOccurrences(drafts);

    for (let start = upload.processedRows; start < items.length; start += UPLOAD_CHUNK_ROWS) {
      const end = Math.min(start + UPLOAD_CHUNK_ROWS, items.length);
      const accepted = await this.dataSource.transaction((manager) =>
        this.processChunk(manager, uploadId, seller, drafts, firstRowOfKey, start, end),
      );
      if (accepted === null) break; // another run got there first
      if (accepted > 0) await this.chainGateway.wake([seller.chainAddress]);
      await onProgress(end, items.length);
    }
    await this.dataSource.getRepository(Upload).update(
      { id: uploadId, status: "running" },
      { status: "done", completedAt: new Date(), items: null },
    );
  }

  async markFailed(uploadId: string, reason: string): Promise<void> {
    this.logger.error(`upload ${uploadId} failed: ${reason}`);
    await this.dataSource
      .getRepository(Upload)
      .update({ id: uploadId, status: "running" }, { status: "failed", errorMessage: reason, completedAt: new Date(), items: null });
  }

  /** Returns how many rows were accepted, or null when the chunk was already processed. */
  private async processChunk(
    manager: EntityManager,
    uploadId: string,
    seller: Seller,
    drafts: readonly KeyedDraft[],
    firstRowOfKey: ReadonlyMap<string, number>,
    start: number,
    end: number,
  ): Promise<number | null> {
    const locked = await manager.getRepository(Upload).findOne({ where: { id: uploadId }, lock: { mode: "pessimistic_write" } });
    if (!locked || locked.status !== "running" || locked.processedRows !== start) return null;

    const results: RowResult[] = [];
    const wellFormed: Array<{ rowNumber: number; draft: InvoiceDraft; key: string }> = [];
    for (let index = start; index < end; index++) {
      const rowNumber = index + 1;
      const parsed = drafts[index]!;
      if (!parsed.ok) {
        results.push({ rowNumber, problem: parsed.problem });
      } else if (firstRowOfKey.get(parsed.key)! !== rowNumber) {
        const first = firstRowOfKey.get(parsed.key)!;
        results.push({
          rowNumber,
          problem: { field: null, code: "DUPLICATE_IN_FILE", message: `the same invoice (seller, code and number) is on row ${first}` },
        });
      } else {
        wellFormed.push({ rowNumber, draft: parsed.draft, key: parsed.key });
      }
    }

    const checks = await this.candidates.check(manager, seller, wellFormed.map(({ draft }) => draft));
    const toRecord: Array<InvoiceToRecord & { rowNumber: number }> = [];
    wellFormed.forEach(({ rowNumber, draft, key }, index) => {
      const check = checks[index]!;
      if (check.ok) toRecord.push({ rowNumber, draft, invoiceKey: key, debtorOrganisationId: check.debtorOrganisationId, uploadId });
      else results.push({ rowNumber, problem: check.problem });
    });
    const written = await this.registrar.record(manager, seller, toRecord);
    for (const { rowNumber, invoiceKey: key } of toRecord) {
      const invoiceId = written.get(key);
      results.push(
        invoiceId !== undefined
          ? { rowNumber, invoiceId }
          : {
              rowNumber,
              problem: { field: null, code: "INVOICE_ALREADY_REGISTERED", message: "this invoice (seller, code and number) is already registered" },
            },
      );
    }

    await manager
      .createQueryBuilder()
      .insert()
      .into(UploadRow)
      .values(results.map((result) => ({ uploadId, ...toUploadRow(result) })) as QueryDeepPartialEntity<UploadRow>[])
      .orIgnore()
      .execute();
    const acceptedCount = written.size;
    await manager.getRepository(Upload).update(
      { id: uploadId },
      {
        processedRows: end,
        acceptedRows: locked.acceptedRows + acceptedCount,
        rejectedRows: locked.rejectedRows + (end - start - acceptedCount),
      },
    );
    return acceptedCount;
  }
}

type KeyedDraft = (DraftResult & { ok: false }) | { ok: true; draft: InvoiceDraft; key: string };

function parseItem(item: UploadItem): KeyedDraft {
  if ("problem" in item) return { ok: false, problem: item.problem };
  const parsed = parseInvoiceFields(item.fields);
  return parsed.ok ? { ok: true, draft: parsed.draft, key: invoiceKey(parsed.draft) } : parsed;
}

/** The row number where each invoice key first appears: later rows with the key are duplicates in the file. */
function firstOccurrences(drafts: readonly KeyedDraft[]): Map<string, number> {
  const first = new Map<string, number>();
  drafts.forEach((parsed, index) => {
    if (parsed.ok && !first.has(parsed.key)) first.set(parsed.key, index + 1);
  });
  return first;
}

function toUploadRow(result: RowResult): Partial<UploadRow> {
  return "invoiceId" in result
    ? { rowNumber: result.rowNumber, status: "accepted", invoiceId: result.invoiceId }
    : {
        rowNumber: result.rowNumber,
        status: "rejected",
        field: result.problem.field,
        reasonCode: result.problem.code,
        message: result.problem.message,
      };
}
