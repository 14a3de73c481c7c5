import { randomUUID } from "node:crypto";
import { Injectable } from "@nestjs/common";
import { isUUID } from "class-validator";
import { DataSource, type EntityManager } from "typeorm";
import { ChainGateway } from "../chain/chain-gateway.service.js";
import type { OperationKindName } from "../chain/operation-kinds.js";
import { ConflictError, ForbiddenError, NotFoundError } from "../common/domain-error.js";
import { isUniqueViolation } from "../common/unique-violation.js";
import type { AuthenticatedOrganisation } from "../participants/authenticated-organisation.js";
import { VoucherPart } from "../receivables/voucher-part.entity.js";
import { Voucher } from "../receivables/voucher.entity.js";
import type { FinancingActionView } from "./dto/financing-action.dto.js";
import { FinancingAction, type FinancingActionName } from "./financing-action.entity.js";
import { FinancingRequest, type FinancingKindName } from "./financing-request.entity.js";
import { financingActionView } from "./financing-view-mapping.js";

/** A step after approval: who takes it, on which kind of financing, what it needs, and its chain call. */
interface Step {
  actor: "holder" | "bank";
  financingKind: FinancingKindName;
  operation: OperationKindName;
  /** The voucher must be in default (Financing._requireDefaulted). */
  afterDefault: boolean;
  /** The bank's own hold must still be on the part (Financing._bankHoldOn). */
  needsHold: boolean;
}

export const FINANCING_STEPS: Record<FinancingActionName, Step> = {
  repay: { actor: "holder", financingKind: "pledge_loan", operation: "financing.repayLoan", afterDefault: false, needsHold: true },
  close: { actor: "bank", financingKind: "pledge_loan", operation: "financing.closeLoan", afterDefault: false, needsHold: false },
  enforce_pledge: { actor: "bank", financingKind: "pledge_loan", operation: "financing.enforcePledge", afterDefault: true, needsHold: true },
  exercise_recourse: { actor: "bank", financingKind: "factoring", operation: "financing.exerciseRecourse", afterDefault: true, needsHold: false },
};

/**
 * The life of an active financing: the holder repays a loan (its hold's value in cash to the bank, the hold
 * lifted), the bank closes a loan repaid outside the platform, and after a default the bank enforces its pledge
 * (the held value becomes a part it holds) or, having factored with recourse, sells the part back to the seller
 * for its value. Each step is a row and its chain operation, signed by the party whose step it is, recorded in
 * one transaction.
 *
 * What the contract would certainly refuse (wrong kind, no recourse, not active, not in default, hold gone, part
 * no longer the bank's) is refused first with a stable code and nothing is written. What only the chain knows
 * for sure (the seller's cash at the moment of recourse) fails the step with the contract's decoded error
 * (financing-chain-failures.ts), and the step can be taken again under a new Idempotency-Key.
 */
