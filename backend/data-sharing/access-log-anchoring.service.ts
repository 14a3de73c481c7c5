import { randomUUID } from "node:crypto";
import { Inject, Injectable, Logger, type OnModuleInit } from "@nestjs/common";
import { DataSource, type EntityManager, In } from "typeorm";
import { ChainGateway } from "../chain/chain-gateway.service.js";
import { ChainOutcomes } from "../chain/chain-outcomes.js";
import { ChainProjectors } from "../chain/chain-projectors.js";
import { APP_CONFIG, type AppConfig } from "../config/config.js";
import { OrganisationSigningKeys } from "../participants/organisation-signing-keys.service.js";
import { AccessLogBatch } from "./access-log-batch.entity.js";
import { AccessLogEntry } from "./access-log-entry.entity.js";
import { merkleRoot } from "./merkle-tree.js";

/** Serializes batching across processes: entry numbers must be handed out by one batcher at a time. */
const BATCHING_LOCK = 0x6163636c; // "accl"

/**
 * Puts access-log entries on chain: numbers the entries not yet in a batch (in insertion order, continuing
 * from the last batch), builds the Merkle tree of their leaves, and records its root through the chain
 * gateway, signed by the platform operator, all in one database transaction. The indexer then marks the
 * batch anchored from the contract's AccessLogAnchored event.
 *
 * Numbering at batching time, not at insertion, keeps the numbers gapless: an entry whose read commits late
 * simply goes in the next batch.
 */
@Injectable()
export class AccessLogAnchoring implements OnModuleInit {
  private readonly logger = new Logger(AccessLogAnchoring.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly chainGateway: ChainGateway,
    private readonly projectors: ChainProjectors,
    private readonly outcomes: ChainOutcomes,
    private readonly signingKeys: OrganisationSigningKeys,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    this.projectors.on("AccessLogAnchored", async (manager, event) => {
      await manager.getRepository(AccessLogBatch).update(
        { root: String(event.args.root).toLowerCase() },
        {
          status: "anchored",
          chainBatchNumber: String(event.args.batchNumber),
          txHash: event.txHash,
          blockNumber: String(event.blockNumber),
          anchoredAt: event.blockTimestamp,
          errorCode: null,
        },
      );
    });
    this.outcomes.onFailure("access-log.anchor", async (manager, operations) => {
      for (const operation of operations) {
        await manager
          .getRepository(AccessLogBatch)
          .update({ root: String(operation.payload.root), status: "anchoring" }, { status: "failed", errorCode: operation.errorCode });
      }
    });
  }

  /** One round: retries failed batches, then batches what is waiting. Returns the number of batches recorded. */
  async anchorPending(): Promise<number> {
    const recorded = await this.dataSource.transaction(async (manager) => {
      await manager.query(`SELECT pg_advisory_xact_lock($1)`, [BATCHING_LOCK]);
      let count = await this.retryFailed(manager);
      for (;;) {
        const batch = await this.batchWaiting(manager);
        if (!batch) break;
        count += 1;
        if (batch.entryCount < this.config.accessLogBatchMaxEntries) break;
      }
      return count;
    });
    if (recorded > 0) {
      await this.chainGateway.wake([this.signingKeys.operatorAddress]);
      this.logger.debug(`recorded ${recorded} access-log batch root(s) for anchoring`);
    }
    return recorded;
  }

  private async batchWaiting(manager: EntityManager): Promise<AccessLogBatch | null> {
    const entries = await manager
      .getRepository(AccessLogEntry)
      .createQueryBuilder("entry")
      .where("entry.batchId IS NULL")
      .orderBy("entry.seq", "ASC")
      .limit(this.config.accessLogBatchMaxEntries)
      .getMany();
    if (entries.length === 0) return null;

    const [{ next }] = (await manager.query(
      `SELECT coalesce(max(first_entry + entry_count), 0)::text AS next FROM access_log_batches`,
    )) as Array<{ next: string }>;
    const firstEntry = BigInt(next);
    const batch = manager.getRepository(AccessLogBatch).create({
      id: randomUUID(),
      firstEntry: firstEntry.toString(),
      entryCount: entries.length,
      root: merkleRoot(entries.map((entry) => entry.leafHash)),
      status: "anchoring",
      attempts: 1,
      chainBatchNumber: null,
      txHash: null,
      blockNumber: null,
      anchoredAt: null,
      errorCode: null,
    });
    await manager.getRepository(AccessLogBatch).insert(batch);
    // Entries take consecutive numbers in insertion order, which is also their leaf order in the tree.
    await manager.query(
      `UPDATE access_log_entries AS entry SET batch_id = $1, entry_number = $2::bigint + numbered.position - 1
       FROM (SELECT id, row_number() OVER (ORDER BY seq) AS position FROM access_log_entries WHERE id = ANY($3)) AS numbered
       WHERE entry.id = numbered.id`,
      [batch.id, firstEntry.toString(), entries.map((entry) => entry.id)],
    );
    await this.recordAnchor(manager, batch);
    return batch;
  }

  private async retryFailed(manager: EntityManager): Promise<number> {
    const failed = await manager.getRepository(AccessLogBatch).find({ where: { status: "failed" } });
    if (failed.length === 0) return 0;
    await manager.getRepository(AccessLogBatch).update({ id: In(failed.map((batch) => batch.id)) }, { status: "anchoring" });
    for (const batch of failed) {
      batch.attempts += 1;
      await manager.getRepository(AccessLogBatch).update({ id: batch.id }, { attempts: batch.attempts });
      await this.recordAnchor(manager, batch);
    }
    return failed.length;
  }

  private recordAnchor(manager: EntityManager, batch: AccessLogBatch): Promise<void> {
    return this.chainGateway.record(manager, [
      {
        businessKey: `access-log.anchor:${batch.id}:${batch.attempts}`,
        kind: "access-log.anchor",
        signer: this.signingKeys.operatorAddress,
        payload: { root: batch.root, firstEntry: batch.firstEntry, entryCount: batch.entryCount },
      },
    ]);
  }
}
