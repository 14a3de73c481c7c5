import { Body, Controller, Get, Headers, HttpCode, HttpStatus, Param, Post, Query } from "@nestjs/common";
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
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
import { CONSENT_HASH_FORMULA } from "./consent-hash.js";
import { consentView } from "./consent-status.js";
import { ConsentsService } from "./consents.service.js";
import { ConsentPage, ConsentView, GrantConsentRequest, ListConsentsQuery } from "./dto/consent.dto.js";

@ApiTags("data-sharing")
@ApiBearerAuth("api-key")
@Controller("v1/data-sharing/consents")
export class ConsentsController {
  constructor(private readonly consents: ConsentsService) {}

  @Post()
  @RequireRoles("supplier", "core_enterprise")
  @HttpCode(HttpStatus.CREATED)
  @ApiOperation({
    summary: "Let a bank or guarantor read some of your data, for a purpose, until an expiry",
    description:
      `Takes effect at once. Its hash is recorded on chain, signed with your organisation's key: ${CONSENT_HASH_FORMULA}. ` +
      "Rule: the grantee is an active organisation with the bank or guarantor role, other than you.",
  })
  @ApiHeader({ name: "Idempotency-Key", required: false, description: "Retries with the same key and body return the first consent." })
  @ApiCreatedResponse({ type: ConsentView })
  @ApiBadRequestResponse({
    type: ErrorResponse,
    description: "VALIDATION_FAILED, CONSENT_EXPIRY_NOT_IN_FUTURE, CONSENT_GRANTEE_INVALID, IDEMPOTENCY_KEY_INVALID",
  })
  @ApiForbiddenResponse({ type: ErrorResponse, description: "ROLE_REQUIRED: supplier or core_enterprise" })
  @ApiConflictResponse({ type: ErrorResponse, description: "IDEMPOTENCY_KEY_REUSED for a different consent" })
  async grant(
    @CurrentOrganisation() caller: AuthenticatedOrganisation,
    @Body() body: GrantConsentRequest,
    @Headers(IDEMPOTENCY_KEY_HEADER) idempotencyKey: string | undefined,
  ): Promise<ConsentView> {
    return consentView(await this.consents.grant(caller, body, idempotencyKeyOf(idempotencyKey)));
  }

  @Get()
  @ApiOperation({ summary: "Consents you granted or received (the regulator: all), oldest first" })
  @ApiOkResponse({ type: ConsentPage })
  @ApiBadRequestResponse({ type: ErrorResponse, description: "VALIDATION_FAILED, INVALID_CURSOR" })
  async list(@CurrentOrganisation() caller: AuthenticatedOrganisation, @Query() query: ListConsentsQuery): Promise<ConsentPage> {
    const page = await this.consents.list(caller, query);
    const now = new Date();
    return { items: page.items.map((consent) => consentView(consent, now)), nextCursor: page.nextCursor };
  }

  @Get(":id")
  @ApiOperation({ summary: "One consent you granted or received (the regulator: any)" })
  @ApiOkResponse({ type: ConsentView })
  @ApiNotFoundResponse({ type: ErrorResponse, description: "CONSENT_NOT_FOUND" })
  async get(@CurrentOrganisation() caller: AuthenticatedOrganisation, @Param("id") id: string): Promise<ConsentView> {
    return consentView(await this.consents.get(caller, id));
  }

  @Post(":id/revoke")
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: "Revoke a consent you granted",
    description: "Takes effect at once (reads already under way finish first); recorded on chain. Revoking again is harmless.",
  })
  @ApiOkResponse({ type: ConsentView })
  @ApiNotFoundResponse({ type: ErrorResponse, description: "CONSENT_NOT_FOUND (also for consents you did not grant)" })
  async revoke(@CurrentOrganisation() caller: AuthenticatedOrganisation, @Param("id") id: string): Promise<ConsentView> {
    return consentView(await this.consents.revoke(caller, id));
  }
}
