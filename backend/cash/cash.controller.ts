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
import { PageQuery } from "../common/pagination.js";
import { type AuthenticatedOrganisation, CurrentOrganisation, RequireRoles } from "../participants/authenticated-organisation.js";
import { CashInstructions } from "./cash-instructions.service.js";
import { CashQueries } from "./cash-queries.service.js";
import { BurnCashRequest, CashInstructionView, MintCashRequest } from "./dto/cash-instruction.dto.js";
import { CashBalanceView, CashMovementPage } from "./dto/cash-views.dto.js";

const IDEMPOTENCY_HEADER_DOC = {
  name: "Idempotency-Key",
  required: false,
  description: "Retries with the same key and body return the first request's instruction.",
};

@ApiTags("cash")
@ApiBearerAuth("api-key")
@Controller("v1/cash")
export class CashController {
  constructor(
    private readonly instructions: CashInstructions,
    private readonly queries: CashQueries,
  ) {}

  @Post("mint")
  @RequireRoles("bank")
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiOperation({
    summary: "Mint cash against a deposit, to the bank itself or to the depositor",
    description: "Executed on chain, signed by the bank's account; follow the instruction's status.",
  })
  @ApiHeader(IDEMPOTENCY_HEADER_DOC)
  @ApiAcceptedResponse({ type: CashInstructionView })
  @ApiBadRequestResponse({ type: ErrorResponse, description: "VALIDATION_FAILED, IDEMPOTENCY_KEY_INVALID" })
  @ApiForbiddenResponse({ type: ErrorResponse, description: "ROLE_REQUIRED (bank)" })
  @ApiConflictResponse({ type: ErrorResponse, description: "CASH_RECIPIENT_NOT_VERIFIED, CASH_SENDER_NOT_VERIFIED, IDEMPOTENCY_KEY_REUSED" })
  mint(
    @CurrentOrganisation() bank: AuthenticatedOrganisation,
    @Body() body: MintCashRequest,
    @Headers(IDEMPOTENCY_KEY_HEADER) idempotencyKey: string | undefined,
  ): Promise<CashInstructionView> {
    return this.instructions.instruct(
      bank,
      { kind: "mint", amount: body.amount, recipientOrganisationId: body.recipientOrganisationId ?? bank.id },
      idempotencyKeyOf(idempotencyKey),
    );
  }

  @Post("burn")
  @RequireRoles("bank")
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiOperation({ summary: "Burn the bank's own cash on a withdrawal", description: "Executed on chain, signed by the bank's account." })
  @ApiHeader(IDEMPOTENCY_HEADER_DOC)
  @ApiAcceptedResponse({ type: CashInstructionView })
  @ApiBadRequestResponse({ type: ErrorResponse, description: "VALIDATION_FAILED, IDEMPOTENCY_KEY_INVALID" })
  @ApiForbiddenResponse({ type: ErrorResponse, description: "ROLE_REQUIRED (bank)" })
  @ApiConflictResponse({ type: ErrorResponse, description: "CASH_INSUFFICIENT, CASH_SENDER_NOT_VERIFIED, IDEMPOTENCY_KEY_REUSED" })
  burn(
    @CurrentOrganisation() bank: AuthenticatedOrganisation,
    @Body() body: BurnCashRequest,
    @Headers(IDEMPOTENCY_KEY_HEADER) idempotencyKey: string | undefined,
  ): Promise<CashInstructionView> {
    return this.instructions.instruct(bank, { kind: "burn", amount: body.amount }, idempotencyKeyOf(idempotencyKey));
  }

  @Get("instructions/:id")
  @ApiOperation({ summary: "A mint or burn the caller asked for, and its outcome on chain" })
  @ApiOkResponse({ type: CashInstructionView })
  @ApiNotFoundResponse({ type: ErrorResponse, description: "CASH_INSTRUCTION_NOT_FOUND" })
  instruction(@CurrentOrganisation() organisation: AuthenticatedOrganisation, @Param("id") id: string): Promise<CashInstructionView> {
    return this.instructions.findVisible(organisation, id);
  }

  @Get("balance")
  @ApiOperation({ summary: "The caller's cash balance (minor units), as of the last indexed block" })
  @ApiOkResponse({ type: CashBalanceView })
  balance(@CurrentOrganisation() organisation: AuthenticatedOrganisation): Promise<CashBalanceView> {
    return this.queries.balance(organisation);
  }

  @Get("movements")
  @ApiOperation({ summary: "Mints, burns and transfers into or out of the caller's accounts, newest first" })
  @ApiOkResponse({ type: CashMovementPage })
  @ApiBadRequestResponse({ type: ErrorResponse, description: "VALIDATION_FAILED, INVALID_CURSOR" })
  movements(@CurrentOrganisation() organisation: AuthenticatedOrganisation, @Query() query: PageQuery): Promise<CashMovementPage> {
    return this.queries.movements(organisation, query);
  }
}
