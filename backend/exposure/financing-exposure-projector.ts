import { Injectable, type OnModuleInit } from "@nestjs/common";
import type { EntityManager } from "typeorm";
import { ChainProjectors, type IndexedEvent } from "../chain/chain-projectors.js";
import { bytes16ToOrganisationId } from "../participants/roles.js";
import { OrganisationLookup } from "./organisation-lookup.js";

// IFinancing.FinancingKind as the indexer stores the uint8.
const KIND_OF_EVENT: Record<string, string> = { "0": "factoring", "1": "pledge_loan" };

/**
 * Financing and Guarantees events -> exposure_financings, exposure_guarantees, and the bank and guarantor on
 * the financed positions. Whatever backend module sends those transactions, the contracts emit these events,
 * so the regulator's figures do not depend on that module's tables.
 *
 * A financing's exposure is its `amount` (what Financing books in ComplianceRules on approval and releases on
 * close); it sits on the financed part's position while the financing is Active.
 */
@Injectable()
export class FinancingExposureProjector implements OnModuleInit {
  constructor(private readonly projectors: ChainProjectors, private readonly organisations: OrganisationLookup) {}

  onModuleInit(): void {
    const from = (contract: string) => (event: IndexedEvent) => event.contract === contract;
    const financing: Record<string, (manager: EntityManager, event: IndexedEvent) => Promise<void>> = {
      FinancingRequested: (manager, event) => this.requested(manager, event),
      FinancingWithdrawn: (manager, event) => this.setStatus(manager, event, "requested", "withdrawn"),
      FinancingRejected: (manager, event) => this.setStatus(manager, event, "requested", "rejected"),
      FinancingApproved: (manager, event) => this.approved(manager, event),
      FinancingRepaid: (manager, event) => this.closed(manager, event, "repaid"),
      FinancingSettled: (manager, event) => this.closed(manager, event, "settled"),
      RecourseExercised: (manager, event) => this.closed(manager, event, "recourse_exercised"),
      PledgeEnforced: (manager, event) => this.pledgeEnforced(manager, event),
    };
    for (const [name, handler] of Object.entries(financing)) this.projectors.on(name, handler, from("Financing"));
    const guarantees: Record<string, (manager: EntityManager, event: IndexedEvent) => Promise<void>> = {
      GuaranteeOffered: (manager, event) => this.guaranteeOffered(manager, event),
      GuaranteeWithdrawn: (manager, event) => this.guaranteeStatus(manager, event, "withdrawn"),
      GuaranteeIssued: (manager, event) => this.guaranteeIssued(manager, event),
      GuaranteeClaimed: (manager, event) => this.guaranteeStatus(manager, event, "claimed"),
      GuaranteePaid: (manager, event) => this.guaranteeEnded(manager, event, "paid"),
      GuaranteeReleased: (manager, event) => this.guaranteeEnded(manager, event, "released"),
    };
    for (const [name, handler] of Object.entries(guarantees)) this.projectors.on(name, handler, from("Guarantees"));
  }

  private async requested(manager: EntityManager, event: IndexedEvent): Promise<void> {
    const { financingId, partId, bankOrganisation, seller, kind, amount } = event.args as Record<string, string>;
    await manager.query(
      `INSERT INTO exposure_financings (financing_id, part_id, bank_organisation_id, debtor_organisation_id, seller_address,
                                        kind, amount, status, requested_at, updated_at)
       VALUES ($1, $2, $3, (SELECT debtor_organisation_id FROM exposure_positions WHERE part_id = $2), $4, $5, $6,
               'requested', $7, $7)
       ON CONFLICT (financing_id) DO NOTHING`,
      [
        financingId,
        partId,
        bytes16ToOrganisationId(bankOrganisation!),
        seller,
        KIND_OF_EVENT[String(kind)] ?? String(kind),
        amount,
        event.blockTimestamp,
      ]
    );
  }

  private async setStatus(manager: EntityManager, event: IndexedEvent, from: string, to: string): Promise<void> {
    await manager.query(
      `UPDATE exposure_financings SET status = $3, updated_at = $4 WHERE financing_id = $1 AND status = $2`,
      [event.args.financingId, from, to, event.blockTimestamp]
    );
  }

  private async approved(manager: EntityManager, event: IndexedEvent): Promise<void> {
    const { financingId, partId, advance } = event.args as Record<string, string>;
    // Only the change from requested to active books anything, so a replay books nothing twice.
    await manager.query(
      `WITH activated AS (
         UPDATE exposure_financings SET status = 'active', advance = $3, updated_at = $4
          WHERE financing_id = $1 AND status = 'requested'
         RETURNING financing_id, bank_organisation_id, amount
       ), positioned AS (
         UPDATE exposure_positions p
            SET financing_id = a.financing_id, bank_organisation_id = a.bank_organisation_id, financed_amount = a.amount
           FROM activated a WHERE p.part_id = $2
       )
       INSERT INTO exposure_daily AS d (day, financed)
       SELECT ($4::timestamptz AT TIME ZONE 'UTC')::date, amount FROM activated
       ON CONFLICT (day) DO UPDATE SET financed = d.financed + excluded.financed`,
      [financingId, partId, advance, event.blockTimestamp]
    );
  }

