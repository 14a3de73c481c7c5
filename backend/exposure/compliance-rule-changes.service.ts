import { createHash, randomUUID } from "node:crypto";
import { Injectable } from "@nestjs/common";
import { DataSource } from "typeorm";
import { ChainGateway } from "../chain/chain-gateway.service.js";
import { ConflictError, NotFoundError, ValidationError } from "../common/domain-error.js";
import type { AuthenticatedOrganisation } from "../participants/authenticated-organisation.js";
import { type Role, organisationIdToBytes16 } from "../participants/roles.js";
import type { RuleChangeView } from "./dto/rule-change.dto.js";

type RuleKind = "compliance.setExposureLimit" | "compliance.setGuarantorCapacity";

interface OperationRow {
  id: string;
  kind: string;
  payload: Record<string, unknown>;
  status: string;
  error_code: string | null;
  created_at: Date;
}

/**
 * The regulator changes ComplianceRules on chain: a bank's limit on one debtor, a guarantor's capacity. The
 * write is signed with the regulator organisation's own key (the contract checks its REGULATOR role), so the
 * rule in force is the chain's, never a database flag; the limits views follow from the contract's events.
 */
@Injectable()
export class ComplianceRuleChanges {
  constructor(private readonly dataSource: DataSource, private readonly chainGateway: ChainGateway) {}

  async setExposureLimit(
    regulator: AuthenticatedOrganisation,
    bankId: string,
    debtorId: string,
    limit: string,
    idempotencyKey: string | undefined
  ): Promise<RuleChangeView> {
    await this.requireRole(bankId, "bank", "bankId");
    await this.requireRole(debtorId, "core_enterprise", "debtorId");
    return this.record(regulator, "compliance.setExposureLimit", idempotencyKey, {
      bankOrganisationId: organisationIdToBytes16(bankId),
      debtorOrganisationId: organisationIdToBytes16(debtorId),
      limit,
    });
  }

  async setGuarantorCapacity(
    regulator: AuthenticatedOrganisation,
    guarantorId: string,
    capacity: string,
    idempotencyKey: string | undefined
  ): Promise<RuleChangeView> {
    await this.requireRole(guarantorId, "guarantor", "guarantorId");
    return this.record(regulator, "compliance.setGuarantorCapacity", idempotencyKey, {
      guarantorOrganisationId: organisationIdToBytes16(guarantorId),
      capacity,
    });
  }

  async get(regulator: AuthenticatedOrganisation, id: string): Promise<RuleChangeView> {
    const rows: OperationRow[] = /^[0-9a-f-]{36}$/i.test(id)
      ? await this.dataSource.query(
          `SELECT id, kind, payload, status, error_code, created_at FROM chain_operations
            WHERE id = $1 AND kind LIKE 'compliance.%' AND signer_address = $2`,
          [id, regulator.chainAddress]
        )
      : [];
    if (rows.length === 0) throw new NotFoundError("RULE_CHANGE_NOT_FOUND", "no such rule change of yours", { id });
    return view(rows[0]!);
  }

  private async record(
    regulator: AuthenticatedOrganisation,
    kind: RuleKind,
    idempotencyKey: string | undefined,
    payload: Record<string, string>
  ): Promise<RuleChangeView> {
    // A retry with the same Idempotency-Key finds the same operation; without one, every request is a new change.
    const businessKey = `${kind}:${regulator.id}:${
      idempotencyKey === undefined ? randomUUID() : sha256(idempotencyKey)
    }`;
    const row = await this.dataSource.transaction(async (manager) => {
      await this.chainGateway.record(manager, [{ businessKey, kind, signer: regulator.chainAddress, payload }]);
      const [operation]: OperationRow[] = await manager.query(
        `SELECT id, kind, payload, status, error_code, created_at FROM chain_operations WHERE business_key = $1`,
        [businessKey]
      );
      return operation!;
    });
    if (row.kind !== kind || !samePayload(row.payload, payload)) {
      throw new ConflictError("IDEMPOTENCY_KEY_REUSED", "this Idempotency-Key was used for a different rule change", {
        operationId: row.id,
      });
    }
    await this.chainGateway.wake([regulator.chainAddress]);
    return view(row);
  }

  private async requireRole(organisationId: string, role: Role, field: string): Promise<void> {
    const rows: Array<{ roles: Role[] }> = await this.dataSource.query(
      `SELECT roles FROM organisations WHERE id = $1`,
      [organisationId]
    );
    if (rows.length === 0)
      throw new NotFoundError("ORGANISATION_NOT_FOUND", `no organisation ${organisationId}`, {
        [field]: organisationId,
      });
    if (!rows[0]!.roles.includes(role)) {
      throw new ValidationError(
        "ORGANISATION_ROLE_MISMATCH",
        `${field} must name an organisation with the ${role} role`,
        {
          [field]: organisationId,
          role,
        }
      );
    }
  }
}

function view(row: OperationRow): RuleChangeView {
  return {
    id: row.id,
    kind: row.kind,
    payload: row.payload,
    status: row.status,
    errorCode: row.error_code,
    createdAt: row.created_at.toISOString(),
  };
}

/** jsonb reorders keys, so payloads are compared key by key. */
function samePayload(stored: Record<string, unknown>, asked: Record<string, string>): boolean {
  const keys = Object.keys(asked);
  return Object.keys(stored).length === keys.length && keys.every((key) => String(stored[key]) === asked[key]);
}

function sha256(value: string): string {
  return createHash("sha256").update(value).digest("hex");
}
