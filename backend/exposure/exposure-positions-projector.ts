import { Injectable, Logger, type OnModuleInit } from "@nestjs/common";
import { ZeroAddress, getAddress } from "ethers";
import type { EntityManager } from "typeorm";
import { ChainProjectors, type IndexedEvent } from "../chain/chain-projectors.js";
import { MAX_MINOR_UNITS } from "../common/minor-units.js";
import { bytes16ToOrganisationId } from "../participants/roles.js";
import { OrganisationLookup } from "./organisation-lookup.js";

// IVoucherToken.VoucherStatus values that change a voucher after issuance.
const STATUS_OF_EVENT: Record<string, string> = { "2": "defaulted", "3": "paid" };
// The same clamp as the receivables projector: a maturity PostgreSQL cannot store must not stop the indexer.
const LATEST_MATURITY_SECONDS = 253_402_300_799n;

/**
 * VoucherToken events -> exposure_positions (one row per part) and the daily issued / redeemed / defaulted
 * flows. The totals follow from the positions through the table's trigger. Independent of the receivables
 * tables on purpose: the regulator's figures come from the chain's events alone, and this table is shaped
 * for aggregation (debtor, supplier and tier, bank, guarantor on every row).
 *
 * "Supplier" is the organisation that holds the part at its tier; a bank that buys a part (factoring) or
 * receives one does not become its supplier, so the supplier stays the one that sold it.
 */
@Injectable()
export class ExposurePositionsProjector implements OnModuleInit {
  private readonly logger = new Logger(ExposurePositionsProjector.name);

  constructor(private readonly projectors: ChainProjectors, private readonly organisations: OrganisationLookup) {}

  onModuleInit(): void {
    const ours = (event: IndexedEvent) => event.contract === "VoucherToken";
    // Inserts of new rows and additions to daily sums: commutes with any other batched projection.
    this.projectors.onBatch("VoucherIssued", (manager, events) => this.issued(manager, events), { when: ours });
    this.projectors.on("PartSplit", (manager, event) => this.split(manager, event), ours);
    this.projectors.on(
      "Transfer",
      (manager, event) => this.transfer(manager, event),
      (event) => ours(event) && !isMint(event)
    );
    this.projectors.on("PartRedeemed", (manager, event) => this.redeemed(manager, event), ours);
    this.projectors.on("VoucherStatusChanged", (manager, event) => this.statusChanged(manager, event), ours);
  }

  private async issued(manager: EntityManager, events: IndexedEvent[]): Promise<void> {
    const rows: Array<[string, string, string | null, string, string, string]> = [];
    for (const event of events) {
      const { voucherId, debtorOrganisation, holder, faceValue, maturity } = event.args as Record<string, string>;
      if (BigInt(faceValue!) > MAX_MINOR_UNITS) {
        this.logger.error(
          `voucher ${voucherId}: face value ${faceValue} is beyond what the platform stores; not projected`
        );
        continue;
      }
      const seconds = BigInt(maturity!) > LATEST_MATURITY_SECONDS ? LATEST_MATURITY_SECONDS : BigInt(maturity!);
      const holderId = (await this.organisations.of(manager, holder!))?.id ?? null;
      rows.push([
        voucherId!,
        bytes16ToOrganisationId(debtorOrganisation!),
        holderId,
        faceValue!,
        seconds.toString(),
        event.blockTimestamp.toISOString(),
      ]);
    }
    if (rows.length === 0) return;
    const column = (index: number) => rows.map((row) => row[index]);
    await manager.query(
      `WITH issued AS (
         SELECT * FROM unnest($1::bigint[], $2::uuid[], $3::uuid[], $4::bigint[], $5::bigint[], $6::timestamptz[])
           AS issued (id, debtor, holder, face_value, maturity_seconds, issued_at)
       ), inserted AS (
         INSERT INTO exposure_positions (part_id, voucher_id, parent_part_id, tier, debtor_organisation_id,
                                         supplier_organisation_id, holder_organisation_id, amount, maturity, issued_at)
         SELECT id, id, NULL, 1, debtor, holder, holder, face_value, to_timestamp(maturity_seconds), issued_at FROM issued
         ON CONFLICT (part_id) DO NOTHING
         RETURNING amount, issued_at
       )
       INSERT INTO exposure_daily AS d (day, issued)
       SELECT (issued_at AT TIME ZONE 'UTC')::date, sum(amount) FROM inserted GROUP BY 1
       ON CONFLICT (day) DO UPDATE SET issued = d.issued + excluded.issued`,
      [column(0), column(1), column(2), column(3), column(4), column(5)]
    );
  }

