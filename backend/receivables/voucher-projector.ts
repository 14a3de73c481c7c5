import { Injectable, Logger, type OnModuleInit } from "@nestjs/common";
import { ZeroAddress, getAddress } from "ethers";
import type { EntityManager } from "typeorm";
import { ChainProjectors, type IndexedEvent } from "../chain/chain-projectors.js";
import { MAX_MINOR_UNITS } from "../common/minor-units.js";
import { ParticipantsDirectory } from "../participants/participants-directory.service.js";
import { bytes16ToOrganisationId } from "../participants/roles.js";

// IVoucherToken.VoucherStatus as the indexer stores uint8 values; Active is only ever the initial status.
const STATUS_OF_EVENT: Record<string, string> = { "2": "defaulted", "3": "paid" };

// A maturity past year 9999 cannot be a real payable, but the chain allows any uint64: store the largest
// timestamp every client can parse rather than stop the indexer on a value PostgreSQL refuses.
const LATEST_MATURITY_SECONDS = 253_402_300_799n;

/**
 * VoucherToken events -> vouchers and voucher_parts (and confirmations -> issued). Each handler is safe to
 * run twice on the same event: inserts do nothing on conflict, and amounts only change when the insert or
 * the status change that goes with them actually happened.
 *
 * Event order within one transaction matters: the contract emits a part's Transfer before the
 * VoucherIssued or PartSplit that describes the part, so a Transfer that creates a part (from the zero
 * address) is skipped: the next event creates the row with its holder.
 */
@Injectable()
export class VoucherProjector implements OnModuleInit {
  private readonly logger = new Logger(VoucherProjector.name);

  constructor(
    private readonly projectors: ChainProjectors,
    private readonly directory: ParticipantsDirectory,
  ) {}

  onModuleInit(): void {
    // Other contracts emit events of the same name (CashToken's Transfer).
    const ours = (event: IndexedEvent) => event.contract === "VoucherToken";
    this.projectors.onBatch("VoucherIssued", (manager, events) => this.vouchersIssued(manager, events), { when: ours });
    const handlers: Record<string, (manager: EntityManager, event: IndexedEvent) => Promise<void>> = {
      PartSplit: (manager, event) => this.partSplit(manager, event),
      HoldPlaced: (manager, event) => this.holdPlaced(manager, event),
      HoldReleased: (manager, event) => this.holdReleased(manager, event),
      VoucherFrozen: (manager, event) => this.setFrozen(manager, event, true),
      VoucherUnfrozen: (manager, event) => this.setFrozen(manager, event, false),
      VoucherStatusChanged: (manager, event) => this.statusChanged(manager, event),
      PartRedeemed: (manager, event) => this.partRedeemed(manager, event),
    };
    for (const [name, handler] of Object.entries(handlers)) this.projectors.on(name, handler, ours);
    // A Transfer that creates a part (from the zero address) needs nothing: the VoucherIssued or PartSplit
    // that follows writes the row with its holder.
    this.projectors.on("Transfer", (manager, event) => this.transfer(manager, event), (event) => ours(event) && !isMint(event));
  }

  /**
   * A batch of issuances: the vouchers, their root parts and the confirmations they answer, in one statement
   * (data-modifying CTEs), however many vouchers a block range holds. They touch only their own new rows.
   */
  private async vouchersIssued(manager: EntityManager, events: IndexedEvent[]): Promise<void> {
    const rows: Array<{
      id: string;
      invoiceKey: string;
      debtor: string;
      faceValue: string;
      maturity: string;
      txHash: string;
      issuedAt: string;
      holder: string;
      holderOrganisationId: string | null;
    }> = [];
    for (const event of events) {
      const { voucherId, invoiceKey, debtorOrganisation, holder, faceValue, maturity } = event.args as Record<string, string>;
      if (BigInt(faceValue!) > MAX_MINOR_UNITS) {
        this.logger.error(`voucher ${voucherId} has a face value of ${faceValue}, beyond what the platform stores: not projected`);
        continue;
      }
      rows.push({
        id: voucherId!,
        invoiceKey: invoiceKey!.toLowerCase(),
        debtor: bytes16ToOrganisationId(debtorOrganisation!),
        faceValue: faceValue!,
        maturity: (BigInt(maturity!) > LATEST_MATURITY_SECONDS ? LATEST_MATURITY_SECONDS : BigInt(maturity!)).toString(),
        txHash: event.txHash,
        issuedAt: event.blockTimestamp.toISOString(),
        holder: getAddress(holder!),
        holderOrganisationId: await this.directory.organisationIdOf(holder!, manager),
      });
    }
    if (rows.length === 0) return;
    const column = <K extends keyof (typeof rows)[number]>(key: K) => rows.map((row) => row[key]);
    await manager.query(
      `WITH issued AS (
         SELECT * FROM unnest($1::bigint[], $2::text[], $3::uuid[], $4::bigint[], $5::bigint[], $6::text[],
                              $7::timestamptz[], $8::text[], $9::uuid[])
           AS issued (id, invoice_key, debtor_organisation_id, face_value, maturity_seconds, tx_hash, issued_at,
                      holder_address, holder_organisation_id)
       ), voucher AS (
         INSERT INTO vouchers (id, invoice_key, debtor_organisation_id, face_value, maturity, issued_tx_hash, issued_at)
         SELECT id, invoice_key, debtor_organisation_id, face_value, to_timestamp(maturity_seconds), tx_hash, issued_at
           FROM issued
         ON CONFLICT (id) DO NOTHING
       ), root_part AS (
         INSERT INTO voucher_parts (id, voucher_id, parent_id, tier, holder_address, holder_organisation_id, amount,
                                    created_tx_hash, created_at)
         SELECT id, id, NULL, 1, holder_address, holder_organisation_id, face_value, tx_hash, issued_at FROM issued
         ON CONFLICT (id) DO NOTHING
       )
       UPDATE confirmations SET status = 'issued', voucher_id = issued.id, updated_at = now()
         FROM issued
        WHERE confirmations.invoice_key = issued.invoice_key
          AND confirmations.debtor_organisation_id = issued.debtor_organisation_id
          AND confirmations.status = 'pending'`,
      [
        column("id"),
        column("invoiceKey"),
        column("debtor"),
        column("faceValue"),
        column("maturity"),
        column("txHash"),
        column("issuedAt"),
        column("holder"),
        column("holderOrganisationId"),
      ],
    );
  }

