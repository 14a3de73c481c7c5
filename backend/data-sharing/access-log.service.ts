import { Injectable } from "@nestjs/common";
import { DataSource, type EntityManager, type SelectQueryBuilder } from "typeorm";
import { ChainProvider } from "../chain/chain-provider.js";
import { SuiteContracts } from "../chain/suite-contracts.js";
import { ConflictError, NotFoundError, ValidationError } from "../common/domain-error.js";
import { decodeCursor, pageLimit, toPage } from "../common/pagination.js";
import type { AuthenticatedOrganisation } from "../participants/authenticated-organisation.js";
import { Organisation } from "../participants/organisation.entity.js";
import { AccessLogBatch } from "./access-log-batch.entity.js";
import { AccessLogEntry } from "./access-log-entry.entity.js";
import { ACCESS_LOG_LEAF_FORMULA } from "./access-log-leaf.js";
import type { AccessLogEntryView, AccessLogFilter, AccessLogPage, AccessLogProofView, AccessLogQuery } from "./dto/access-log.dto.js";
import { merkleProof } from "./merkle-tree.js";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** An export bigger than this is refused: narrow it with the filters. */
export const MAX_EXPORT_ROWS = 50_000;

type EntryRow = AccessLogEntry & { accessorName: string; ownerName: string; chainBatchNumber: string | null; txHash: string | null };

/**
 * Reading the access log: an organisation sees the reads of its data and its own reads of others'; the
 * regulator sees all. Each entry's proof ties it to a root anchored on chain.
 */
