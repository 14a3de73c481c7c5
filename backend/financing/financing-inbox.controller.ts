import { Body, Controller, Get, Headers, HttpCode, HttpStatus, Param, Post, Query } from "@nestjs/common";
import {
  ApiAcceptedResponse,
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiConflictResponse,
  ApiForbiddenResponse,
  ApiHeader,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from "@nestjs/swagger";
import { ErrorResponse } from "../common/error-response.js";
import { IDEMPOTENCY_KEY_HEADER, idempotencyKeyOf } from "../common/idempotency-key.js";
import { type AuthenticatedOrganisation, CurrentOrganisation, RequireRoles } from "../participants/authenticated-organisation.js";
import { DecisionDataService } from "./decision-data.service.js";
import { FinancingActionView } from "./dto/financing-action.dto.js";
import { DecisionDataView } from "./dto/decision-data.dto.js";
import { ApproveFinancingRequest, FinancingDecisionView, RejectFinancingRequest } from "./dto/financing-decision.dto.js";
import { FinancingListQuery } from "./dto/financing-list.query.js";
import { FinancingRequestPage } from "./dto/financing-request.dto.js";
import { FinancingActionsService } from "./financing-actions.service.js";
import { FinancingDecisionsService } from "./financing-decisions.service.js";
import { FinancingQueries } from "./financing-queries.service.js";

const IDEMPOTENCY_HEADER_DOC = {
  name: "Idempotency-Key",
  required: false,
  description: "Send one: a retry with the same key and body returns the first decision and never pays twice.",
};

const ACTION_IDEMPOTENCY_HEADER_DOC = {
  name: "Idempotency-Key",
  required: false,
  description: "Send one: a retry with the same key returns the first action; after a failed action, use a new key.",
};

/** The bank's side of financing: its inbox, the data to decide on, and the decision. */
@ApiTags("financing")
@ApiBearerAuth("api-key")
@RequireRoles("bank")
@Controller("v1/financing/inbox")
export class FinancingInboxController {
  constructor(
    private readonly queries: FinancingQueries,
    private readonly decisionData: DecisionDataService,
    private readonly decisions: FinancingDecisionsService,
    private readonly actions: FinancingActionsService,
  ) {}

  @Get()
  @ApiOperation({ summary: "Requests addressed to the calling bank, newest first, filtered by status, kind, debtor, creation time" })
  @ApiOkResponse({ type: FinancingRequestPage })
  @ApiBadRequestResponse({ type: ErrorResponse, description: "VALIDATION_FAILED, INVALID_CURSOR" })
  @ApiForbiddenResponse({ type: ErrorResponse, description: "ROLE_REQUIRED" })
  list(@CurrentOrganisation() bank: AuthenticatedOrganisation, @Query() query: FinancingListQuery): Promise<FinancingRequestPage> {
    return this.queries.list(bank, "bank", query);
  }

  @Get(":id/decision-data")
  @ApiOperation({
    summary: "What the bank decides on: voucher and lineage, invoice status, debtor record, exposure, cover, risk score and price",
    description:
      "The risk assessment carries its model version and every input (backend/financing/risk-pricing.ts documents " +
      "the formula), so the bank can recompute it. supplierSharedData holds the holder's tax summary when the holder " +
      "consented (read and logged through data sharing, against this request), or the code saying why not.",
  })
  @ApiOkResponse({ type: DecisionDataView })
  @ApiForbiddenResponse({ type: ErrorResponse, description: "ROLE_REQUIRED" })
  @ApiNotFoundResponse({ type: ErrorResponse, description: "FINANCING_REQUEST_NOT_FOUND: no such request addressed to this bank" })
  data(@CurrentOrganisation() bank: AuthenticatedOrganisation, @Param("id") id: string): Promise<DecisionDataView> {
    return this.decisionData.forBank(bank, id);
  }

  @Post(":id/approve")
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiOperation({
    summary: "Approve: settle on chain at once, the advance in cash to the holder against the part (or a hold on it)",
    description:
      "Signed by the bank's account (Financing.approveFactoring / approveLoan). The decision is `pending`, then " +
      "`confirmed` when the chain settled it (the request becomes `active`), or `failed` with the contract's code " +
      "(the request is decidable again; a retry under the same Idempotency-Key returns that failed decision, so " +
      "decide again with a new key).",
  })
  @ApiHeader(IDEMPOTENCY_HEADER_DOC)
  @ApiAcceptedResponse({ type: FinancingDecisionView })
  @ApiBadRequestResponse({
    type: ErrorResponse,
    description: "VALIDATION_FAILED, FINANCING_ADVANCE_OUT_OF_RANGE, FINANCING_REPAYMENT_OUT_OF_RANGE, FINANCING_REPAYMENT_UNEXPECTED, IDEMPOTENCY_KEY_INVALID",
  })
  @ApiForbiddenResponse({ type: ErrorResponse, description: "ROLE_REQUIRED" })
  @ApiNotFoundResponse({ type: ErrorResponse, description: "FINANCING_REQUEST_NOT_FOUND: no such request addressed to this bank" })
  @ApiConflictResponse({
    type: ErrorResponse,
    description:
      "COMPLIANCE_EXPOSURE_LIMIT_EXCEEDED, FINANCING_ALREADY_DECIDED, FINANCING_REQUEST_NOT_DECIDABLE, " +
      "FINANCING_SELLER_NO_LONGER_HOLDS, VOUCHER_PART_FINANCED, FINANCING_VOUCHER_NOT_FINANCEABLE, " +
      "FINANCING_RECOURSE_MISMATCH, IDEMPOTENCY_KEY_REUSED",
  })
  approve(
    @CurrentOrganisation() bank: AuthenticatedOrganisation,
    @Param("id") id: string,
    @Body() body: ApproveFinancingRequest,
    @Headers(IDEMPOTENCY_KEY_HEADER) idempotencyKey: string | undefined,
  ): Promise<FinancingDecisionView> {
    return this.decisions.decide(bank, id, { outcome: "approve", terms: body }, idempotencyKeyOf(idempotencyKey));
  }

  @Post(":id/reject")
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiOperation({ summary: "Reject with a machine-readable reason (recorded on chain, signed by the bank)" })
  @ApiHeader(IDEMPOTENCY_HEADER_DOC)
  @ApiAcceptedResponse({ type: FinancingDecisionView })
  @ApiBadRequestResponse({ type: ErrorResponse, description: "VALIDATION_FAILED, IDEMPOTENCY_KEY_INVALID" })
  @ApiForbiddenResponse({ type: ErrorResponse, description: "ROLE_REQUIRED" })
  @ApiNotFoundResponse({ type: ErrorResponse, description: "FINANCING_REQUEST_NOT_FOUND: no such request addressed to this bank" })
  @ApiConflictResponse({ type: ErrorResponse, description: "FINANCING_ALREADY_DECIDED, FINANCING_REQUEST_NOT_DECIDABLE, IDEMPOTENCY_KEY_REUSED" })
  reject(
    @CurrentOrganisation() bank: AuthenticatedOrganisation,
    @Param("id") id: string,
    @Body() body: RejectFinancingRequest,
    @Headers(IDEMPOTENCY_KEY_HEADER) idempotencyKey: string | undefined,
  ): Promise<FinancingDecisionView> {
    return this.decisions.decide(bank, id, { outcome: "reject", terms: body }, idempotencyKeyOf(idempotencyKey));
  }

  @Post(":id/close")
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiOperation({
    summary: "Close a pledge loan repaid outside the platform: the hold, if still there, is lifted and the exposure released",
    description:
      "Signed by the bank's account (Financing.closeLoan). The action is `pending`, then `confirmed` when the chain " +
      "closed the loan (the request becomes `repaid`), or `failed` with the contract's code.",
  })
  @ApiHeader(ACTION_IDEMPOTENCY_HEADER_DOC)
  @ApiAcceptedResponse({ type: FinancingActionView })
  @ApiBadRequestResponse({ type: ErrorResponse, description: "IDEMPOTENCY_KEY_INVALID" })
  @ApiForbiddenResponse({ type: ErrorResponse, description: "ROLE_REQUIRED" })
  @ApiNotFoundResponse({ type: ErrorResponse, description: "FINANCING_REQUEST_NOT_FOUND: no such request addressed to this bank" })
  @ApiConflictResponse({
    type: ErrorResponse,
    description: "FINANCING_KIND_MISMATCH, FINANCING_NOT_ACTIVE, FINANCING_ACTION_IN_PROGRESS, IDEMPOTENCY_KEY_REUSED",
  })
  close(
    @CurrentOrganisation() bank: AuthenticatedOrganisation,
    @Param("id") id: string,
    @Headers(IDEMPOTENCY_KEY_HEADER) idempotencyKey: string | undefined,
  ): Promise<FinancingActionView> {
    return this.actions.take(bank, id, "close", idempotencyKeyOf(idempotencyKey));
  }

  @Post(":id/enforce-pledge")
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiOperation({
    summary: "After default, enforce a loan's pledge: the held value becomes a part the bank holds",
    description:
      "Signed by the bank's account (Financing.enforcePledge). Once `confirmed`, the request's partId is the seized " +
      "part (the financing stays `active` and follows it, as on chain, until that part is paid or the loan closed).",
  })
  @ApiHeader(ACTION_IDEMPOTENCY_HEADER_DOC)
  @ApiAcceptedResponse({ type: FinancingActionView })
  @ApiBadRequestResponse({ type: ErrorResponse, description: "IDEMPOTENCY_KEY_INVALID" })
  @ApiForbiddenResponse({ type: ErrorResponse, description: "ROLE_REQUIRED" })
  @ApiNotFoundResponse({ type: ErrorResponse, description: "FINANCING_REQUEST_NOT_FOUND: no such request addressed to this bank" })
  @ApiConflictResponse({
    type: ErrorResponse,
    description:
      "FINANCING_KIND_MISMATCH, FINANCING_NOT_ACTIVE, FINANCING_VOUCHER_NOT_DEFAULTED, FINANCING_HOLD_MISSING, " +
      "FINANCING_ACTION_IN_PROGRESS, IDEMPOTENCY_KEY_REUSED",
  })
  enforcePledge(
    @CurrentOrganisation() bank: AuthenticatedOrganisation,
    @Param("id") id: string,
    @Headers(IDEMPOTENCY_KEY_HEADER) idempotencyKey: string | undefined,
  ): Promise<FinancingActionView> {
    return this.actions.take(bank, id, "enforce_pledge", idempotencyKeyOf(idempotencyKey));
  }

  @Post(":id/recourse")
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiOperation({
    summary: "After default, exercise recourse: the seller pays the part's value in cash and takes the part back",
    description:
      "Signed by the bank's account (Financing.exerciseRecourse), for a factoring the holder asked with recourse. " +
      "The seller's cash is checked by the contract: if it lacks it, the action is `failed` with the decoded code " +
      "(ERC20_INSUFFICIENT_BALANCE) and can be taken again, under a new Idempotency-Key, once the seller has it.",
  })
  @ApiHeader(ACTION_IDEMPOTENCY_HEADER_DOC)
  @ApiAcceptedResponse({ type: FinancingActionView })
  @ApiBadRequestResponse({ type: ErrorResponse, description: "IDEMPOTENCY_KEY_INVALID" })
  @ApiForbiddenResponse({ type: ErrorResponse, description: "ROLE_REQUIRED" })
  @ApiNotFoundResponse({ type: ErrorResponse, description: "FINANCING_REQUEST_NOT_FOUND: no such request addressed to this bank" })
  @ApiConflictResponse({
    type: ErrorResponse,
    description:
      "FINANCING_KIND_MISMATCH, FINANCING_WITHOUT_RECOURSE, FINANCING_NOT_ACTIVE, FINANCING_VOUCHER_NOT_DEFAULTED, " +
      "FINANCING_PART_NOT_HELD_BY_BANK, FINANCING_ACTION_IN_PROGRESS, IDEMPOTENCY_KEY_REUSED",
  })
  exerciseRecourse(
    @CurrentOrganisation() bank: AuthenticatedOrganisation,
    @Param("id") id: string,
    @Headers(IDEMPOTENCY_KEY_HEADER) idempotencyKey: string | undefined,
  ): Promise<FinancingActionView> {
    return this.actions.take(bank, id, "exercise_recourse", idempotencyKeyOf(idempotencyKey));
  }
}