@Injectable()
export class FinancingActionsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly gateway: ChainGateway,
  ) {}

  async take(
    organisation: AuthenticatedOrganisation,
    requestId: string,
    name: FinancingActionName,
    idempotencyKey: string | undefined,
  ): Promise<FinancingActionView> {
    const replayed = await this.replay(organisation, requestId, name, idempotencyKey);
    if (replayed) return replayed;
    let taken: { action: FinancingAction; recorded: boolean };
    try {
      taken = await this.dataSource.transaction((manager) => this.record(manager, organisation, requestId, name, idempotencyKey));
    } catch (error) {
      if (idempotencyKey !== undefined && isUniqueViolation(error, "financing_actions_idempotency")) {
        return (await this.replay(organisation, requestId, name, idempotencyKey))!;
      }
      if (isUniqueViolation(error, "financing_actions_pending")) {
        throw new ConflictError("FINANCING_ACTION_IN_PROGRESS", "another step on this financing is on its way to the chain", { requestId });
      }
      throw error;
    }
    if (taken.recorded) await this.gateway.wake([organisation.chainAddress]);
    return this.view(taken.action);
  }

  /** A step, for the holder and the bank of its financing; 404 for everyone else. */
  async find(organisation: AuthenticatedOrganisation, actionId: string): Promise<FinancingActionView> {
    const action = isUUID(actionId) ? await this.dataSource.getRepository(FinancingAction).findOne({ where: { id: actionId } }) : null;
    const request = action ? await this.dataSource.getRepository(FinancingRequest).findOneByOrFail({ id: action.requestId }) : null;
    if (!action || !request || (request.holderOrganisationId !== organisation.id && request.bankOrganisationId !== organisation.id)) {
      throw new NotFoundError("FINANCING_ACTION_NOT_FOUND", "no such financing action", { actionId });
    }
    return financingActionView(action, request);
  }

  private async replay(
    organisation: AuthenticatedOrganisation,
    requestId: string,
    name: FinancingActionName,
    idempotencyKey: string | undefined,
  ): Promise<FinancingActionView | undefined> {
    if (idempotencyKey === undefined) return undefined;
    const existing = await this.dataSource
      .getRepository(FinancingAction)
      .findOne({ where: { organisationId: organisation.id, idempotencyKey } });
    if (!existing) return undefined;
    if (existing.requestId !== requestId || existing.action !== name) {
      throw new ConflictError("IDEMPOTENCY_KEY_REUSED", "this Idempotency-Key was used for a different step", { actionId: existing.id });
    }
    return this.view(existing);
  }

  private async record(
    manager: EntityManager,
    organisation: AuthenticatedOrganisation,
    requestId: string,
    name: FinancingActionName,
    idempotencyKey: string | undefined,
  ): Promise<{ action: FinancingAction; recorded: boolean }> {
    const step = FINANCING_STEPS[name];
    const request = await this.lockVisible(manager, organisation, requestId, step);
    const pending = await manager.getRepository(FinancingAction).findOne({ where: { requestId: request.id, status: "pending" } });
    if (pending) {
      // Asking again for the step already on its way answers with it; another step has to wait for it.
      if (pending.action === name && pending.organisationId === organisation.id) return { action: pending, recorded: false };
      throw new ConflictError("FINANCING_ACTION_IN_PROGRESS", `a ${pending.action} step on this financing is on its way to the chain`, {
        requestId,
        actionId: pending.id,
      });
    }
    await this.check(manager, request, name, step);

    const id = randomUUID();
    const action = manager.getRepository(FinancingAction).create({
      id,
      requestId: request.id,
      organisationId: organisation.id,
      action: name,
      status: "pending",
      businessKey: `financing.action:${id}`,
      idempotencyKey: idempotencyKey ?? null,
    });
    await manager.getRepository(FinancingAction).insert(action);
    await manager.getRepository(FinancingRequest).update({ id: request.id }, { errorCode: null, errorMessage: null });
    await this.gateway.record(manager, [
      {
        businessKey: action.businessKey,
        kind: step.operation,
        signer: organisation.chainAddress,
        payload: { financingId: request.financingId },
      },
    ]);
    return { action: await manager.getRepository(FinancingAction).findOneByOrFail({ id }), recorded: true };
  }

  /** The contract's preconditions, in the order a caller can act on them, each with its own code. */
  private async check(manager: EntityManager, request: FinancingRequest, name: FinancingActionName, step: Step): Promise<void> {
    const where = { requestId: request.id };
    if (request.kind !== step.financingKind) {
      throw new ConflictError("FINANCING_KIND_MISMATCH", `${name} applies to ${step.financingKind} financings only`, {
        ...where,
        kind: request.kind,
      });
    }
    if (name === "exercise_recourse" && !request.recourse) {
      throw new ConflictError("FINANCING_WITHOUT_RECOURSE", "this part was factored without recourse: the seller owes nothing back", where);
    }
    if (request.status !== "active" || request.financingId === null || request.bankAddress === null) {
      throw new ConflictError("FINANCING_NOT_ACTIVE", `a ${request.status} financing cannot be taken through ${name}`, {
        ...where,
        status: request.status,
      });
    }
    if (step.afterDefault) {
      const voucher = await manager.getRepository(Voucher).findOneByOrFail({ id: request.voucherId });
      if (voucher.status !== "defaulted") {
        throw new ConflictError("FINANCING_VOUCHER_NOT_DEFAULTED", `${name} needs the voucher to be in default`, {
          ...where,
          voucherId: voucher.id,
          status: voucher.status,
        });
      }
    }
    const part = await manager.getRepository(VoucherPart).findOneByOrFail({ id: request.partId });
    const bank = request.bankAddress.toLowerCase();
    if (step.needsHold && !(part.holdBeneficiary?.toLowerCase() === bank && BigInt(part.heldAmount) > 0n)) {
      throw new ConflictError("FINANCING_HOLD_MISSING", "the bank's hold is no longer on the part (lifted or enforced)", {
        ...where,
        partId: part.id,
      });
    }
    if (name === "exercise_recourse" && part.holderAddress.toLowerCase() !== bank) {
      throw new ConflictError("FINANCING_PART_NOT_HELD_BY_BANK", "the bank no longer holds the factored part, so it cannot sell it back", {
        ...where,
        partId: part.id,
      });
    }
  }

  /**
   * The request, locked. Bank steps see only requests addressed to the bank (as its inbox does); the holder's
   * step is refused to the bank with a 403 and hidden from everyone else.
   */
  private async lockVisible(
    manager: EntityManager,
    organisation: AuthenticatedOrganisation,
    requestId: string,
    step: Step,
  ): Promise<FinancingRequest> {
    const request = isUUID(requestId)
      ? await manager.getRepository(FinancingRequest).findOne({ where: { id: requestId }, lock: { mode: "pessimistic_write" } })
      : null;
    const visible =
      request !== null &&
      (step.actor === "bank"
        ? request.bankOrganisationId === organisation.id
        : request.holderOrganisationId === organisation.id || request.bankOrganisationId === organisation.id);
    if (!visible) {
      const message = step.actor === "bank" ? "no such financing request addressed to you" : "no such financing request";
      throw new NotFoundError("FINANCING_REQUEST_NOT_FOUND", message, { requestId });
    }
    if (step.actor === "holder" && request.holderOrganisationId !== organisation.id) {
      throw new ForbiddenError("FINANCING_NOT_REQUESTER", "only the holder who was financed can repay", { requestId });
    }
    return request;
  }

  private async view(action: FinancingAction): Promise<FinancingActionView> {
    const request = await this.dataSource.getRepository(FinancingRequest).findOneByOrFail({ id: action.requestId });
    return financingActionView(action, request);
  }
}
