import { Injectable, type OnModuleInit } from "@nestjs/common";
import { ZeroAddress, getAddress } from "ethers";
import type { EntityManager } from "typeorm";
import { ChainProjectors, type IndexedEvent } from "../chain/chain-projectors.js";
import { ParticipantsDirectory } from "../participants/participants-directory.service.js";
import { WebhookPublisher } from "../webhooks/webhook-publisher.service.js";
import { voucherAudience } from "./voucher-audience.js";

// IVoucherToken.VoucherStatus.Paid, as the indexer stores the uint8.
const PAID = "3";

/**
 * VoucherSettlement events -> part_payments and voucher_settlements, plus the settlement webhooks. The
 * voucher's status and redeemed total are the receivables projector's (VoucherStatusChanged, PartRedeemed);
 * this one only listens to VoucherStatusChanged to announce a voucher paid. Replays change nothing: rows are
 * keyed by (block, log index) and notifications by event key.
 */
@Injectable()
export class SettlementProjector implements OnModuleInit {
  constructor(
    private readonly projectors: ChainProjectors,
    private readonly directory: ParticipantsDirectory,
    private readonly webhooks: WebhookPublisher,
  ) {}

  onModuleInit(): void {
    const fromSettlement = (event: IndexedEvent) => event.contract === "VoucherSettlement";
    this.projectors.on("PartPaid", (manager, event) => this.partPaid(manager, event), fromSettlement);
    this.projectors.on("VoucherDefaulted", (manager, event) => this.defaulted(manager, event), fromSettlement);
    this.projectors.on(
      "VoucherStatusChanged",
      (manager, event) => this.paid(manager, event),
      (event) => event.contract === "VoucherToken" && String(event.args.status) === PAID,
    );
  }

  private async partPaid(manager: EntityManager, event: IndexedEvent): Promise<void> {
    const { voucherId, partId, holder, holderAmount, holdBeneficiary, beneficiaryAmount } = event.args as Record<string, string>;
    const holderAddress = getAddress(holder!);
    const beneficiaryAddress = getAddress(holdBeneficiary!) === ZeroAddress ? null : getAddress(holdBeneficiary!);
    const holderOrganisation = await this.directory.organisationIdOf(holderAddress, manager);
    const beneficiaryOrganisation = beneficiaryAddress ? await this.directory.organisationIdOf(beneficiaryAddress, manager) : null;
    await manager.query(
      `INSERT INTO part_payments (block_number, log_index, tx_hash, voucher_id, part_id, holder_address, holder_organisation_id,
                                  holder_amount, beneficiary_address, beneficiary_organisation_id, beneficiary_amount, paid_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
       ON CONFLICT DO NOTHING`,
      [
        event.blockNumber,
        event.logIndex,
        event.txHash,
        voucherId,
        partId,
        holderAddress,
        holderOrganisation,
        holderAmount,
        beneficiaryAddress,
        beneficiaryOrganisation,
        beneficiaryAmount,
        event.blockTimestamp,
      ],
    );
    await this.webhooks.publish(manager, {
      organisationIds: [holderOrganisation, beneficiaryOrganisation],
      type: "voucher.part_paid",
      eventKey: `voucher.part_paid:${partId}`,
      data: {
        voucherId,
        partId,
        holder: holderAddress,
        holderOrganisationId: holderOrganisation,
        holderAmount,
        holdBeneficiary: beneficiaryAddress,
        beneficiaryOrganisationId: beneficiaryOrganisation,
        beneficiaryAmount,
        txHash: event.txHash,
      },
    });
  }

  private async defaulted(manager: EntityManager, event: IndexedEvent): Promise<void> {
    const voucherId = String(event.args.voucherId);
    const outstanding = String(event.args.outstanding);
    await manager.query(
      `INSERT INTO voucher_settlements (voucher_id, defaulted_at, defaulted_outstanding, defaulted_tx_hash)
       VALUES ($1, $2, $3, $4)
       ON CONFLICT (voucher_id) DO UPDATE
         SET defaulted_at = EXCLUDED.defaulted_at, defaulted_outstanding = EXCLUDED.defaulted_outstanding,
             defaulted_tx_hash = EXCLUDED.defaulted_tx_hash, updated_at = now()`,
      [voucherId, event.blockTimestamp, outstanding, event.txHash],
    );
    await this.webhooks.publish(manager, {
      organisationIds: await voucherAudience(manager, voucherId, false),
      type: "voucher.defaulted",
      eventKey: `voucher.defaulted:${voucherId}`,
      data: { voucherId, outstanding, defaultedAt: event.blockTimestamp.toISOString(), txHash: event.txHash },
    });
  }

  private async paid(manager: EntityManager, event: IndexedEvent): Promise<void> {
    const voucherId = String(event.args.voucherId);
    const [voucher]: Array<{ face_value: string }> = await manager.query(`SELECT face_value FROM vouchers WHERE id = $1`, [voucherId]);
    await this.webhooks.publish(manager, {
      organisationIds: await voucherAudience(manager, voucherId, true),
      type: "voucher.paid",
      eventKey: `voucher.paid:${voucherId}`,
      data: { voucherId, faceValue: voucher?.face_value ?? null, paidAt: event.blockTimestamp.toISOString(), txHash: event.txHash },
    });
  }
}
