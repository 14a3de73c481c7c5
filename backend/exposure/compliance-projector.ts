import { Injectable, type OnModuleInit } from "@nestjs/common";
import type { EntityManager } from "typeorm";
import { ChainProjectors, type IndexedEvent } from "../chain/chain-projectors.js";
import { bytes16ToOrganisationId } from "../participants/roles.js";

/**
 * ComplianceRules events -> the limits the regulator set and the figures the contract booked against them
 * (exposure per bank-debtor pair, cover used per guarantor). The contract emits the new value, not a delta,
 * so every handler is a plain upsert and replays change nothing.
 */
@Injectable()
export class ComplianceProjector implements OnModuleInit {
  constructor(private readonly projectors: ChainProjectors) {}

  onModuleInit(): void {
    const handlers: Record<string, (manager: EntityManager, args: Record<string, string>, at: Date) => Promise<void>> =
      {
        DefaultExposureLimitSet: (manager, args, at) =>
          this.parameter(manager, "default_exposure_limit", args.limit!, at),
        GracePeriodSet: (manager, args, at) => this.parameter(manager, "grace_period", args.gracePeriod!, at),
        ExposureLimitSet: (manager, args, at) => this.pair(manager, args, "limit_override", args.limit!, at),
        ExposureLimitCleared: (manager, args, at) => this.pair(manager, args, "limit_override", null, at),
        ExposureChanged: (manager, args, at) => this.pair(manager, args, "booked_exposure", args.exposure!, at),
        GuarantorCapacitySet: (manager, args, at) => this.guarantor(manager, args, "capacity", args.capacity!, at),
        GuaranteeCapacityUsed: (manager, args, at) => this.guarantor(manager, args, "used", args.used!, at),
      };
    for (const [name, handler] of Object.entries(handlers)) {
      this.projectors.on(
        name,
        (manager, event) => handler(manager, event.args as Record<string, string>, event.blockTimestamp),
        (event: IndexedEvent) => event.contract === "ComplianceRules"
      );
    }
  }

  private async parameter(manager: EntityManager, name: string, value: string, at: Date): Promise<void> {
    await manager.query(
      `INSERT INTO compliance_parameters (name, value, updated_at) VALUES ($1, $2, $3)
       ON CONFLICT (name) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
      [name, value, at]
    );
  }

  private async pair(
    manager: EntityManager,
    args: Record<string, string>,
    column: "limit_override" | "booked_exposure",
    value: string | null,
    at: Date
  ): Promise<void> {
    await manager.query(
      `INSERT INTO exposure_limits (bank_organisation_id, debtor_organisation_id, ${column}, updated_at) VALUES ($1, $2, $3, $4)
       ON CONFLICT (bank_organisation_id, debtor_organisation_id)
       DO UPDATE SET ${column} = excluded.${column}, updated_at = excluded.updated_at`,
      [
        bytes16ToOrganisationId(args.bankOrganisation!),
        bytes16ToOrganisationId(args.debtorOrganisation!),
        value ?? (column === "booked_exposure" ? "0" : null),
        at,
      ]
    );
  }

  private async guarantor(
    manager: EntityManager,
    args: Record<string, string>,
    column: "capacity" | "used",
    value: string,
    at: Date
  ): Promise<void> {
    await manager.query(
      `INSERT INTO guarantor_capacities (guarantor_organisation_id, ${column}, updated_at) VALUES ($1, $2, $3)
       ON CONFLICT (guarantor_organisation_id) DO UPDATE SET ${column} = excluded.${column}, updated_at = excluded.updated_at`,
      [bytes16ToOrganisationId(args.guarantorOrganisation!), value, at]
    );
  }
}
