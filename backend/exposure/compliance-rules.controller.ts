import { Body, Controller, Get, Headers, HttpCode, HttpStatus, Param, Put } from "@nestjs/common";
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
import {
  type AuthenticatedOrganisation,
  CurrentOrganisation,
  RequireRoles,
} from "../participants/authenticated-organisation.js";
import { ComplianceRuleChanges } from "./compliance-rule-changes.service.js";
import {
  ExposureLimitParams,
  GuarantorParams,
  RuleChangeView,
  SetExposureLimitRequest,
  SetGuarantorCapacityRequest,
} from "./dto/rule-change.dto.js";

const IDEMPOTENCY_HEADER_DOC = {
  name: "Idempotency-Key",
  required: false,
  description: "Retries with the same key and body return the first request's rule change.",
};

/** The regulator sets the rules ComplianceRules enforces on chain. */
@ApiTags("exposure")
@ApiBearerAuth("api-key")
@ApiForbiddenResponse({ type: ErrorResponse, description: "ROLE_REQUIRED: regulators only" })
@RequireRoles("regulator")
@Controller("v1/exposure")
export class ComplianceRulesController {
  constructor(private readonly changes: ComplianceRuleChanges) {}

  @Put("limits/:bankId/:debtorId")
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiOperation({
    summary: "Set a bank's exposure limit on one debtor (zero forbids new financing of the pair)",
    description:
      "Written to ComplianceRules on chain, signed by the regulator; approvals beyond it revert. Follow the rule change.",
  })
  @ApiHeader(IDEMPOTENCY_HEADER_DOC)
  @ApiAcceptedResponse({ type: RuleChangeView })
  @ApiBadRequestResponse({
    type: ErrorResponse,
    description: "VALIDATION_FAILED, ORGANISATION_ROLE_MISMATCH, IDEMPOTENCY_KEY_INVALID",
  })
  @ApiNotFoundResponse({ type: ErrorResponse, description: "ORGANISATION_NOT_FOUND" })
  @ApiConflictResponse({ type: ErrorResponse, description: "IDEMPOTENCY_KEY_REUSED" })
  setExposureLimit(
    @CurrentOrganisation() regulator: AuthenticatedOrganisation,
    @Param() params: ExposureLimitParams,
    @Body() body: SetExposureLimitRequest,
    @Headers(IDEMPOTENCY_KEY_HEADER) idempotencyKey: string | undefined
  ): Promise<RuleChangeView> {
    return this.changes.setExposureLimit(
      regulator,
      params.bankId,
      params.debtorId,
      body.limit,
      idempotencyKeyOf(idempotencyKey)
    );
  }

  @Put("guarantor-capacities/:guarantorId")
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiOperation({
    summary: "Set how much guarantee cover a guarantor may have outstanding",
    description: "Written to ComplianceRules on chain, signed by the regulator; guarantees beyond it revert.",
  })
  @ApiHeader(IDEMPOTENCY_HEADER_DOC)
  @ApiAcceptedResponse({ type: RuleChangeView })
  @ApiBadRequestResponse({
    type: ErrorResponse,
    description: "VALIDATION_FAILED, ORGANISATION_ROLE_MISMATCH, IDEMPOTENCY_KEY_INVALID",
  })
  @ApiNotFoundResponse({ type: ErrorResponse, description: "ORGANISATION_NOT_FOUND" })
  @ApiConflictResponse({ type: ErrorResponse, description: "IDEMPOTENCY_KEY_REUSED" })
  setGuarantorCapacity(
    @CurrentOrganisation() regulator: AuthenticatedOrganisation,
    @Param() params: GuarantorParams,
    @Body() body: SetGuarantorCapacityRequest,
    @Headers(IDEMPOTENCY_KEY_HEADER) idempotencyKey: string | undefined
  ): Promise<RuleChangeView> {
    return this.changes.setGuarantorCapacity(
      regulator,
      params.guarantorId,
      body.capacity,
      idempotencyKeyOf(idempotencyKey)
    );
  }

  @Get("rule-changes/:id")
  @ApiOperation({ summary: "A rule change you asked for and its outcome on chain" })
  @ApiOkResponse({ type: RuleChangeView })
  @ApiNotFoundResponse({ type: ErrorResponse, description: "RULE_CHANGE_NOT_FOUND" })
  get(@CurrentOrganisation() regulator: AuthenticatedOrganisation, @Param("id") id: string): Promise<RuleChangeView> {
    return this.changes.get(regulator, id);
  }
}
