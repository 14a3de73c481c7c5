import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Param, Put } from "@nestjs/common";
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiForbiddenResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from "@nestjs/swagger";
import { ErrorResponse } from "../../common/error-response.js";
import { type AuthenticatedOrganisation, CurrentOrganisation, RequireRoles } from "../../participants/authenticated-organisation.js";
import { AutoDecisionPolicies } from "./auto-decision-policies.service.js";
import { AutoDecisionQueries } from "./auto-decision-queries.service.js";
import { AutoDecisionPolicyView, AutoDecisionView, PutAutoDecisionPolicy } from "./auto-decision.dto.js";

/** A bank's auto-decision policy: approve matching requests addressed to it, refer the rest to a person. */
@ApiTags("financing")
@ApiBearerAuth("api-key")
@RequireRoles("bank")
@Controller("v1/financing")
export class AutoDecisionController {
  constructor(
    private readonly policies: AutoDecisionPolicies,
    private readonly queries: AutoDecisionQueries,
  ) {}

  @Put("auto-decision-policy")
  @ApiOperation({
    summary: "Set the calling bank's auto-decision policy (replaces the last one; a new version)",
    description:
      "Applied to each request addressed to the bank when it reaches the chain: if the request matches (kind, amount, " +
      "risk score, days to maturity, exposure within limit) it is approved at the risk assessment's suggested advance " +
      "and rate through the same decision path as POST /v1/financing/inbox/{id}/approve; otherwise it stays in the inbox " +
      "and GET /v1/financing/inbox/{id}/auto-decision says why. A policy never rejects.",
  })
  @ApiOkResponse({ type: AutoDecisionPolicyView })
  @ApiBadRequestResponse({ type: ErrorResponse, description: "VALIDATION_FAILED" })
  @ApiForbiddenResponse({ type: ErrorResponse, description: "ROLE_REQUIRED" })
  put(@CurrentOrganisation() bank: AuthenticatedOrganisation, @Body() body: PutAutoDecisionPolicy): Promise<AutoDecisionPolicyView> {
    return this.policies.put(bank, body);
  }

  @Get("auto-decision-policy")
  @ApiOperation({ summary: "The calling bank's auto-decision policy" })
  @ApiOkResponse({ type: AutoDecisionPolicyView })
  @ApiForbiddenResponse({ type: ErrorResponse, description: "ROLE_REQUIRED" })
  @ApiNotFoundResponse({ type: ErrorResponse, description: "AUTO_DECISION_POLICY_NOT_FOUND" })
  get(@CurrentOrganisation() bank: AuthenticatedOrganisation): Promise<AutoDecisionPolicyView> {
    return this.policies.get(bank);
  }

  @Delete("auto-decision-policy")
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: "Switch the calling bank's auto-decision policy off (requests not yet applied stay in the inbox)" })
  @ApiNoContentResponse()
  @ApiForbiddenResponse({ type: ErrorResponse, description: "ROLE_REQUIRED" })
  @ApiNotFoundResponse({ type: ErrorResponse, description: "AUTO_DECISION_POLICY_NOT_FOUND" })
  async switchOff(@CurrentOrganisation() bank: AuthenticatedOrganisation): Promise<void> {
    await this.policies.switchOff(bank);
  }

  @Get("inbox/:id/auto-decision")
  @ApiOperation({ summary: "What the bank's auto-decision policy did with a request: approved (with the decision), referred with reasons, or pending" })
  @ApiOkResponse({ type: AutoDecisionView })
  @ApiForbiddenResponse({ type: ErrorResponse, description: "ROLE_REQUIRED" })
  @ApiNotFoundResponse({
    type: ErrorResponse,
    description: "FINANCING_REQUEST_NOT_FOUND; AUTO_DECISION_NOT_FOUND: no policy was on when the request reached the chain",
  })
  autoDecision(@CurrentOrganisation() bank: AuthenticatedOrganisation, @Param("id") id: string): Promise<AutoDecisionView> {
    return this.queries.forRequest(bank, id);
  }
}
