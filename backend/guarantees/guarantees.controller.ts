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
import { GuaranteeListQuery, GuaranteePage, GuaranteeView, OfferGuaranteeRequest } from "./dto/guarantee.dto.js";
import { GuaranteesService } from "./guarantees.service.js";

const STEP_ERRORS = {
  forbidden: "GUARANTEE_STEP_NOT_YOURS",
  notFound: "GUARANTEE_NOT_FOUND",
};

@ApiTags("guarantees")
@ApiBearerAuth("api-key")
@Controller("v1/guarantees")
export class GuaranteesController {
  constructor(private readonly guarantees: GuaranteesService) {}

  @Post()
  @HttpCode(HttpStatus.ACCEPTED)
  @RequireRoles("guarantor")
  @ApiOperation({
    summary: "Offer cover on an active financing for a fee (guarantor)",
    description:
      "Checked against the capacity the regulator set (in use on chain plus the guarantor's open offers), then " +
      "sent on chain (Guarantees.offer) signed by the guarantor; becomes `offered` with its guaranteeId.",
  })
  @ApiHeader({ name: "Idempotency-Key", required: false, description: "A retry with the same key and body returns the first offer." })
  @ApiAcceptedResponse({ type: GuaranteeView })
  @ApiBadRequestResponse({ type: ErrorResponse, description: "VALIDATION_FAILED, GUARANTEE_COVER_OUT_OF_RANGE, IDEMPOTENCY_KEY_INVALID" })
  @ApiForbiddenResponse({ type: ErrorResponse, description: "ROLE_REQUIRED" })
  @ApiConflictResponse({
    type: ErrorResponse,
    description: "COMPLIANCE_GUARANTOR_CAPACITY_EXCEEDED, GUARANTEE_FINANCING_NOT_ACTIVE, IDEMPOTENCY_KEY_REUSED",
  })
  offer(
    @CurrentOrganisation() guarantor: AuthenticatedOrganisation,
    @Body() body: OfferGuaranteeRequest,
    @Headers(IDEMPOTENCY_KEY_HEADER) idempotencyKey: string | undefined,
  ): Promise<GuaranteeView> {
    return this.guarantees.offer(guarantor, body, idempotencyKeyOf(idempotencyKey));
  }

  @Get()
  @ApiOperation({ summary: "Guarantees the caller gave (guarantor) or holds (bank), newest first" })
  @ApiOkResponse({ type: GuaranteePage })
  @ApiBadRequestResponse({ type: ErrorResponse, description: "VALIDATION_FAILED, INVALID_CURSOR" })
  list(@CurrentOrganisation() organisation: AuthenticatedOrganisation, @Query() query: GuaranteeListQuery): Promise<GuaranteePage> {
    return this.guarantees.list(organisation, query);
  }

  @Get(":id")
  @ApiOperation({ summary: "A guarantee (visible to its guarantor and its bank)" })
  @ApiOkResponse({ type: GuaranteeView })
  @ApiNotFoundResponse({ type: ErrorResponse, description: STEP_ERRORS.notFound })
  find(@CurrentOrganisation() organisation: AuthenticatedOrganisation, @Param("id") id: string): Promise<GuaranteeView> {
    return this.guarantees.find(organisation, id);
  }

  @Post(":id/withdraw")
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiOperation({ summary: "Withdraw an offer the bank has not accepted (guarantor)" })
  @ApiAcceptedResponse({ type: GuaranteeView })
  @ApiForbiddenResponse({ type: ErrorResponse, description: STEP_ERRORS.forbidden })
  @ApiNotFoundResponse({ type: ErrorResponse, description: STEP_ERRORS.notFound })
  @ApiConflictResponse({ type: ErrorResponse, description: "GUARANTEE_STATUS_INVALID" })
  withdraw(@CurrentOrganisation() organisation: AuthenticatedOrganisation, @Param("id") id: string): Promise<GuaranteeView> {
    return this.guarantees.step(organisation, id, "withdraw");
  }

  @Post(":id/accept")
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiOperation({
    summary: "Accept an offer and pay its fee in cash (the financing's bank)",
    description: "Signed by the bank (Guarantees.accept): the fee moves to the guarantor and its capacity is booked; becomes `active`.",
  })
  @ApiAcceptedResponse({ type: GuaranteeView })
  @ApiForbiddenResponse({ type: ErrorResponse, description: STEP_ERRORS.forbidden })
  @ApiNotFoundResponse({ type: ErrorResponse, description: STEP_ERRORS.notFound })
  @ApiConflictResponse({ type: ErrorResponse, description: "GUARANTEE_STATUS_INVALID, COMPLIANCE_GUARANTOR_CAPACITY_EXCEEDED" })
  accept(@CurrentOrganisation() organisation: AuthenticatedOrganisation, @Param("id") id: string): Promise<GuaranteeView> {
    return this.guarantees.step(organisation, id, "accept");
  }

  @Post(":id/claim")
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiOperation({ summary: "Claim on a defaulted voucher (the financing's bank, holding the financed part)" })
  @ApiAcceptedResponse({ type: GuaranteeView })
  @ApiForbiddenResponse({ type: ErrorResponse, description: STEP_ERRORS.forbidden })
  @ApiNotFoundResponse({ type: ErrorResponse, description: STEP_ERRORS.notFound })
  @ApiConflictResponse({ type: ErrorResponse, description: "GUARANTEE_STATUS_INVALID, GUARANTEE_VOUCHER_NOT_DEFAULTED" })
  claim(@CurrentOrganisation() organisation: AuthenticatedOrganisation, @Param("id") id: string): Promise<GuaranteeView> {
    return this.guarantees.step(organisation, id, "claim");
  }

  @Post(":id/pay")
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiOperation({
    summary: "Pay a claim (guarantor): cash to the bank, and the covered value of the bank's part to the guarantor",
    description: "Signed by the guarantor (Guarantees.payClaim); becomes `paid` with subrogatedPartId, the part it now holds.",
  })
  @ApiAcceptedResponse({ type: GuaranteeView })
  @ApiForbiddenResponse({ type: ErrorResponse, description: STEP_ERRORS.forbidden })
  @ApiNotFoundResponse({ type: ErrorResponse, description: STEP_ERRORS.notFound })
  @ApiConflictResponse({ type: ErrorResponse, description: "GUARANTEE_STATUS_INVALID" })
  pay(@CurrentOrganisation() organisation: AuthenticatedOrganisation, @Param("id") id: string): Promise<GuaranteeView> {
    return this.guarantees.step(organisation, id, "payClaim");
  }
}
