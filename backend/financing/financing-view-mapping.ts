import type { FinancingActionView } from "./dto/financing-action.dto.js";
import type { FinancingDecisionView } from "./dto/financing-decision.dto.js";
import type { FinancingRequestView } from "./dto/financing-request.dto.js";
import type { FinancingAction } from "./financing-action.entity.js";
import type { FinancingDecision } from "./financing-decision.entity.js";
import type { FinancingRequest } from "./financing-request.entity.js";

export function financingRequestView(request: FinancingRequest): FinancingRequestView {
  return {
    id: request.id,
    groupId: request.groupId,
    financingId: request.financingId,
    status: request.status,
    holderOrganisationId: request.holderOrganisationId,
    holderAddress: request.holderAddress,
    bankOrganisationId: request.bankOrganisationId,
    debtorOrganisationId: request.debtorOrganisationId,
    voucherId: request.voucherId,
    partId: request.partId,
    kind: request.kind,
    recourse: request.recourse,
    amount: request.amount,
    minAdvance: request.minAdvance,
    advance: request.advance,
    rateBps: request.rateBps,
    repaymentAmount: request.repaymentAmount,
    approvedTxHash: request.approvedTxHash,
    approvedAt: request.approvedAt?.toISOString() ?? null,
    errorCode: request.errorCode,
    errorMessage: request.errorMessage,
    createdAt: request.createdAt.toISOString(),
  };
}

export function financingDecisionView(decision: FinancingDecision, request: FinancingRequest): FinancingDecisionView {
  return {
    id: decision.id,
    requestId: decision.requestId,
    outcome: decision.outcome,
    advance: decision.advance,
    rateBps: decision.rateBps,
    repaymentAmount: decision.repaymentAmount,
    reason: decision.reason,
    status: decision.status,
    errorCode: decision.errorCode,
    errorMessage: decision.errorMessage,
    autoPolicy: decision.autoPolicy,
    createdAt: decision.createdAt.toISOString(),
    request: financingRequestView(request),
  };
}

export function financingActionView(action: FinancingAction, request: FinancingRequest): FinancingActionView {
  return {
    id: action.id,
    requestId: action.requestId,
    action: action.action,
    organisationId: action.organisationId,
    status: action.status,
    errorCode: action.errorCode,
    errorMessage: action.errorMessage,
    createdAt: action.createdAt.toISOString(),
    request: financingRequestView(request),
  };
}
