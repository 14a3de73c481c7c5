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
import { PayVoucherRequest, SettlementPaymentView } from "./dto/settlement-payment.dto.js";
import { ListVoucherSettlementsQuery, VoucherSettlementPage, VoucherSettlementView } from "./dto/voucher-settlement.dto.js";
import { SettlementPayments } from "./settlement-payments.service.js";
import { SettlementQueries } from "./settlement-queries.service.js";

@ApiTags("settlement")
@ApiBearerAuth("api-key")
@Controller("v1/settlement")
export class SettlementController {
  constructor(
    private readonly payments: SettlementPayments,
    private readonly queries: SettlementQueries,
  ) {}

  @Get("vouchers")
  @ApiOperation({ summary: "Settlement status (due, overdue, defaulted, paid) of the vouchers the caller owes or holds parts of" })
  @ApiOkResponse({ type: VoucherSettlementPage })
  @ApiBadRequestResponse({ type: ErrorResponse, description: "VALIDATION_FAILED, INVALID_CURSOR" })
  list(@CurrentOrganisation() organisation: AuthenticatedOrganisation, @Query() query: ListVoucherSettlementsQuery): Promise<VoucherSettlementPage> {
    return this.queries.list(organisation, query);
  }

  @Get("vouchers/:voucherId")
  @ApiOperation({
    summary: "A voucher's settlement: status, what is paid and outstanding, each part paid to whom",
    description: "Visible to the debtor and to holders of any of its parts; 404 for everyone else.",
  })
  @ApiOkResponse({ type: VoucherSettlementView })
  @ApiNotFoundResponse({ type: ErrorResponse, description: "VOUCHER_NOT_FOUND" })
  find(@CurrentOrganisation() organisation: AuthenticatedOrganisation, @Param("voucherId") voucherId: string): Promise<VoucherSettlementView> {
    return this.queries.find(organisation, voucherId);
  }

  @Post("vouchers/:voucherId/pay")
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiOperation({
    summary: "Pay a voucher's parts in full from the debtor's cash; each holder (hold beneficiary first) is paid",
    description: "Debtor only. Executed on chain, signed by the debtor's account; follow the payment's status.",
  })
  @ApiHeader({ name: "Idempotency-Key", required: false, description: "Retries with the same key and body return the first payment." })
  @ApiAcceptedResponse({ type: SettlementPaymentView })
  @ApiBadRequestResponse({
    type: ErrorResponse,
    description: "VALIDATION_FAILED, SETTLEMENT_PART_NOT_OF_VOUCHER, SETTLEMENT_PART_DUPLICATE, IDEMPOTENCY_KEY_INVALID",
  })
  @ApiForbiddenResponse({ type: ErrorResponse, description: "SETTLEMENT_NOT_DEBTOR" })
  @ApiNotFoundResponse({ type: ErrorResponse, description: "VOUCHER_NOT_FOUND" })
  @ApiConflictResponse({
    type: ErrorResponse,
    description:
      "VOUCHER_ALREADY_PAID, VOUCHER_FROZEN, VOUCHER_PART_INACTIVE, SETTLEMENT_NOTHING_TO_PAY, SETTLEMENT_PAYMENT_PENDING, " +
      "SETTLEMENT_DEBTOR_NOT_ACTIVE, CASH_INSUFFICIENT, IDEMPOTENCY_KEY_REUSED",
  })
  pay(
    @CurrentOrganisation() organisation: AuthenticatedOrganisation,
    @Param("voucherId") voucherId: string,
    @Body() body: PayVoucherRequest,
    @Headers(IDEMPOTENCY_KEY_HEADER) idempotencyKey: string | undefined,
  ): Promise<SettlementPaymentView> {
    return this.payments.pay(organisation, voucherId, body.partIds, idempotencyKeyOf(idempotencyKey));
  }

  @Get("payments/:id")
  @ApiOperation({ summary: "A payment the caller made, and its outcome on chain (with the contract's error code if refused)" })
  @ApiOkResponse({ type: SettlementPaymentView })
  @ApiNotFoundResponse({ type: ErrorResponse, description: "SETTLEMENT_PAYMENT_NOT_FOUND" })
  payment(@CurrentOrganisation() organisation: AuthenticatedOrganisation, @Param("id") id: string): Promise<SettlementPaymentView> {
    return this.payments.findVisible(organisation, id);
  }
}