@Injectable()
export class AccessLogService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly contracts: SuiteContracts,
    private readonly chain: ChainProvider,
  ) {}

  async list(caller: AuthenticatedOrganisation, query: AccessLogQuery): Promise<AccessLogPage> {
    const limit = pageLimit(query);
    const builder = this.visibleTo(caller, query);
    if (query.cursor !== undefined) {
      const [seq] = decodeCursor(query.cursor, 1);
      if (!/^\d+$/.test(String(seq))) throw new ValidationError("INVALID_CURSOR", "cursor is not one this API returned: pass nextCursor unchanged");
      builder.andWhere("entry.seq < :seq", { seq: String(seq) });
    }
    const rows = await this.rowsOf(builder.orderBy("entry.seq", "DESC").limit(limit + 1));
    const page = toPage(rows, limit, (row) => [row.seq]);
    return { items: page.items.map(entryView), nextCursor: page.nextCursor };
  }

  /** The same entries as `list`, all of them, as CSV (RFC 4180), newest first. */
  async exportCsv(caller: AuthenticatedOrganisation, filter: AccessLogFilter): Promise<string> {
    const builder = this.visibleTo(caller, filter).orderBy("entry.seq", "DESC").limit(MAX_EXPORT_ROWS + 1);
    const rows = await this.rowsOf(builder);
    if (rows.length > MAX_EXPORT_ROWS) {
      throw new ValidationError("EXPORT_TOO_LARGE", `more than ${MAX_EXPORT_ROWS} entries match: narrow the export with the filters`);
    }
    const header = [
      "entry_id", "accessed_at", "accessor_organisation_id", "accessor_name", "owner_organisation_id", "owner_name",
      "category", "resource", "purpose", "consent_id", "financing_request_id", "leaf_hash", "entry_number",
      "anchor_batch_number", "anchor_tx_hash",
    ];
    const lines = rows.map((row) =>
      [
        row.id, row.accessedAt.toISOString(), row.accessorOrganisationId, row.accessorName, row.ownerOrganisationId, row.ownerName,
        row.category, row.resource, row.purpose, row.consentId, row.financingRequestId, row.leafHash, row.entryNumber,
        row.chainBatchNumber, row.txHash,
      ].map(csvCell).join(","),
    );
    return [header.join(","), ...lines].join("\r\n") + "\r\n";
  }

  /** 409 ACCESS_LOG_ENTRY_NOT_ANCHORED until the entry's batch root is on chain (seconds, normally). */
  async proof(caller: AuthenticatedOrganisation, entryId: string): Promise<AccessLogProofView> {
    return this.dataSource.transaction("REPEATABLE READ", async (manager) => {
      const notFound = new NotFoundError("ACCESS_LOG_ENTRY_NOT_FOUND", `no access-log entry ${entryId} you may see`, { entryId });
      if (!UUID.test(entryId)) throw notFound;
      const [row] = await this.rowsOf(this.visibleTo(caller, {}, manager).andWhere("entry.id = :entryId", { entryId }));
      if (!row) throw notFound;
      const batch = row.batchId ? await manager.getRepository(AccessLogBatch).findOne({ where: { id: row.batchId } }) : null;
      if (!batch || batch.status !== "anchored") {
        throw new ConflictError("ACCESS_LOG_ENTRY_NOT_ANCHORED", "this entry's batch is not anchored on chain yet: retry in a few seconds", {
          entryId,
          batchStatus: batch?.status ?? "unbatched",
        });
      }
      // The tree is rebuilt from the leaves as they were batched, so an entry altered since no longer matches.
      const leaves = (await manager.query(`SELECT leaf_hash FROM access_log_entries WHERE batch_id = $1 ORDER BY entry_number`, [
        batch.id,
      ])) as Array<{ leaf_hash: string }>;
      const index = Number(BigInt(row.entryNumber!) - BigInt(batch.firstEntry));
      return {
        entry: entryView(row),
        accessedAtMillis: String(row.accessedAt.getTime()),
        leafFormula: ACCESS_LOG_LEAF_FORMULA,
        proof: merkleProof(
          leaves.map((leaf) => leaf.leaf_hash),
          index,
        ),
        batch: {
          batchNumber: batch.chainBatchNumber!,
          root: batch.root,
          firstEntry: batch.firstEntry,
          entryCount: batch.entryCount,
          txHash: batch.txHash!,
          blockNumber: batch.blockNumber!,
          anchoredAt: batch.anchoredAt!.toISOString(),
        },
        contract: { name: "DataSharingLedger", address: this.contracts.addresses.DataSharingLedger, chainId: this.chain.chainId.toString() },
      };
    });
  }

  private visibleTo(caller: AuthenticatedOrganisation, filter: AccessLogFilter, manager?: EntityManager): SelectQueryBuilder<AccessLogEntry> {
    const builder = (manager ?? this.dataSource.manager).getRepository(AccessLogEntry).createQueryBuilder("entry").where("true");
    if (!caller.roles.includes("regulator")) {
      builder.andWhere("(entry.ownerOrganisationId = :me OR entry.accessorOrganisationId = :me)", { me: caller.id });
    }
    if (filter.ownerId !== undefined) builder.andWhere("entry.ownerOrganisationId = :ownerId", { ownerId: filter.ownerId });
    if (filter.accessorId !== undefined) builder.andWhere("entry.accessorOrganisationId = :accessorId", { accessorId: filter.accessorId });
    if (filter.category !== undefined) builder.andWhere("entry.category = :category", { category: filter.category });
    return builder;
  }

  private async rowsOf(builder: SelectQueryBuilder<AccessLogEntry>): Promise<EntryRow[]> {
    const { entities, raw } = await builder
      .leftJoin(Organisation, "accessor", "accessor.id = entry.accessor_organisation_id")
      .leftJoin(Organisation, "owner", "owner.id = entry.owner_organisation_id")
      .leftJoin(AccessLogBatch, "batch", "batch.id = entry.batch_id AND batch.status = 'anchored'")
      .addSelect(["accessor.name", "owner.name", "batch.chain_batch_number", "batch.tx_hash"])
      .getRawAndEntities();
    return entities.map((entity, index) => ({
      ...entity,
      accessorName: raw[index].accessor_name,
      ownerName: raw[index].owner_name,
      chainBatchNumber: raw[index].batch_chain_batch_number ?? null,
      txHash: raw[index].batch_tx_hash ?? null,
    }));
  }
}

function entryView(row: EntryRow): AccessLogEntryView {
  return {
    id: row.id,
    accessedAt: row.accessedAt.toISOString(),
    accessorOrganisationId: row.accessorOrganisationId,
    accessorName: row.accessorName,
    ownerOrganisationId: row.ownerOrganisationId,
    ownerName: row.ownerName,
    category: row.category,
    resource: row.resource,
    purpose: row.purpose,
    consentId: row.consentId,
    financingRequestId: row.financingRequestId,
    leafHash: row.leafHash,
    anchor: { batchNumber: row.chainBatchNumber, entryNumber: row.entryNumber, txHash: row.txHash },
  };
}

/** Quotes every cell; a leading = + - @ is defused so a spreadsheet does not run it as a formula. */
function csvCell(value: string | number | null): string {
  if (value === null) return "";
  let text = String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return `"${text.replaceAll('"', '""')}"`;
}
