import { Injectable, Logger, type OnModuleInit } from "@nestjs/common";
import { DataSource, type EntityManager } from "typeorm";
import { ChainGateway } from "../chain/chain-gateway.service.js";
import { ChainOutcomes } from "../chain/chain-outcomes.js";
import { OrganisationSigningKeys } from "../participants/organisation-signing-keys.service.js";
import { WebhookPublisher } from "../webhooks/webhook-publisher.service.js";
import { ChainClock } from "./chain-clock.js";
import { voucherAudience } from "./voucher-audience.js";

/** Vouchers handled per step of one scan; a backlog takes several scans. */
const BATCH = 500;

export interface MaturityScanReport {
  /** Chain time the scan compared against (unix seconds). */
  chainTime: number;
  /** Vouchers newly found past maturity unpaid (now overdue). */
  matured: string[];
  /** Vouchers whose default was requested on chain. */
  defaultsRequested: string[];
}

/**
 * The maturity job: against the chain's clock, finds active vouchers whose maturity has passed (marks them
 * overdue and tells their debtor and holders) and those past maturity plus the grace period, which it
 * declares in default on chain. declareDefault is permissionless, so the platform operator's account signs
 * it. Each step is idempotent: a voucher is marked once, and a default is requested again only after the
 * previous request failed.
 */
@Injectable()
export class MaturityScanner implements OnModuleInit {
  private readonly logger = new Logger(MaturityScanner.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: ChainClock,
    private readonly gateway: ChainGateway,
    private readonly outcomes: ChainOutcomes,
    private readonly signingKeys: OrganisationSigningKeys,
    private readonly webhooks: WebhookPublisher,
  ) {}

  onModuleInit(): void {
    // A refused declareDefault (paid meanwhile, or the chain's clock not there yet) frees the voucher for the
    // next scan, which re-checks its status and time before asking again.
    this.outcomes.onFailure("voucher.declareDefault", async (manager, operations) => {
      for (const operation of operations) {
        await manager.query(`UPDATE voucher_settlements SET default_requested_at = NULL, updated_at = now() WHERE voucher_id = $1`, [
          String(operation.payload.voucherId),
        ]);
      }
    });
  }

  async scan(): Promise<MaturityScanReport> {
    const chainTime = await this.clock.now();
    const grace = await this.clock.gracePeriodSeconds();
    const matured = await this.dataSource.transaction((manager) => this.markMatured(manager, chainTime, grace));
    const defaultsRequested = await this.dataSource.transaction((manager) => this.requestDefaults(manager, chainTime, grace));
    if (defaultsRequested.length > 0) await this.gateway.wake([this.signingKeys.operatorAddress]);
    if (matured.length + defaultsRequested.length > 0) {
      this.logger.log(`maturity scan at chain time ${chainTime}: ${matured.length} overdue, ${defaultsRequested.length} defaults requested`);
    }
    return { chainTime, matured, defaultsRequested };
  }

  private async markMatured(manager: EntityManager, chainTime: number, grace: number): Promise<string[]> {
    const rows: Array<{ voucher_id: string; maturity: Date; face_value: string; redeemed: string; defaultable_at: Date }> =
      await manager.query(
        `WITH due AS (
           SELECT v.id, v.maturity FROM vouchers v
            WHERE v.status = 'active' AND v.maturity <= to_timestamp($1)
              AND NOT EXISTS (SELECT 1 FROM voucher_settlements s WHERE s.voucher_id = v.id AND s.matured_seen_at IS NOT NULL)
            ORDER BY v.maturity LIMIT $3
         ), marked AS (
           INSERT INTO voucher_settlements (voucher_id, matured_seen_at, defaultable_at)
           SELECT id, to_timestamp($1), maturity + make_interval(secs => $2) FROM due
           ON CONFLICT (voucher_id) DO UPDATE
             SET matured_seen_at = EXCLUDED.matured_seen_at, defaultable_at = EXCLUDED.defaultable_at, updated_at = now()
             WHERE voucher_settlements.matured_seen_at IS NULL
           RETURNING voucher_id, defaultable_at
         )
         SELECT marked.voucher_id, marked.defaultable_at, v.maturity, v.face_value, v.redeemed
           FROM marked JOIN vouchers v ON v.id = marked.voucher_id`,
        [chainTime, grace, BATCH],
      );
    for (const row of rows) {
      await this.webhooks.publish(manager, {
        organisationIds: await voucherAudience(manager, row.voucher_id, false),
        type: "voucher.matured",
        eventKey: `voucher.matured:${row.voucher_id}`,
        data: {
          voucherId: row.voucher_id,
          maturity: row.maturity.toISOString(),
          outstanding: (BigInt(row.face_value) - BigInt(row.redeemed)).toString(),
          defaultableAt: row.defaultable_at.toISOString(),
        },
      });
    }
    return rows.map((row) => row.voucher_id);
  }

  private async requestDefaults(manager: EntityManager, chainTime: number, grace: number): Promise<string[]> {
    // The contract wants block.timestamp > maturity + grace; the transaction's block is at least this late.
    const rows: Array<{ voucher_id: string; default_requests: number }> = await manager.query(
      `WITH defaultable AS (
         SELECT v.id FROM vouchers v LEFT JOIN voucher_settlements s ON s.voucher_id = v.id
          WHERE v.status = 'active' AND v.maturity + make_interval(secs => $2) < to_timestamp($1)
            AND s.default_requested_at IS NULL
          ORDER BY v.maturity LIMIT $3
       )
       INSERT INTO voucher_settlements (voucher_id, default_requested_at, default_requests)
       SELECT id, now(), 1 FROM defaultable
       ON CONFLICT (voucher_id) DO UPDATE
         SET default_requested_at = now(), default_requests = voucher_settlements.default_requests + 1, updated_at = now()
         WHERE voucher_settlements.default_requested_at IS NULL
       RETURNING voucher_id, default_requests`,
      [chainTime, grace, BATCH],
    );
    await this.gateway.record(
      manager,
      rows.map((row) => ({
        businessKey: `voucher.declareDefault:${row.voucher_id}:${row.default_requests}`,
        kind: "voucher.declareDefault" as const,
        signer: this.signingKeys.operatorAddress,
        payload: { voucherId: row.voucher_id },
      })),
    );
    return rows.map((row) => row.voucher_id);
  }
}
