import { Controller, Get, Param } from "@nestjs/common";
import { ApiBearerAuth, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from "@nestjs/swagger";
import { ErrorResponse } from "../common/error-response.js";
import { type AuthenticatedOrganisation, CurrentOrganisation } from "../participants/authenticated-organisation.js";
import { FinancingActionView } from "./dto/financing-action.dto.js";
import { FinancingActionsService } from "./financing-actions.service.js";

/** Steps taken on active financings (repay, close, enforce-pledge, recourse), followed until the chain settles them. */
@ApiTags("financing")
@ApiBearerAuth("api-key")
@Controller("v1/financing/actions")
export class FinancingActionsController {
  constructor(private readonly actions: FinancingActionsService) {}

  @Get(":id")
  @ApiOperation({ summary: "A step on a financing, with the financing as it stands (visible to its holder and its bank)" })
  @ApiOkResponse({ type: FinancingActionView })
  @ApiNotFoundResponse({ type: ErrorResponse, description: "FINANCING_ACTION_NOT_FOUND" })
  find(@CurrentOrganisation() organisation: AuthenticatedOrganisation, @Param("id") id: string): Promise<FinancingActionView> {
    return this.actions.find(organisation, id);
  }
}
