import { Controller, Get, Param } from "@nestjs/common";
import { ApiBearerAuth, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from "@nestjs/swagger";
import { ErrorResponse } from "../common/error-response.js";
import { type AuthenticatedOrganisation, CurrentOrganisation } from "../participants/authenticated-organisation.js";
import { PartInstructionView } from "./dto/part-instruction.dto.js";
import { PartInstructionsService } from "./part-instructions.service.js";

@ApiTags("receivables")
@ApiBearerAuth("api-key")
@Controller("v1/receivables/instructions")
export class InstructionsController {
  constructor(private readonly instructions: PartInstructionsService) {}

  @Get(":id")
  @ApiOperation({ summary: "A split or transfer the caller asked for, and its outcome on chain" })
  @ApiOkResponse({ type: PartInstructionView })
  @ApiNotFoundResponse({ type: ErrorResponse, description: "INSTRUCTION_NOT_FOUND" })
  find(@CurrentOrganisation() organisation: AuthenticatedOrganisation, @Param("id") id: string): Promise<PartInstructionView> {
    return this.instructions.findVisible(organisation, id);
  }
}