  private async closed(manager: EntityManager, event: IndexedEvent, status: string): Promise<void> {
    const financingId = event.args.financingId;
    await manager.query(
      `UPDATE exposure_financings SET status = $2, updated_at = $3 WHERE financing_id = $1 AND status = 'active'`,
      [financingId, status, event.blockTimestamp]
    );
    await manager.query(
      // The cover ends with what it covers; the guarantor's booked capacity comes from ComplianceRules' own events.
      `UPDATE exposure_positions
          SET financing_id = NULL, bank_organisation_id = NULL, financed_amount = 0, guarantor_organisation_id = NULL,
              covered_amount = 0
        WHERE financing_id = $1`,
      [financingId]
    );
  }

  /** The financing now follows the seized part (IFinancing.enforcePledge), and so do its bank and cover. */
  private async pledgeEnforced(manager: EntityManager, event: IndexedEvent): Promise<void> {
    const { financingId, seizedPartId } = event.args as Record<string, string>;
    await manager.query(
      `WITH previous AS (
         SELECT part_id, bank_organisation_id, financed_amount, guarantor_organisation_id, covered_amount
           FROM exposure_positions WHERE financing_id = $1 AND part_id <> $2
       ), moved AS (
         UPDATE exposure_positions p
            SET financing_id = $1, bank_organisation_id = previous.bank_organisation_id,
                financed_amount = previous.financed_amount, guarantor_organisation_id = previous.guarantor_organisation_id,
                covered_amount = previous.covered_amount
           FROM previous WHERE p.part_id = $2
       )
       UPDATE exposure_positions p
          SET financing_id = NULL, bank_organisation_id = NULL, financed_amount = 0, guarantor_organisation_id = NULL,
              covered_amount = 0
         FROM previous WHERE p.part_id = previous.part_id`,
      [financingId, seizedPartId]
    );
    await manager.query(`UPDATE exposure_financings SET part_id = $2, updated_at = $3 WHERE financing_id = $1`, [
      financingId,
      seizedPartId,
      event.blockTimestamp,
    ]);
  }

  private async guaranteeOffered(manager: EntityManager, event: IndexedEvent): Promise<void> {
    const { guaranteeId, financingId, guarantor, coveredAmount } = event.args as Record<string, string>;
    const organisation = await this.organisations.of(manager, guarantor!);
    await manager.query(
      `INSERT INTO exposure_guarantees (guarantee_id, financing_id, guarantor_address, guarantor_organisation_id, covered_amount,
                                        status, updated_at)
       VALUES ($1, $2, $3, $4, $5, 'offered', $6)
       ON CONFLICT (guarantee_id) DO NOTHING`,
      [guaranteeId, financingId, guarantor, organisation?.id ?? null, coveredAmount, event.blockTimestamp]
    );
  }

  private async guaranteeStatus(manager: EntityManager, event: IndexedEvent, status: string): Promise<void> {
    await manager.query(`UPDATE exposure_guarantees SET status = $2, updated_at = $3 WHERE guarantee_id = $1`, [
      event.args.guaranteeId,
      status,
      event.blockTimestamp,
    ]);
  }

  private async guaranteeIssued(manager: EntityManager, event: IndexedEvent): Promise<void> {
    await manager.query(
      `WITH issued AS (
         UPDATE exposure_guarantees SET status = 'active', updated_at = $2 WHERE guarantee_id = $1 AND status = 'offered'
         RETURNING financing_id, guarantor_organisation_id, covered_amount
       )
       UPDATE exposure_positions p
          SET guarantor_organisation_id = issued.guarantor_organisation_id, covered_amount = issued.covered_amount
         FROM issued WHERE p.financing_id = issued.financing_id`,
      [event.args.guaranteeId, event.blockTimestamp]
    );
  }

  private async guaranteeEnded(manager: EntityManager, event: IndexedEvent, status: string): Promise<void> {
    await manager.query(
      `WITH ended AS (
         UPDATE exposure_guarantees SET status = $2, updated_at = $3 WHERE guarantee_id = $1 RETURNING financing_id
       )
       UPDATE exposure_positions p SET guarantor_organisation_id = NULL, covered_amount = 0
         FROM ended WHERE p.financing_id = ended.financing_id`,
      [event.args.guaranteeId, status, event.blockTimestamp]
    );
  }
}
