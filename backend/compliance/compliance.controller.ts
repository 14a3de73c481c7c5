import { Body, Controller, Get, Headers, HttpCode, HttpStatus, Param, Put } from "@nestjs/common";
import {
  ApiAcceptedResponse,
  ApiBadRequestResponse,
  ApiBearerAuth,
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
import { ComplianceSettingsService } from "./compliance-settings.service.js";
import {
  ComplianceInstructionView,
  ExposureView,
  GuarantorCapacityView,
  SetExposureLimitRequest,
  SetGuarantorCapacityRequest,
} from "./dto/compliance.dto.js";

const IDEMPOTENCY_HEADER_DOC = {
  name: "Idempotency-Key",
  required: false,
  description: "A retry with the same key is recorded once and answered with the first request's instruction.",
};

@ApiTags("compliance")
@ApiBearerAuth("api-key")
@Controller("v1/compliance")
export class ComplianceController {
  constructor(private readonly settings: ComplianceSettingsService) {}

  @Put("exposure-limits/:bankId/:debtorId")
  @HttpCode(HttpStatus.ACCEPTED)
  @RequireRoles("regulator")
  @ApiOperation({
    summary: "Set one bank's exposure limit on one debtor (regulator)",
    description: "Sent on chain (ComplianceRules.setExposureLimit) signed by the regulator; \"0\" forbids new financing.",
  })
  @ApiHeader(IDEMPOTENCY_HEADER_DOC)
  @ApiAcceptedResponse({ type: ComplianceInstructionView })
  @ApiBadRequestResponse({ type: ErrorResponse, description: "VALIDATION_FAILED, IDEMPOTENCY_KEY_INVALID" })
  @ApiForbiddenResponse({ type: ErrorResponse, description: "ROLE_REQUIRED" })
  @ApiNotFoundResponse({ type: ErrorResponse, description: "ORGANISATION_NOT_FOUND" })
  setExposureLimit(
    @CurrentOrganisation() regulator: AuthenticatedOrganisation,
    @Param("bankId") bankId: string,
    @Param("debtorId") debtorId: string,
    @Body() body: SetExposureLimitRequest,
    @Headers(IDEMPOTENCY_KEY_HEADER) idempotencyKey: string | undefined,
  ): Promise<ComplianceInstructionView> {
    return this.settings.setExposureLimit(regulator, bankId, debtorId, body.limit, idempotencyKeyOf(idempotencyKey));
  }

  @Get("exposure-limits/:bankId/:debtorId")
  @ApiOperation({ summary: "A bank's exposure to a debtor and the limit in force, read on chain (regulator, or the bank)" })
  @ApiOkResponse({ type: ExposureView })
  @ApiForbiddenResponse({ type: ErrorResponse, description: "EXPOSURE_NOT_VISIBLE" })
  @ApiNotFoundResponse({ type: ErrorResponse, description: "ORGANISATION_NOT_FOUND" })
  exposure(
    @CurrentOrganisation() caller: AuthenticatedOrganisation,
    @Param("bankId") bankId: string,
    @Param("debtorId") debtorId: string,
  ): Promise<ExposureView> {
    return this.settings.exposure(caller, bankId, debtorId);
  }

  @Put("guarantor-capacities/:guarantorId")
  @HttpCode(HttpStatus.ACCEPTED)
  @RequireRoles("regulator")
  @ApiOperation({
    summary: "Set how much cover a guarantor may have outstanding (regulator)",
    description: "Sent on chain (ComplianceRules.setGuarantorCapacity) signed by the regulator.",
  })
  @ApiHeader(IDEMPOTENCY_HEADER_DOC)
  @ApiAcceptedResponse({ type: ComplianceInstructionView })
  @ApiBadRequestResponse({ type: ErrorResponse, description: "VALIDATION_FAILED, IDEMPOTENCY_KEY_INVALID" })
  @ApiForbiddenResponse({ type: ErrorResponse, description: "ROLE_REQUIRED" })
  @ApiNotFoundResponse({ type: ErrorResponse, description: "ORGANISATION_NOT_FOUND" })
  setGuarantorCapacity(
    @CurrentOrganisation() regulator: AuthenticatedOrganisation,
    @Param("guarantorId") guarantorId: string,
    @Body() body: SetGuarantorCapacityRequest,
    @Headers(IDEMPOTENCY_KEY_HEADER) idempotencyKey: string | undefined,
  ): Promise<ComplianceInstructionView> {
    return this.settings.setGuarantorCapacity(regulator, guarantorId, body.capacity, idempotencyKeyOf(idempotencyKey));
  }

  @Get("guarantor-capacities/:guarantorId")
  @ApiOperation({ summary: "A guarantor's capacity and outstanding cover, read on chain (regulator, or the guarantor)" })
  @ApiOkResponse({ type: GuarantorCapacityView })
  @ApiForbiddenResponse({ type: ErrorResponse, description: "CAPACITY_NOT_VISIBLE" })
  @ApiNotFoundResponse({ type: ErrorResponse, description: "ORGANISATION_NOT_FOUND" })
  guarantorCapacity(
    @CurrentOrganisation() caller: AuthenticatedOrganisation,
    @Param("guarantorId") guarantorId: string,
  ): Promise<GuarantorCapacityView> {
    return this.settings.guarantorCapacity(caller, guarantorId);
  }

  @Get("instructions/:operationId")
  @RequireRoles("regulator")
  @ApiOperation({ summary: "A setting the regulator sent, and its outcome on chain" })
  @ApiOkResponse({ type: ComplianceInstructionView })
  @ApiNotFoundResponse({ type: ErrorResponse, description: "COMPLIANCE_INSTRUCTION_NOT_FOUND" })
  instruction(
    @CurrentOrganisation() regulator: AuthenticatedOrganisation,
    @Param("operationId") operationId: string,
  ): Promise<ComplianceInstructionView> {
    return this.settings.instruction(regulator, operationId);
  }
}