  private async partSplit(manager: EntityManager, event: IndexedEvent): Promise<void> {
    const { parentId, childId, holder, amount, tier } = event.args as Record<string, string>;
    const inserted: unknown[] = await manager.query(
      `INSERT INTO voucher_parts (id, voucher_id, parent_id, tier, holder_address, holder_organisation_id, amount,
                                  created_tx_hash, created_at)
       SELECT $2, parent.voucher_id, parent.id, $3, $4, $5, $6, $7, $8 FROM voucher_parts parent WHERE parent.id = $1
       ON CONFLICT (id) DO NOTHING
       RETURNING id`,
      [parentId, childId, Number(tier), getAddress(holder!), await this.directory.organisationIdOf(holder!, manager), amount, event.txHash, event.blockTimestamp],
    );
    if (inserted.length === 0) return;
    await manager.query(
      `UPDATE voucher_parts
          SET amount = amount - $2,
              status = CASE WHEN amount - $2 = 0 THEN 'closed' ELSE status END,
              updated_at = now()
        WHERE id = $1`,
      [parentId, amount],
    );
  }

  private async transfer(manager: EntityManager, event: IndexedEvent): Promise<void> {
    const { to, partId } = event.args as Record<string, string>;
    if (getAddress(to!) === ZeroAddress) {
      // Closed by a split or redeemed: PartRedeemed, which follows a redemption, tells the two apart.
      await manager.query(
        `UPDATE voucher_parts SET status = 'closed', updated_at = now() WHERE id = $1 AND status = 'live'`,
        [partId],
      );
      return;
    }
    await manager.query(
      `UPDATE voucher_parts SET holder_address = $2, holder_organisation_id = $3, updated_at = now() WHERE id = $1`,
      [partId, getAddress(to!), await this.directory.organisationIdOf(to!, manager)],
    );
  }

  private async holdPlaced(manager: EntityManager, event: IndexedEvent): Promise<void> {
    const { partId, beneficiary, amount } = event.args as Record<string, string>;
    await manager.query(
      `UPDATE voucher_parts SET held_amount = $2, hold_beneficiary = $3, updated_at = now() WHERE id = $1`,
      [partId, amount, getAddress(beneficiary!)],
    );
  }

  private async holdReleased(manager: EntityManager, event: IndexedEvent): Promise<void> {
    await manager.query(
      `UPDATE voucher_parts SET held_amount = 0, hold_beneficiary = NULL, updated_at = now() WHERE id = $1`,
      [event.args.partId],
    );
  }

  private async setFrozen(manager: EntityManager, event: IndexedEvent, frozen: boolean): Promise<void> {
    await manager.query(`UPDATE vouchers SET frozen = $2, updated_at = now() WHERE id = $1`, [event.args.voucherId, frozen]);
  }

  private async statusChanged(manager: EntityManager, event: IndexedEvent): Promise<void> {
    const status = STATUS_OF_EVENT[String(event.args.status)];
    if (!status) return;
    await manager.query(`UPDATE vouchers SET status = $2, updated_at = now() WHERE id = $1`, [event.args.voucherId, status]);
  }

  private async partRedeemed(manager: EntityManager, event: IndexedEvent): Promise<void> {
    const { partId, amount } = event.args as Record<string, string>;
    // The voucher's redeemed total grows only with the part's change of status, so a replay adds nothing.
    await manager.query(
      `WITH redeemed AS (
         UPDATE voucher_parts SET status = 'redeemed', updated_at = now() WHERE id = $1 AND status <> 'redeemed'
         RETURNING voucher_id
       )
       UPDATE vouchers SET redeemed = redeemed + $2, updated_at = now() WHERE id IN (SELECT voucher_id FROM redeemed)`,
      [partId, amount],
    );
  }
}

function isMint(event: IndexedEvent): boolean {
  return getAddress(String(event.args.from)) === ZeroAddress;
}
