import { randomUUID } from "node:crypto";
import { Injectable } from "@nestjs/common";
import { isUUID } from "class-validator";
import { DataSource, type EntityManager } from "typeorm";
import { ChainGateway, type ChainWriteRequest } from "../chain/chain-gateway.service.js";
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from "../common/domain-error.js";
import { decodeCursor, pageLimit, toPage } from "../common/pagination.js";
import { isUniqueViolation } from "../common/unique-violation.js";
import { ComplianceRulesReader } from "../compliance/compliance-rules.reader.js";
import { FinancingRequest } from "../financing/financing-request.entity.js";
import type { AuthenticatedOrganisation } from "../participants/authenticated-organisation.js";
import { Voucher } from "../receivables/voucher.entity.js";
import type { GuaranteeListQuery, GuaranteePage, GuaranteeView, OfferGuaranteeRequest } from "./dto/guarantee.dto.js";
import { Guarantee, type GuaranteeStatus } from "./guarantee.entity.js";
import { guaranteeView } from "./guarantee-view-mapping.js";

/** A step after the offer: who takes it, from which status, to which, and the chain call it makes. */
interface Step {
  name: "withdraw" | "accept" | "claim" | "payClaim";
  actor: "guarantor" | "bank";
  from: GuaranteeStatus;
  via: GuaranteeStatus;
}

const STEPS: Record<Step["name"], Step> = {
  withdraw: { name: "withdraw", actor: "guarantor", from: "offered", via: "withdrawing" },
  accept: { name: "accept", actor: "bank", from: "offered", via: "accepting" },
  claim: { name: "claim", actor: "bank", from: "active", via: "claiming" },
  payClaim: { name: "payClaim", actor: "guarantor", from: "claimed", via: "paying" },
};

/**
 * Guarantees on active financings: the guarantor offers cover for a fee, the bank accepts (paying the fee in
 * cash), and after a default the bank claims and the guarantor pays, taking over the covered value of the
 * bank's part (subrogation). Each step is a chain operation signed by the party whose step it is; capacity is
 * checked against ComplianceRules before anything is recorded.
 */
