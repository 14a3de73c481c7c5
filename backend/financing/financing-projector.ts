import { Injectable, Logger, type OnModuleInit } from "@nestjs/common";
import { getAddress } from "ethers";
import type { EntityManager } from "typeorm";
import { ChainProjectors, type IndexedEvent } from "../chain/chain-projectors.js";
import { ParticipantsDirectory } from "../participants/participants-directory.service.js";
import { bytes16ToOrganisationId } from "../participants/roles.js";
import type { WebhookEventType } from "../webhooks/webhook-event-types.js";
import { WebhookPublisher } from "../webhooks/webhook-publisher.service.js";
import { AutoDecisionOutbox } from "./auto-decision/auto-decision-outbox.js";
import { businessKeyOfEvent } from "./operation-of-event.js";

/**
 * Financing events -> financing_requests (and the decisions that caused them). Safe to run twice on one event:
 * every handler sets the state the event describes, whatever it was. Events arrive in chain order, so the last
 * one written is the chain's current state.
 *
 * The holder and the bank are told by webhook when a request reaches the chain, is rejected, and is approved;
 * an approval is also the disbursement (DvP paid the advance in the same transaction), told as its own type
 * for systems that only follow money. After approval they are told when a loan is repaid (or closed by the
 * bank), a pledge enforced, or recourse exercised; the step the platform sent for it is confirmed.
 */
@Injectable()
export class FinancingProjector implements OnModuleInit {
  private readonly logger = new Logger(FinancingProjector.name);

  constructor(
    private readonly projectors: ChainProjectors,
    private readonly directory: ParticipantsDirectory,
    private readonly webhooks: WebhookPublisher,
    private readonly autoDecisions: AutoDecisionOutbox,
  ) {}

  onModuleInit(): void {
    const handlers: Record<string, (manager: EntityManager, event: IndexedEvent) => Promise<void>> = {
      FinancingRequested: (manager, event) => this.requested(manager, event),
      FinancingWithdrawn: (manager, event) => this.setStatus(manager, event, "withdrawn"),
      FinancingRejected: (manager, event) => this.rejected(manager, event),
      FinancingApproved: (manager, event) => this.approved(manager, event),
      FinancingRepaid: (manager, event) => this.repaid(manager, event),
      FinancingSettled: (manager, event) => this.setStatus(manager, event, "settled"),
      RecourseExercised: (manager, event) => this.recourseExercised(manager, event),
      PledgeEnforced: (manager, event) => this.pledgeEnforced(manager, event),
    };
    for (const [name, handler] of Object.entries(handlers)) {
      this.projectors.on(name, (manager, event) => (event.contract === "Financing" ? handler(manager, event) : Promise.resolve()));
    }
  }

  private async requested(manager: EntityManager, event: IndexedEvent): Promise<void> {
    await this.recordRequest(manager, event);
    await this.autoDecisions.enqueue(manager, String(event.args.financingId));
    await this.tell(manager, String(event.args.financingId), ["financing.requested"]);
  }

  private async recordRequest(manager: EntityManager, event: IndexedEvent): Promise<void> {
    const { financingId, partId, bankOrganisation, seller, kind, recourse, amount, minAdvance } = event.args as Record<string, string>;
    const businessKey = await businessKeyOfEvent(manager, event.txHash, "financing.request");
    if (businessKey !== undefined) {
      await manager.query(
        `UPDATE financing_requests
            SET financing_id = $2, status = CASE WHEN status = 'requesting' THEN 'requested' ELSE status END,
                amount = $3, error_code = NULL, error_message = NULL, updated_at = now()
          WHERE business_key = $1`,
        [businessKey, financingId, amount],
      );
      return;
    }
    // Asked on chain without going through this platform's API: still a request the bank must see.
    const [part] = (await manager.query(
      `SELECT part.voucher_id, voucher.debtor_organisation_id FROM voucher_parts part
         JOIN vouchers voucher ON voucher.id = part.voucher_id WHERE part.id = $1`,
      [partId],
    )) as Array<{ voucher_id: string; debtor_organisation_id: string }>;
    if (!part) {
      this.logger.error(`financing ${financingId} is for part ${partId}, which is not projected: not recorded`);
      return;
    }
    const holderOrganisationId = await this.directory.organisationIdOf(String(seller), manager);
    await manager.query(
      `INSERT INTO financing_requests (group_id, financing_id, holder_organisation_id, holder_address, bank_organisation_id,
                                       debtor_organisation_id, voucher_id, part_id, kind, recourse, amount, min_advance, status)
       VALUES (gen_random_uuid(), $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, 'requested')
       ON CONFLICT (financing_id) DO NOTHING`,
      [
        financingId,
        holderOrganisationId,
        getAddress(String(seller)),
        bytes16ToOrganisationId(String(bankOrganisation)),
        part.debtor_organisation_id,
        part.voucher_id,
        partId,
        String(kind) === "0" ? "factoring" : "pledge_loan",
        recourse === "true" || (recourse as unknown) === true,
        amount,
        minAdvance,
      ],
    );
  }

  private async rejected(manager: EntityManager, event: IndexedEvent): Promise<void> {
    const { financingId, bank } = event.args as Record<string, string>;
    await manager.query(
      `UPDATE financing_requests SET status = 'rejected', bank_address = $2, updated_at = now() WHERE financing_id = $1`,
      [financingId, getAddress(bank!)],
    );
    await this.confirmDecision(manager, event, "financing.reject");
    await this.tell(manager, financingId!, ["financing.rejected"]);
  }