  private async split(manager: EntityManager, event: IndexedEvent): Promise<void> {
    const { parentId, childId, holder, amount, tier } = event.args as Record<string, string>;
    const recipient = await this.organisations.of(manager, holder!);
    const inserted: unknown[] = await manager.query(
      `INSERT INTO exposure_positions (part_id, voucher_id, parent_part_id, tier, debtor_organisation_id,
                                       supplier_organisation_id, holder_organisation_id, amount, maturity,
                                       voucher_status, issued_at)
       SELECT $2, parent.voucher_id, parent.part_id, $3, parent.debtor_organisation_id,
              CASE WHEN $6 THEN parent.supplier_organisation_id ELSE $4::uuid END, $4, $5, parent.maturity,
              parent.voucher_status, $7
         FROM exposure_positions parent WHERE parent.part_id = $1
       ON CONFLICT (part_id) DO NOTHING
       RETURNING part_id`,
      [parentId, childId, Number(tier), recipient?.id ?? null, amount, recipient?.isBank ?? false, event.blockTimestamp]
    );
    if (inserted.length === 0) return;
    await manager.query(
      `UPDATE exposure_positions
          SET amount = amount - $2, status = CASE WHEN amount - $2 = 0 THEN 'closed' ELSE status END
        WHERE part_id = $1`,
      [parentId, amount]
    );
  }

  private async transfer(manager: EntityManager, event: IndexedEvent): Promise<void> {
    const { to, partId } = event.args as Record<string, string>;
    if (getAddress(to!) === ZeroAddress) {
      // Split away entirely or redeemed; PartRedeemed, which follows a redemption, marks it redeemed.
      await manager.query(`UPDATE exposure_positions SET status = 'closed' WHERE part_id = $1 AND status = 'live'`, [
        partId,
      ]);
      return;
    }
    const recipient = await this.organisations.of(manager, to!);
    await manager.query(
      `UPDATE exposure_positions
          SET holder_organisation_id = $2,
              supplier_organisation_id = CASE WHEN $3 THEN supplier_organisation_id ELSE $2::uuid END
        WHERE part_id = $1`,
      [partId, recipient?.id ?? null, recipient?.isBank ?? false]
    );
  }

  private async redeemed(manager: EntityManager, event: IndexedEvent): Promise<void> {
    const { partId, amount } = event.args as Record<string, string>;
    // The part's amount is what was paid; the daily sum grows only with the change of status (replay-safe).
    await manager.query(
      `WITH redeemed AS (
         UPDATE exposure_positions SET status = 'redeemed' WHERE part_id = $1 AND status <> 'redeemed' RETURNING part_id
       )
       INSERT INTO exposure_daily AS d (day, redeemed)
       SELECT ($3::timestamptz AT TIME ZONE 'UTC')::date, $2::bigint FROM redeemed
       ON CONFLICT (day) DO UPDATE SET redeemed = d.redeemed + excluded.redeemed`,
      [partId, amount, event.blockTimestamp]
    );
  }

  private async statusChanged(manager: EntityManager, event: IndexedEvent): Promise<void> {
    const status = STATUS_OF_EVENT[String(event.args.status)];
    if (!status) return;
    // What is still live when a voucher defaults is the amount that defaulted that day.
    await manager.query(
      `WITH changed AS (
         UPDATE exposure_positions SET voucher_status = $2
          WHERE voucher_id = $1 AND voucher_status <> $2
         RETURNING status, amount
       ), defaulted AS (
         SELECT coalesce(sum(amount), 0) AS amount FROM changed WHERE status = 'live' AND $2 = 'defaulted' HAVING count(*) > 0
       )
       INSERT INTO exposure_daily AS d (day, defaulted)
       SELECT ($3::timestamptz AT TIME ZONE 'UTC')::date, amount FROM defaulted
       ON CONFLICT (day) DO UPDATE SET defaulted = d.defaulted + excluded.defaulted`,
      [event.args.voucherId, status, event.blockTimestamp]
    );
  }
}

function isMint(event: IndexedEvent): boolean {
  return getAddress(String(event.args.from)) === ZeroAddress;
}
