import { Injectable, type OnModuleInit } from "@nestjs/common";
import { ZeroAddress, getAddress } from "ethers";
import type { EntityManager } from "typeorm";
import { ChainProjectors, type IndexedEvent } from "../chain/chain-projectors.js";
import { ParticipantsDirectory } from "../participants/participants-directory.service.js";
import { WebhookPublisher } from "../webhooks/webhook-publisher.service.js";

/**
 * CashToken events -> cash_movements and cash_accounts, and the cash webhooks. Transfer carries every change
 * of balance (mints come from the zero address, burns go to it), so balances are projected from Transfer
 * alone; CashMinted and CashBurned only name the bank, for its notifications. A movement is inserted once per
 * (block, log index), and balances change only when that insert happened, so replaying a block changes
 * nothing.
 */
@Injectable()
export class CashProjector implements OnModuleInit {
  constructor(
    private readonly projectors: ChainProjectors,
    private readonly directory: ParticipantsDirectory,
    private readonly webhooks: WebhookPublisher,
  ) {}

  onModuleInit(): void {
    // VoucherToken emits a Transfer too.
    const onCash = (event: IndexedEvent) => event.contract === "CashToken";
    this.projectors.on("Transfer", (manager, event) => this.transfer(manager, event), onCash);
    this.projectors.on("CashMinted", (manager, event) => this.minted(manager, event), onCash);
    this.projectors.on("CashBurned", (manager, event) => this.burned(manager, event), onCash);
  }

  private async transfer(manager: EntityManager, event: IndexedEvent): Promise<void> {
    const from = getAddress(String(event.args.from));
    const to = getAddress(String(event.args.to));
    const amount = String(event.args.value);
    const fromAccount = from === ZeroAddress ? null : from;
    const toAccount = to === ZeroAddress ? null : to;
    const fromOrganisation = fromAccount ? await this.directory.organisationIdOf(fromAccount, manager) : null;
    const toOrganisation = toAccount ? await this.directory.organisationIdOf(toAccount, manager) : null;
    const kind = fromAccount === null ? "mint" : toAccount === null ? "burn" : "transfer";
    const inserted: unknown[] = await manager.query(
      `INSERT INTO cash_movements (block_number, log_index, tx_hash, kind, from_address, to_address, from_organisation_id,
                                   to_organisation_id, amount, occurred_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
       ON CONFLICT (block_number, log_index) DO NOTHING
       RETURNING log_index`,
      [event.blockNumber, event.logIndex, event.txHash, kind, fromAccount, toAccount, fromOrganisation, toOrganisation, amount, event.blockTimestamp],
    );
    if (inserted.length === 0) return;
    if (fromAccount) await this.addToBalance(manager, fromAccount, fromOrganisation, `-${amount}`);
    if (toAccount) await this.addToBalance(manager, toAccount, toOrganisation, amount);
    if (kind === "transfer") {
      await this.webhooks.publish(manager, {
        organisationIds: [toOrganisation],
        type: "cash.received",
        eventKey: `cash.received:${event.txHash}:${event.logIndex}`,
        data: { from: fromAccount, fromOrganisationId: fromOrganisation, to: toAccount, amount, txHash: event.txHash, blockNumber: event.blockNumber },
      });
    }
  }

  private async minted(manager: EntityManager, event: IndexedEvent): Promise<void> {
    const bank = getAddress(String(event.args.bank));
    const to = getAddress(String(event.args.to));
    const bankOrganisation = await this.directory.organisationIdOf(bank, manager);
    const toOrganisation = await this.directory.organisationIdOf(to, manager);
    await this.webhooks.publish(manager, {
      organisationIds: [bankOrganisation, toOrganisation],
      type: "cash.minted",
      eventKey: `cash.minted:${event.txHash}:${event.logIndex}`,
      data: {
        bank,
        bankOrganisationId: bankOrganisation,
        to,
        toOrganisationId: toOrganisation,
        amount: String(event.args.amount),
        txHash: event.txHash,
        blockNumber: event.blockNumber,
      },
    });
  }

  private async burned(manager: EntityManager, event: IndexedEvent): Promise<void> {
    const bank = getAddress(String(event.args.bank));
    const bankOrganisation = await this.directory.organisationIdOf(bank, manager);
    await this.webhooks.publish(manager, {
      organisationIds: [bankOrganisation],
      type: "cash.burned",
      eventKey: `cash.burned:${event.txHash}:${event.logIndex}`,
      data: { bank, bankOrganisationId: bankOrganisation, amount: String(event.args.amount), txHash: event.txHash, blockNumber: event.blockNumber },
    });
  }

  private async addToBalance(manager: EntityManager, address: string, organisationId: string | null, delta: string): Promise<void> {
    await manager.query(
      `INSERT INTO cash_accounts (address, organisation_id, balance) VALUES ($1, $2, $3)
       ON CONFLICT (address) DO UPDATE
         SET balance = cash_accounts.balance + $3, organisation_id = coalesce(cash_accounts.organisation_id, $2), updated_at = now()`,
      [address, organisationId, delta],
    );
  }
}
