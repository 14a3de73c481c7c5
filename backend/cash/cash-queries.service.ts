import { Injectable } from "@nestjs/common";
import { DataSource, type EntityManager } from "typeorm";
import { ChainIndexer } from "../chain/chain-indexer.service.js";
import { ValidationError } from "../common/domain-error.js";
import { type PageQuery, decodeCursor, pageLimit, toPage } from "../common/pagination.js";
import type { AuthenticatedOrganisation } from "../participants/authenticated-organisation.js";
import { CASH_OUTFLOW_KINDS } from "./cash-funds.js";
import type { CashBalanceView, CashMovementPage, CashMovementView } from "./dto/cash-views.dto.js";

interface MovementRow {
  block_number: string;
  log_index: number;
  tx_hash: string;
  kind: CashMovementView["kind"];
  from_address: string | null;
  to_address: string | null;
  from_organisation_id: string | null;
  to_organisation_id: string | null;
  amount: string;
  occurred_at: Date;
}

/**
 * The caller's cash, from the tables the cash projector fills. Each read takes one snapshot, so the balance
 * and the block it is "as of" (the indexer's cursor) belong together.
 */
@Injectable()
export class CashQueries {
  constructor(
    private readonly dataSource: DataSource,
    private readonly indexer: ChainIndexer,
  ) {}

  balance(organisation: AuthenticatedOrganisation): Promise<CashBalanceView> {
    return this.inOneSnapshot(async (manager) => {
      const [row]: Array<{ balance: string; pending: string }> = await manager.query(
        `SELECT (SELECT coalesce(sum(balance), 0) FROM cash_accounts WHERE organisation_id = $1)::text AS balance,
                (SELECT coalesce(sum((payload ->> 'amount')::numeric), 0) FROM chain_operations
                  WHERE signer_address = $2 AND status IN ('pending', 'sent') AND kind = ANY ($3))::text AS pending`,
        [organisation.id, organisation.chainAddress, CASH_OUTFLOW_KINDS],
      );
      const [cursor]: Array<{ last_indexed_block: string }> = await manager.query(`SELECT last_indexed_block FROM chain_cursors WHERE name = 'suite'`);
      return {
        organisationId: organisation.id,
        balance: row!.balance,
        pendingOutflows: row!.pending,
        asOfBlock: cursor ? Number(cursor.last_indexed_block) : await this.indexer.lastIndexedBlock(),
      };
    });
  }

  /** Movements into and out of the caller's accounts, newest first. */
  movements(organisation: AuthenticatedOrganisation, query: PageQuery): Promise<CashMovementPage> {
    const limit = pageLimit(query);
    const after = query.cursor === undefined ? undefined : decodeCursor(query.cursor, 2);
    if (after !== undefined && !after.every((value) => Number.isSafeInteger(value) && Number(value) >= 0)) {
      throw new ValidationError("INVALID_CURSOR", "cursor is not one this API returned: pass nextCursor unchanged", { cursor: query.cursor });
    }
    return this.inOneSnapshot(async (manager) => {
      const rows: MovementRow[] = await manager.query(
        `SELECT * FROM cash_movements
          WHERE (from_organisation_id = $1 OR to_organisation_id = $1)
            AND ($2::bigint IS NULL OR (block_number, log_index) < ($2::bigint, $3::integer))
          ORDER BY block_number DESC, log_index DESC
          LIMIT $4`,
        [organisation.id, after?.[0] ?? null, after?.[1] ?? null, limit + 1],
      );
      const page = toPage(rows, limit, (row) => [Number(row.block_number), row.log_index]);
      return { items: page.items.map((row) => movementView(row, organisation.id)), nextCursor: page.nextCursor };
    });
  }

  private inOneSnapshot<T>(read: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction("REPEATABLE READ", async (manager) => {
      await manager.query("SET TRANSACTION READ ONLY");
      return read(manager);
    });
  }
}

function movementView(row: MovementRow, organisationId: string): CashMovementView {
  return {
    kind: row.kind,
    direction: row.from_organisation_id === organisationId && row.to_organisation_id !== organisationId ? "out" : "in",
    amount: row.amount,
    fromAddress: row.from_address,
    fromOrganisationId: row.from_organisation_id,
    toAddress: row.to_address,
    toOrganisationId: row.to_organisation_id,
    txHash: row.tx_hash,
    blockNumber: Number(row.block_number),
    logIndex: row.log_index,
    occurredAt: row.occurred_at.toISOString(),
  };
}
