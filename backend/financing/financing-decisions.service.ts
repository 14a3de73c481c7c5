import { randomUUID } from "node:crypto";
import { Injectable } from "@nestjs/common";
import { isUUID } from "class-validator";
import { encodeBytes32String } from "ethers";
import { DataSource, type EntityManager } from "typeorm";
import { ChainGateway } from "../chain/chain-gateway.service.js";
import { ConflictError, NotFoundError, ValidationError } from "../common/domain-error.js";
import { isUniqueViolation } from "../common/unique-violation.js";
import { ComplianceRulesReader } from "../compliance/compliance-rules.reader.js";
import type { AuthenticatedOrganisation } from "../participants/authenticated-organisation.js";
import { VoucherPart } from "../receivables/voucher-part.entity.js";
import { Voucher } from "../receivables/voucher.entity.js";
import { DecisionDataService } from "./decision-data.service.js";
import type { ApproveFinancingRequest, FinancingDecisionView, RejectFinancingRequest } from "./dto/financing-decision.dto.js";
import { FinancingDecision } from "./financing-decision.entity.js";
import { FinancingRequest } from "./financing-request.entity.js";
import { financingOfPart } from "./financing-statuses.js";
import { financingDecisionView } from "./financing-view-mapping.js";

export type DecisionInput = { outcome: "approve"; terms: ApproveFinancingRequest } | { outcome: "reject"; terms: RejectFinancingRequest };

/** A decision the platform takes for the bank under its policy: the assessment it matched and the policy's snapshot. */
export interface AutomaticDecision {
  risk: Record<string, unknown>;
  policy: Record<string, unknown>;
}

/**
 * A bank approves or rejects a request addressed to it. The decision and its chain operation (signed by the
 * bank's own account: approval is delivery versus payment from its cash) are recorded in one transaction.
 *
 * Paying once: a retry with the same Idempotency-Key returns the recorded decision; a unique index allows one
 * pending-or-confirmed decision per request, and the contract itself settles a financing at most once.
 * Failing cleanly: what the chain would certainly refuse (limit, advance range, part moved) is refused before
 * anything is written; if the chain still refuses (a limit lowered meanwhile), the decision is marked failed
 * with the decoded code and the request is decidable again (financing-chain-failures.ts).
 */
