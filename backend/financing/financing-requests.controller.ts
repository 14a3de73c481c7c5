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
import { type AuthenticatedOrganisation, CurrentOrganisation } from "../participants/authenticated-organisation.js";
import { FinancingActionView } from "./dto/financing-action.dto.js";
import { FinancingListQuery } from "./dto/financing-list.query.js";
import { CreateFinancingRequest, FinancingRequestGroupView, FinancingRequestPage, FinancingRequestView } from "./dto/financing-request.dto.js";
import { FinancingActionsService } from "./financing-actions.service.js";
import { FinancingQueries } from "./financing-queries.service.js";
import { FinancingRequestsService } from "./financing-requests.service.js";

/** The holder's side of financing: ask, follow, withdraw, repay a loan. */
@ApiTags("financing")
@ApiBearerAuth("api-key")
@Controller("v1/financing/requests")
export class FinancingRequestsController {
  constructor(
    private readonly requests: FinancingRequestsService,
    private readonly queries: FinancingQueries,
    private readonly actions: FinancingActionsService,
  ) {}

  @Post()
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiOperation({
    summary: "Ask one or several banks to finance a voucher part (factoring, with or without recourse, or a pledge loan)",
    description:
      "The caller must hold the part. One request per bank, grouped; each is sent on chain (Financing.request) " +
      "signed by the caller's account and becomes `requested` with its financingId, or `request_failed` with the " +
      "contract's error code. The first bank to approve wins.",
  })
  @ApiHeader({ name: "Idempotency-Key", required: false, description: "A retry with the same key and body returns the first group." })
  @ApiAcceptedResponse({ type: FinancingRequestGroupView })
  @ApiBadRequestResponse({
    type: ErrorResponse,
    description:
      "VALIDATION_FAILED, FINANCING_BANK_INVALID, FINANCING_PLEDGE_AMOUNT_REQUIRED, FINANCING_PLEDGE_AMOUNT_UNEXPECTED, " +
      "FINANCING_MIN_ADVANCE_EXCEEDS_AMOUNT, VOUCHER_AMOUNT_EXCEEDS_BALANCE, IDEMPOTENCY_KEY_INVALID",
  })
  @ApiForbiddenResponse({ type: ErrorResponse, description: "VOUCHER_PART_NOT_HELD: the caller does not hold this live part" })
  @ApiNotFoundResponse({ type: ErrorResponse, description: "VOUCHER_PART_NOT_FOUND" })
  @ApiConflictResponse({
    type: ErrorResponse,
    description: "FINANCING_VOUCHER_NOT_FINANCEABLE, VOUCHER_PART_HELD, VOUCHER_PART_FINANCED, FINANCING_REQUEST_OPEN, IDEMPOTENCY_KEY_REUSED",
  })
  create(
    @CurrentOrganisation() holder: AuthenticatedOrganisation,
    @Body() body: CreateFinancingRequest,
    @Headers(IDEMPOTENCY_KEY_HEADER) idempotencyKey: string | undefined,
  ): Promise<FinancingRequestGroupView> {
    return this.requests.create(holder, body, idempotencyKeyOf(idempotencyKey));
  }

  @Get()
  @ApiOperation({ summary: "The caller's own financing requests, newest first" })
  @ApiOkResponse({ type: FinancingRequestPage })
  @ApiBadRequestResponse({ type: ErrorResponse, description: "VALIDATION_FAILED, INVALID_CURSOR" })
  list(@CurrentOrganisation() holder: AuthenticatedOrganisation, @Query() query: FinancingListQuery): Promise<FinancingRequestPage> {
    return this.queries.list(holder, "holder", query);
  }

  @Get(":id")
  @ApiOperation({ summary: "A financing request (visible to its holder and to the bank it is addressed to)" })
  @ApiOkResponse({ type: FinancingRequestView })
  @ApiNotFoundResponse({ type: ErrorResponse, description: "FINANCING_REQUEST_NOT_FOUND" })
  find(@CurrentOrganisation() organisation: AuthenticatedOrganisation, @Param("id") id: string): Promise<FinancingRequestView> {
    return this.queries.find(organisation, id);
  }

  @Post(":id/withdraw")
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiOperation({
    summary: "Withdraw a request no bank has decided yet",
    description: "Sent on chain (Financing.withdraw) signed by the holder; the request becomes `withdrawn`.",
  })
  @ApiAcceptedResponse({ type: FinancingRequestView })
  @ApiForbiddenResponse({ type: ErrorResponse, description: "FINANCING_NOT_REQUESTER" })
  @ApiNotFoundResponse({ type: ErrorResponse, description: "FINANCING_REQUEST_NOT_FOUND" })
  @ApiConflictResponse({ type: ErrorResponse, description: "FINANCING_REQUEST_NOT_WITHDRAWABLE" })
  withdraw(@CurrentOrganisation() holder: AuthenticatedOrganisation, @Param("id") id: string): Promise<FinancingRequestView> {
    return this.requests.withdraw(holder, id);
  }

  @Post(":id/repay")
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiOperation({
    summary: "Repay a pledge loan: what the bank's hold secures, in cash to the bank, and the hold is lifted",
    description:
      "Signed by the holder's account (Financing.repayLoan). The action is `pending`, then `confirmed` when the " +
      "chain settled it (the request becomes `repaid`), or `failed` with the contract's code (e.g. " +
      "ERC20_INSUFFICIENT_BALANCE when the holder lacks the cash).",
  })
  @ApiHeader({
    name: "Idempotency-Key",
    required: false,
    description: "Send one: a retry with the same key returns the first action and never pays twice.",
  })
  @ApiAcceptedResponse({ type: FinancingActionView })
  @ApiBadRequestResponse({ type: ErrorResponse, description: "IDEMPOTENCY_KEY_INVALID" })
  @ApiForbiddenResponse({ type: ErrorResponse, description: "FINANCING_NOT_REQUESTER: the caller is the bank, not the holder" })
  @ApiNotFoundResponse({ type: ErrorResponse, description: "FINANCING_REQUEST_NOT_FOUND" })
  @ApiConflictResponse({
    type: ErrorResponse,
    description: "FINANCING_KIND_MISMATCH, FINANCING_NOT_ACTIVE, FINANCING_HOLD_MISSING, FINANCING_ACTION_IN_PROGRESS, IDEMPOTENCY_KEY_REUSED",
  })
  repay(
    @CurrentOrganisation() holder: AuthenticatedOrganisation,
    @Param("id") id: string,
    @Headers(IDEMPOTENCY_KEY_HEADER) idempotencyKey: string | undefined,
  ): Promise<FinancingActionView> {
    return this.actions.take(holder, id, "repay", idempotencyKeyOf(idempotencyKey));
  }
}