@Injectable()
export class GuaranteesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly gateway: ChainGateway,
    private readonly compliance: ComplianceRulesReader,
  ) {}

  async offer(guarantor: AuthenticatedOrganisation, body: OfferGuaranteeRequest, idempotencyKey: string | undefined): Promise<GuaranteeView> {
    const replayed = await this.replay(guarantor, body, idempotencyKey);
    if (replayed) return replayed;
    const financing = await this.dataSource.getRepository(FinancingRequest).findOne({ where: { id: body.financingRequestId } });
    if (!financing || financing.status !== "active" || financing.financingId === null) {
      throw new ConflictError("GUARANTEE_FINANCING_NOT_ACTIVE", "only an active financing can be guaranteed", {
        financingRequestId: body.financingRequestId,
      });
    }
    if (BigInt(body.coveredAmount) > BigInt(financing.amount)) {
      throw new ValidationError("GUARANTEE_COVER_OUT_OF_RANGE", "coveredAmount cannot exceed the financed amount", {
        coveredAmount: body.coveredAmount,
        financedAmount: financing.amount,
      });
    }
    const capacity = await this.compliance.guarantorCapacity(guarantor.id);
    let guarantee: Guarantee;
    try {
      guarantee = await this.dataSource.transaction(async (manager) => {
        // Serialises this guarantor's offers, so two cannot both fit in the last of its capacity.
        await manager.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [`guarantee.offer:${guarantor.id}`]);
        await this.checkCapacity(manager, guarantor.id, capacity, BigInt(body.coveredAmount), true);
        const id = randomUUID();
        const row = manager.getRepository(Guarantee).create({
          id,
          financingRequestId: financing.id,
          financingId: financing.financingId!,
          guarantorOrganisationId: guarantor.id,
          guarantorAddress: guarantor.chainAddress,
          bankOrganisationId: financing.bankOrganisationId,
          beneficiaryAddress: financing.bankAddress,
          coveredAmount: body.coveredAmount,
          fee: body.fee,
          status: "offering",
          businessKey: `guarantee.offer:${id}`,
          idempotencyKey: idempotencyKey ?? null,
        });
        await manager.getRepository(Guarantee).insert(row);
        await this.gateway.record(manager, [
          {
            businessKey: row.businessKey!,
            kind: "guarantee.offer",
            signer: guarantor.chainAddress,
            payload: { financingId: financing.financingId, coveredAmount: body.coveredAmount, fee: body.fee },
          },
        ]);
        return manager.getRepository(Guarantee).findOneByOrFail({ id });
      });
    } catch (error) {
      if (idempotencyKey !== undefined && isUniqueViolation(error, "guarantees_idempotency")) {
        return (await this.replay(guarantor, body, idempotencyKey))!;
      }
      throw error;
    }
    await this.gateway.wake([guarantor.chainAddress]);
    return guaranteeView(guarantee);
  }

  /** Takes a step; repeating a step already on its way answers with the guarantee as it stands. */
  async step(organisation: AuthenticatedOrganisation, guaranteeId: string, name: Step["name"]): Promise<GuaranteeView> {
    const step = STEPS[name];
    const capacity = name === "accept" ? await this.capacityOfGuarantee(organisation, guaranteeId) : undefined;
    const { guarantee, recorded } = await this.dataSource.transaction(async (manager) => {
      const guarantee = await this.lockVisible(manager, organisation, guaranteeId);
      const actorId = step.actor === "bank" ? guarantee.bankOrganisationId : guarantee.guarantorOrganisationId;
      if (actorId !== organisation.id) {
        throw new ForbiddenError("GUARANTEE_STEP_NOT_YOURS", `only the ${step.actor === "bank" ? "bank" : "guarantor"} can ${name} this guarantee`, {
          guaranteeId,
        });
      }
      if (guarantee.status === step.via) return { guarantee, recorded: false };
      if (guarantee.status !== step.from) {
        throw new ConflictError("GUARANTEE_STATUS_INVALID", `a ${guarantee.status} guarantee cannot be taken through ${name}`, {
          guaranteeId,
          status: guarantee.status,
        });
      }
      if (name === "accept") {
        await manager.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [`guarantee.offer:${guarantee.guarantorOrganisationId}`]);
        await this.checkCapacity(manager, guarantee.guarantorOrganisationId!, capacity!, BigInt(guarantee.coveredAmount), false);
      }
      if (name === "claim") await this.requireDefaulted(manager, guarantee);
      const write: ChainWriteRequest = {
        businessKey: `guarantee.${name}:${guarantee.id}:${randomUUID()}`,
        kind: `guarantee.${name}`,
        signer: organisation.chainAddress,
        payload: { guaranteeId: guarantee.guaranteeId },
      };
      await this.gateway.record(manager, [write]);
      await manager.getRepository(Guarantee).update({ id: guarantee.id }, { status: step.via, errorCode: null, errorMessage: null });
      return { guarantee: await manager.getRepository(Guarantee).findOneByOrFail({ id: guarantee.id }), recorded: true };
    });
    if (recorded) await this.gateway.wake([organisation.chainAddress]);
    return guaranteeView(guarantee);
  }

  async find(organisation: AuthenticatedOrganisation, guaranteeId: string): Promise<GuaranteeView> {
    return guaranteeView(await this.lockVisible(this.dataSource.manager, organisation, guaranteeId, false));
  }

  /** The guarantees the caller gave (guarantor) or holds (bank), newest first. */
  async list(organisation: AuthenticatedOrganisation, query: GuaranteeListQuery): Promise<GuaranteePage> {
    const limit = pageLimit(query);
    const after = query.cursor === undefined ? undefined : decodeCursor(query.cursor, 1);
    if (after !== undefined && !/^[0-9]{1,19}$/.test(String(after[0]))) {
      throw new ValidationError("INVALID_CURSOR", "cursor is not one this API returned: pass nextCursor unchanged", { cursor: query.cursor });
    }
    const rows = await this.dataSource
      .getRepository(Guarantee)
      .createQueryBuilder("guarantee")
      .where("(guarantee.guarantor_organisation_id = :organisation OR guarantee.bank_organisation_id = :organisation)", {
        organisation: organisation.id,
      })
      .andWhere(after ? "guarantee.seq < :after" : "true", after ? { after: String(after[0]) } : {})
      .orderBy("guarantee.seq", "DESC")
      .limit(limit + 1)
      .getMany();
    const page = toPage(rows, limit, (row) => [row.seq]);
    return { items: page.items.map(guaranteeView), nextCursor: page.nextCursor };
  }

  private async replay(guarantor: AuthenticatedOrganisation, body: OfferGuaranteeRequest, idempotencyKey: string | undefined) {
    if (idempotencyKey === undefined) return undefined;
    const existing = await this.dataSource
      .getRepository(Guarantee)
      .findOne({ where: { guarantorOrganisationId: guarantor.id, idempotencyKey } });
    if (!existing) return undefined;
    const same =
      existing.financingRequestId === body.financingRequestId && existing.coveredAmount === body.coveredAmount && existing.fee === body.fee;
    if (!same) {
      throw new ConflictError("IDEMPOTENCY_KEY_REUSED", "this Idempotency-Key was used for a different offer", { guaranteeId: existing.id });
    }
    return guaranteeView(existing);
  }

  /**
   * Capacity in use on chain, plus (for a new offer) this guarantor's offers not yet accepted: an offer is a
   * promise of cover, so offers beyond capacity are refused rather than left to fail at acceptance.
   */
  private async checkCapacity(
    manager: EntityManager,
    guarantorId: string,
    reading: { capacity: bigint; used: bigint },
    amount: bigint,
    countOpenOffers: boolean,
  ): Promise<void> {
    const [row] = (await manager.query(
      `SELECT coalesce(sum(covered_amount), 0)::text AS amount FROM guarantees
        WHERE guarantor_organisation_id = $1 AND status IN ('offering', 'offered', 'accepting')`,
      [guarantorId],
    )) as Array<{ amount: string }>;
    const open = countOpenOffers ? BigInt(row!.amount) : 0n;
    if (reading.used + open + amount > reading.capacity) {
      throw new ConflictError("COMPLIANCE_GUARANTOR_CAPACITY_EXCEEDED", "this cover would take the guarantor over the capacity the regulator set", {
        guarantorOrganisationId: guarantorId,
        used: reading.used.toString(),
        openOffers: open.toString(),
        amount: amount.toString(),
        capacity: reading.capacity.toString(),
      });
    }
  }

  private async capacityOfGuarantee(organisation: AuthenticatedOrganisation, guaranteeId: string) {
    const guarantee = await this.lockVisible(this.dataSource.manager, organisation, guaranteeId, false);
    return this.compliance.guarantorCapacity(guarantee.guarantorOrganisationId!);
  }

  private async requireDefaulted(manager: EntityManager, guarantee: Guarantee): Promise<void> {
    const financing = await manager.getRepository(FinancingRequest).findOneByOrFail({ id: guarantee.financingRequestId! });
    const voucher = await manager.getRepository(Voucher).findOneByOrFail({ id: financing.voucherId });
    if (voucher.status !== "defaulted") {
      throw new ConflictError("GUARANTEE_VOUCHER_NOT_DEFAULTED", "a claim needs the voucher to be in default", {
        voucherId: voucher.id,
        status: voucher.status,
      });
    }
  }

  /** The guarantee, for its guarantor or its bank; 404 for everyone else. Not-yet-on-chain offers cannot step. */
  private async lockVisible(manager: EntityManager, organisation: AuthenticatedOrganisation, guaranteeId: string, lock = true): Promise<Guarantee> {
    const guarantee = isUUID(guaranteeId)
      ? await manager.getRepository(Guarantee).findOne({ where: { id: guaranteeId }, ...(lock ? { lock: { mode: "pessimistic_write" as const } } : {}) })
      : null;
    if (!guarantee || (guarantee.guarantorOrganisationId !== organisation.id && guarantee.bankOrganisationId !== organisation.id)) {
      throw new NotFoundError("GUARANTEE_NOT_FOUND", "no such guarantee", { guaranteeId });
    }
    return guarantee;
  }
}
