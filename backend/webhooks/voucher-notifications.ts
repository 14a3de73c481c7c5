import { Injectable, type OnModuleInit } from "@nestjs/common";
import { ZeroAddress, getAddress } from "ethers";
import type { EntityManager } from "typeorm";
import { ChainProjectors, type IndexedEvent } from "../chain/chain-projectors.js";
import { ParticipantsDirectory } from "../participants/participants-directory.service.js";
import { bytes16ToOrganisationId } from "../participants/roles.js";
import { type WebhookPublication, WebhookPublisher } from "./webhook-publisher.service.js";

/**
 * Webhooks for a voucher's life before settlement, from VoucherToken's events: confirmed (issued to the
 * seller) and transferred (a part moved, by a transfer or as a split's new child). The tables themselves are
 * the receivables projector's; this only tells the organisations concerned. Settlement's own notifications
 * (matured, paid, defaulted) come from the settlement module.
 */
@Injectable()
export class VoucherNotifications implements OnModuleInit {
  constructor(
    private readonly projectors: ChainProjectors,
    private readonly directory: ParticipantsDirectory,
    private readonly webhooks: WebhookPublisher,
  ) {}

  onModuleInit(): void {
    const ours = (event: IndexedEvent) => event.contract === "VoucherToken";
    this.projectors.onBatch("VoucherIssued", (manager, events) => this.confirmed(manager, events), { when: ours });
    // Issue (from zero) is "confirmed"; closing a part (to zero) is a split or a redemption, told elsewhere.
    this.projectors.on("Transfer", (manager, event) => this.transferred(manager, event), (event) => ours(event) && !mintsOrBurns(event));
  }

  /** A block range's issuances, told in one statement (a batch holds up to 50 per transaction). */
  private async confirmed(manager: EntityManager, events: IndexedEvent[]): Promise<void> {
    const publications: WebhookPublication[] = [];
    for (const event of events) publications.push(await this.confirmation(manager, event));
    await this.webhooks.publishAll(manager, publications);
  }

  private async confirmation(manager: EntityManager, event: IndexedEvent): Promise<WebhookPublication> {
    const { voucherId, invoiceKey, debtorOrganisation, holder, faceValue, maturity } = event.args as Record<string, string>;
    const debtorOrganisationId = bytes16ToOrganisationId(debtorOrganisation!);
    const holderOrganisationId = await this.directory.organisationIdOf(holder!, manager);
    return {
      organisationIds: [debtorOrganisationId, holderOrganisationId],
      type: "voucher.confirmed",
      eventKey: `voucher.confirmed:${voucherId}`,
      data: {
        voucherId,
        invoiceKey: invoiceKey!.toLowerCase(),
        debtorOrganisationId,
        holder: getAddress(holder!),
        holderOrganisationId,
        faceValue,
        maturity: new Date(Number(maturity) * 1000).toISOString(),
        txHash: event.txHash,
      },
    };
  }

  private async transferred(manager: EntityManager, event: IndexedEvent): Promise<void> {
    const from = getAddress(String(event.args.from));
    const to = getAddress(String(event.args.to));
    const fromOrganisationId = await this.directory.organisationIdOf(from, manager);
    const toOrganisationId = await this.directory.organisationIdOf(to, manager);
    const partId = String(event.args.partId);
    await this.webhooks.publish(manager, {
      organisationIds: [fromOrganisationId, toOrganisationId],
      type: "voucher.transferred",
      eventKey: `voucher.transferred:${event.txHash}:${event.logIndex}`,
      data: { partId, from, fromOrganisationId, to, toOrganisationId, txHash: event.txHash },
    });
  }
}

function mintsOrBurns(event: IndexedEvent): boolean {
  return getAddress(String(event.args.from)) === ZeroAddress || getAddress(String(event.args.to)) === ZeroAddress;
}