@Injectable()
export class FinancingDecisionsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly gateway: ChainGateway,
    private readonly compliance: ComplianceRulesReader,
    private readonly decisionData: DecisionDataService,
  ) {}

  async decide(
    bank: AuthenticatedOrganisation,
    requestId: string,
    input: DecisionInput,
    idempotencyKey: string | undefined,
    automatic?: AutomaticDecision,
  ): Promise<FinancingDecisionView> {
    const replayed = await this.replay(bank, requestId, input, idempotencyKey);
    if (replayed) return replayed;
    const addressed = isUUID(requestId)
      ? await this.dataSource.getRepository(FinancingRequest).findOne({ where: { id: requestId, bankOrganisationId: bank.id } })
      : null;
    if (!addressed) {
      throw new NotFoundError("FINANCING_REQUEST_NOT_FOUND", "no such financing request addressed to you", { requestId });
    }
    // The assessment the bank decided against is kept with the decision, for audit.
    // An automatic decision keeps the assessment its policy was matched against.
    const pricing = automatic?.risk ?? (addressed.status === "requested" ? (await this.decisionData.forBank(bank, requestId)).risk : null);
    let decision: FinancingDecision;
    try {
      decision = await this.dataSource.transaction((manager) =>
        this.record(manager, bank, requestId, input, idempotencyKey, pricing, automatic?.policy ?? null),
      );
    } catch (error) {
      if (idempotencyKey !== undefined && isUniqueViolation(error, "financing_decisions_idempotency")) {
        return (await this.replay(bank, requestId, input, idempotencyKey))!;
      }
      if (isUniqueViolation(error, "financing_decisions_live")) {
        throw new ConflictError("FINANCING_ALREADY_DECIDED", "another decision on this request is on its way or done", { requestId });
      }
      throw error;
    }
    await this.gateway.wake([bank.chainAddress]);
    return this.view(decision);
  }

  private async replay(
    bank: AuthenticatedOrganisation,
    requestId: string,
    input: DecisionInput,
    idempotencyKey: string | undefined,
  ): Promise<FinancingDecisionView | undefined> {
    if (idempotencyKey === undefined) return undefined;
    const existing = await this.dataSource
      .getRepository(FinancingDecision)
      .findOne({ where: { bankOrganisationId: bank.id, idempotencyKey } });
    if (!existing) return undefined;
    if (!sameDecision(existing, requestId, input)) {
      throw new ConflictError("IDEMPOTENCY_KEY_REUSED", "this Idempotency-Key was used for a different decision", {
        decisionId: existing.id,
      });
    }
    return this.view(existing);
  }

  private async record(
    manager: EntityManager,
    bank: AuthenticatedOrganisation,
    requestId: string,
    input: DecisionInput,
    idempotencyKey: string | undefined,
    pricing: unknown,
    autoPolicy: Record<string, unknown> | null,
  ): Promise<FinancingDecision> {
    const request = await manager
      .getRepository(FinancingRequest)
      .findOneOrFail({ where: { id: requestId, bankOrganisationId: bank.id }, lock: { mode: "pessimistic_write" } });
    if (request.status !== "requested") {
      throw new ConflictError(
        request.status === "deciding" || request.status === "active" || request.status === "rejected"
          ? "FINANCING_ALREADY_DECIDED"
          : "FINANCING_REQUEST_NOT_DECIDABLE",
        `the request is ${request.status}: only a requested financing can be decided`,
        { requestId, status: request.status },
      );
    }
    if (input.outcome === "approve") await this.checkApproval(manager, bank, request, input.terms);

    const id = randomUUID();
    const terms = input.outcome === "approve" ? input.terms : undefined;
    const repaymentAmount = terms ? (request.kind === "factoring" ? request.amount : terms.repaymentAmount!) : null;
    const decision = manager.getRepository(FinancingDecision).create({
      id,
      requestId: request.id,
      bankOrganisationId: bank.id,
      outcome: input.outcome,
      advance: terms?.advance ?? null,
      rateBps: terms?.rateBps ?? null,
      repaymentAmount,
      reason: input.outcome === "reject" ? input.terms.reason : null,
      status: "pending",
      businessKey: `financing.decision:${id}`,
      idempotencyKey: idempotencyKey ?? null,
      pricing: pricing as Record<string, unknown> | null,
      autoPolicy,
    });
    await manager.getRepository(FinancingDecision).save(decision);
    await manager.getRepository(FinancingRequest).update({ id: request.id }, { status: "deciding", errorCode: null, errorMessage: null });
    await this.gateway.record(manager, [
      input.outcome === "reject"
        ? {
            businessKey: decision.businessKey,
            kind: "financing.reject",
            signer: bank.chainAddress,
            payload: { financingId: request.financingId, reason: encodeBytes32String(input.terms.reason) },
          }
        : {
            businessKey: decision.businessKey,
            kind: request.kind === "factoring" ? "financing.approveFactoring" : "financing.approveLoan",
            signer: bank.chainAddress,
            payload: { financingId: request.financingId, advance: terms!.advance, rateBps: terms!.rateBps, repaymentAmount },
          },
    ]);
    return manager.getRepository(FinancingDecision).findOneByOrFail({ id });
  }

  /** What the contract would refuse, refused first with the same codes: nothing is written then. */
  private async checkApproval(
    manager: EntityManager,
    bank: AuthenticatedOrganisation,
    request: FinancingRequest,
    terms: ApproveFinancingRequest,
  ): Promise<void> {
    const where = { requestId: request.id };
    const advance = BigInt(terms.advance);
    if (advance < BigInt(request.minAdvance) || advance > BigInt(request.amount)) {
      throw new ValidationError("FINANCING_ADVANCE_OUT_OF_RANGE", "advance must lie between the holder's minAdvance and the amount", {
        ...where,
        advance: terms.advance,
        minAdvance: request.minAdvance,
        maximum: request.amount,
      });
    }
    if (request.kind === "factoring" && terms.repaymentAmount !== undefined) {
      throw new ValidationError("FINANCING_REPAYMENT_UNEXPECTED", "factoring is repaid by the part itself: leave repaymentAmount out", where);
    }
    if (request.kind === "pledge_loan") {
      const repayment = terms.repaymentAmount === undefined ? undefined : BigInt(terms.repaymentAmount);
      if (repayment === undefined || repayment < advance || repayment > BigInt(request.amount)) {
        throw new ValidationError("FINANCING_REPAYMENT_OUT_OF_RANGE", "a loan's repaymentAmount must lie between advance and the pledged amount", {
          ...where,
          repaymentAmount: terms.repaymentAmount ?? null,
          advance: terms.advance,
          pledged: request.amount,
        });
      }
    }
    if (terms.recourse !== undefined && terms.recourse !== request.recourse) {
      throw new ConflictError("FINANCING_RECOURSE_MISMATCH", "the holder asked for different recourse terms", {
        ...where,
        recourse: request.recourse,
      });
    }
    // Checked before the holding below: a part another bank financed has also left its seller, and this says why.
    const financed = await financingOfPart(manager, request.partId);
    if (financed) throw new ConflictError("VOUCHER_PART_FINANCED", "this part is already financed", { ...where, financedBy: financed });
    const part = await manager.getRepository(VoucherPart).findOneByOrFail({ id: request.partId });
    const stillHeld =
      part.status === "live" &&
      part.holderAddress.toLowerCase() === request.holderAddress.toLowerCase() &&
      (request.kind === "factoring" ? part.amount === request.amount : BigInt(part.heldAmount) === 0n);
    if (!stillHeld) {
      throw new ConflictError("FINANCING_SELLER_NO_LONGER_HOLDS", "the holder no longer holds the part as requested", {
        ...where,
        partId: part.id,
      });
    }
    const voucher = await manager.getRepository(Voucher).findOneByOrFail({ id: request.voucherId });
    if (voucher.status !== "active" || voucher.frozen) {
      throw new ConflictError("FINANCING_VOUCHER_NOT_FINANCEABLE", "the voucher is no longer active and unfrozen", {
        ...where,
        voucherId: voucher.id,
      });
    }
    await this.checkExposure(manager, bank, request);
  }

  /**
   * The limit the contract will check, read on chain, plus this bank's approvals on the same debtor still on
   * their way (booked only once mined): two approvals racing for the last headroom cannot both pass here.
   */
  private async checkExposure(manager: EntityManager, bank: AuthenticatedOrganisation, request: FinancingRequest): Promise<void> {
    const { exposure, limit } = await this.compliance.exposure(bank.id, request.debtorOrganisationId);
    const [pending] = (await manager.query(
      `SELECT coalesce(sum(request.amount), 0)::text AS amount FROM financing_requests request
         JOIN financing_decisions decision ON decision.request_id = request.id
        WHERE request.bank_organisation_id = $1 AND request.debtor_organisation_id = $2
          AND decision.status = 'pending' AND decision.outcome = 'approve'`,
      [bank.id, request.debtorOrganisationId],
    )) as Array<{ amount: string }>;
    const pendingAmount = BigInt(pending!.amount);
    if (exposure + pendingAmount + BigInt(request.amount) > limit) {
      throw new ConflictError("COMPLIANCE_EXPOSURE_LIMIT_EXCEEDED", "approving would take your exposure to this debtor over the regulator's limit", {
        requestId: request.id,
        debtorOrganisationId: request.debtorOrganisationId,
        exposure: exposure.toString(),
        pendingApprovals: pendingAmount.toString(),
        amount: request.amount,
        limit: limit.toString(),
      });
    }
  }

  private async view(decision: FinancingDecision): Promise<FinancingDecisionView> {
    const request = await this.dataSource.getRepository(FinancingRequest).findOneByOrFail({ id: decision.requestId });
    return financingDecisionView(decision, request);
  }
}

function sameDecision(decision: FinancingDecision, requestId: string, input: DecisionInput): boolean {
  if (decision.requestId !== requestId || decision.outcome !== input.outcome) return false;
  if (input.outcome === "reject") return decision.reason === input.terms.reason;
  return (
    decision.advance === input.terms.advance &&
    decision.rateBps === input.terms.rateBps &&
    (input.terms.repaymentAmount === undefined || decision.repaymentAmount === input.terms.repaymentAmount)
  );
}