  private async approved(manager: EntityManager, event: IndexedEvent): Promise<void> {
    const { financingId, bank, partId, advance, rateBps, repaymentAmount } = event.args as Record<string, string>;
    await manager.query(
      `UPDATE financing_requests
          SET status = 'active', bank_address = $2, part_id = $3, advance = $4, rate_bps = $5, repayment_amount = $6,
              approved_tx_hash = $7, approved_at = $8, error_code = NULL, error_message = NULL, updated_at = now()
        WHERE financing_id = $1`,
      [financingId, getAddress(bank!), partId, advance, Number(rateBps), repaymentAmount, event.txHash, event.blockTimestamp],
    );
    const kind = (await businessKeyOfEvent(manager, event.txHash, "financing.approveFactoring")) ? "financing.approveFactoring" : "financing.approveLoan";
    await this.confirmDecision(manager, event, kind);
    await this.tell(manager, financingId!, ["financing.approved", "financing.disbursed"]);
  }

  private async pledgeEnforced(manager: EntityManager, event: IndexedEvent): Promise<void> {
    const { financingId, seizedPartId } = event.args as Record<string, string>;
    // From here the financing follows the part the bank seized (as the contract's own record does).
    await manager.query(
      `UPDATE financing_requests SET part_id = $2, error_code = NULL, error_message = NULL, updated_at = now() WHERE financing_id = $1`,
      [financingId, seizedPartId],
    );
    await this.confirmAction(manager, event, ["financing.enforcePledge"]);
    await this.tell(manager, financingId!, ["financing.pledge_enforced"], { seizedPartId, txHash: event.txHash });
  }

  private async repaid(manager: EntityManager, event: IndexedEvent): Promise<void> {
    const { financingId, amount } = event.args as Record<string, string>;
    await this.setStatus(manager, event, "repaid");
    // Repaid by the holder, or closed by the bank (then `amount` is the hold it lifted, zero if none was left).
    const repaidBy = await this.confirmAction(manager, event, ["financing.repayLoan", "financing.closeLoan"]);
    await this.tell(manager, financingId!, ["financing.repaid"], {
      repaidAmount: amount,
      closedBy: repaidBy === "financing.repayLoan" ? "holder" : repaidBy === "financing.closeLoan" ? "bank" : null,
      txHash: event.txHash,
    });
  }

  private async recourseExercised(manager: EntityManager, event: IndexedEvent): Promise<void> {
    const { financingId, amount } = event.args as Record<string, string>;
    await this.setStatus(manager, event, "recourse_exercised");
    await this.confirmAction(manager, event, ["financing.exerciseRecourse"]);
    await this.tell(manager, financingId!, ["financing.recourse_exercised"], { recourseAmount: amount, txHash: event.txHash });
  }

  /** Confirms the platform's step that sent the event's transaction, if it sent it; answers that step's kind. */
  private async confirmAction(manager: EntityManager, event: IndexedEvent, kinds: string[]): Promise<string | undefined> {
    for (const kind of kinds) {
      const businessKey = await businessKeyOfEvent(manager, event.txHash, kind);
      if (businessKey === undefined) continue;
      await manager.query(
        `UPDATE financing_actions SET status = 'confirmed', error_code = NULL, error_message = NULL, updated_at = now()
          WHERE business_key = $1`,
        [businessKey],
      );
      return kind;
    }
    return undefined;
  }

  private async setStatus(manager: EntityManager, event: IndexedEvent, status: string): Promise<void> {
    await manager.query(
      `UPDATE financing_requests SET status = $2, error_code = NULL, error_message = NULL, updated_at = now() WHERE financing_id = $1`,
      [event.args.financingId, status],
    );
  }

  /** Publishes the request's state as it now stands to its holder and its bank, with what the event adds. */
  private async tell(
    manager: EntityManager,
    financingId: string,
    types: WebhookEventType[],
    extra: Record<string, unknown> = {},
  ): Promise<void> {
    const [request] = (await manager.query(
      `SELECT id, holder_organisation_id, bank_organisation_id, debtor_organisation_id, voucher_id, part_id, kind, recourse,
              amount, advance, rate_bps, repayment_amount, status
         FROM financing_requests WHERE financing_id = $1`,
      [financingId],
    )) as Array<Record<string, string | number | boolean | null>>;
    if (!request) return;
    const data = {
      financingId,
      requestId: request.id,
      holderOrganisationId: request.holder_organisation_id,
      bankOrganisationId: request.bank_organisation_id,
      debtorOrganisationId: request.debtor_organisation_id,
      voucherId: request.voucher_id,
      partId: request.part_id,
      kind: request.kind,
      recourse: request.recourse,
      amount: request.amount,
      advance: request.advance,
      rateBps: request.rate_bps,
      repaymentAmount: request.repayment_amount,
      status: request.status,
      ...extra,
    };
    await this.webhooks.publishAll(
      manager,
      types.map((type) => ({
        organisationIds: [request.holder_organisation_id as string | null, request.bank_organisation_id as string],
        type,
        eventKey: `${type}:${financingId}`,
        data,
      })),
    );
  }

  private async confirmDecision(manager: EntityManager, event: IndexedEvent, kind: string): Promise<void> {
    const businessKey = await businessKeyOfEvent(manager, event.txHash, kind);
    if (businessKey === undefined) return;
    await manager.query(`UPDATE financing_decisions SET status = 'confirmed', updated_at = now() WHERE business_key = $1`, [businessKey]);
  }
}
