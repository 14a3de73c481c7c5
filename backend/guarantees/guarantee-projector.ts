import { Injectable, type OnModuleInit } from "@nestjs/common";
import { getAddress } from "ethers";
import type { EntityManager } from "typeorm";
import { ChainProjectors, type IndexedEvent } from "../chain/chain-projectors.js";
import type { WebhookEventType } from "../webhooks/webhook-event-types.js";
import { WebhookPublisher } from "../webhooks/webhook-publisher.service.js";
import { businessKeyOfEvent } from "../financing/operation-of-event.js";
import { ParticipantsDirectory } from "../participants/participants-directory.service.js";

/**
 * Guarantees events -> guarantees. Each handler sets the state its event describes, so a replay changes
 * nothing. The guarantor and the bank are told by webhook when a guarantee is issued (fee paid, cover booked),
 * claimed, and paid (cover paid, claim subrogated to the guarantor).
 */
@Injectable()
export class GuaranteeProjector implements OnModuleInit {
  constructor(
    private readonly projectors: ChainProjectors,
    private readonly directory: ParticipantsDirectory,
    private readonly webhooks: WebhookPublisher,
  ) {}

  onModuleInit(): void {
    const handlers: Record<string, (manager: EntityManager, event: IndexedEvent) => Promise<void>> = {
      GuaranteeOffered: (manager, event) => this.offered(manager, event),
      GuaranteeWithdrawn: (manager, event) => this.setStatus(manager, event, "withdrawn"),
      GuaranteeIssued: async (manager, event) => {
        await this.issued(manager, event);
        await this.tell(manager, event, "guarantee.issued");
      },
      GuaranteeClaimed: async (manager, event) => {
        await this.setStatus(manager, event, "claimed");
        await this.tell(manager, event, "guarantee.claimed");
      },
      GuaranteePaid: async (manager, event) => {
        await this.paid(manager, event);
        await this.tell(manager, event, "guarantee.paid");
      },
      GuaranteeReleased: (manager, event) => this.setStatus(manager, event, "released"),
    };
    for (const [name, handler] of Object.entries(handlers)) {
      this.projectors.on(name, (manager, event) => (event.contract === "Guarantees" ? handler(manager, event) : Promise.resolve()));
    }
  }

  private async offered(manager: EntityManager, event: IndexedEvent): Promise<void> {
    const { guaranteeId, financingId, guarantor, coveredAmount, fee } = event.args as Record<string, string>;
    const businessKey = await businessKeyOfEvent(manager, event.txHash, "guarantee.offer");
    if (businessKey !== undefined) {
      await manager.query(
        `UPDATE guarantees SET guarantee_id = $2, status = CASE WHEN status = 'offering' THEN 'offered' ELSE status END,
                error_code = NULL, error_message = NULL, updated_at = now()
          WHERE business_key = $1`,
        [businessKey, guaranteeId],
      );
      return;
    }
    // Offered on chain without this platform's API: recorded so the bank sees it.
    const guarantorOrganisationId = await this.directory.organisationIdOf(guarantor!, manager);
    await manager.query(
      `INSERT INTO guarantees (guarantee_id, financing_request_id, financing_id, guarantor_organisation_id, guarantor_address,
                               bank_organisation_id, beneficiary_address, covered_amount, fee, status)
       SELECT $1, request.id, $2, $3, $4, request.bank_organisation_id, request.bank_address, $5, $6, 'offered'
         FROM (SELECT 1) one LEFT JOIN financing_requests request ON request.financing_id = $2
       ON CONFLICT (guarantee_id) DO NOTHING`,
      [guaranteeId, financingId, guarantorOrganisationId, getAddress(guarantor!), coveredAmount, fee],
    );
  }

  private async issued(manager: EntityManager, event: IndexedEvent): Promise<void> {
    const { guaranteeId, beneficiary } = event.args as Record<string, string>;
    await manager.query(
      `UPDATE guarantees SET status = 'active', beneficiary_address = $2, updated_at = now() WHERE guarantee_id = $1`,
      [guaranteeId, getAddress(beneficiary!)],
    );
  }

  private async paid(manager: EntityManager, event: IndexedEvent): Promise<void> {
    const { guaranteeId, subrogatedPartId } = event.args as Record<string, string>;
    await manager.query(
      `UPDATE guarantees SET status = 'paid', subrogated_part_id = $2, updated_at = now() WHERE guarantee_id = $1`,
      [guaranteeId, subrogatedPartId],
    );
  }

  private async tell(manager: EntityManager, event: IndexedEvent, type: WebhookEventType): Promise<void> {
    const guaranteeId = String(event.args.guaranteeId);
    const [guarantee] = (await manager.query(
      `SELECT id, financing_request_id, financing_id, guarantor_organisation_id, bank_organisation_id, covered_amount, fee,
              status, subrogated_part_id
         FROM guarantees WHERE guarantee_id = $1`,
      [guaranteeId],
    )) as Array<Record<string, string | null>>;
    if (!guarantee) return;
    await this.webhooks.publish(manager, {
      organisationIds: [guarantee.guarantor_organisation_id, guarantee.bank_organisation_id],
      type,
      eventKey: `${type}:${guaranteeId}`,
      data: {
        guaranteeId,
        id: guarantee.id,
        financingRequestId: guarantee.financing_request_id,
        financingId: guarantee.financing_id,
        guarantorOrganisationId: guarantee.guarantor_organisation_id,
        bankOrganisationId: guarantee.bank_organisation_id,
        coveredAmount: guarantee.covered_amount,
        fee: guarantee.fee,
        status: guarantee.status,
        subrogatedPartId: guarantee.subrogated_part_id,
        txHash: event.txHash,
      },
    });
  }

  private async setStatus(manager: EntityManager, event: IndexedEvent, status: string): Promise<void> {
    await manager.query(`UPDATE guarantees SET status = $2, updated_at = now() WHERE guarantee_id = $1`, [event.args.guaranteeId, status]);
  }
}
