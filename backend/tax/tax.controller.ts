import { Body, Controller, HttpCode, HttpStatus, Post } from "@nestjs/common";
import { ApiAcceptedResponse, ApiBearerAuth, ApiForbiddenResponse, ApiOperation, ApiTags } from "@nestjs/swagger";
import { ErrorResponse } from "../common/error-response.js";
import { RequireRoles } from "../participants/authenticated-organisation.js";
import { ResyncAcceptedView, ResyncRequestDto } from "./dto/resync.dto.js";
import { TaxVerificationQueue } from "./tax-verification.queue.js";

@ApiTags("tax")
@ApiBearerAuth("api-key")
@Controller("v1/tax")
export class TaxController {
  constructor(private readonly queue: TaxVerificationQueue) {}

  @Post("resync")
  @RequireRoles("tax_authority", "operator")
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiOperation({
    summary: "Re-check valid invoices with the tax authority now",
    description:
      "Asks the tax authority again about valid invoices and attests on chain what changed: a voided or reversed " +
      "invoice freezes the voucher it backs. Also runs daily on its own.",
  })
  @ApiAcceptedResponse({ type: ResyncAcceptedView })
  @ApiForbiddenResponse({ type: ErrorResponse, description: "ROLE_REQUIRED: tax_authority or operator" })
  async resync(@Body() body: ResyncRequestDto): Promise<ResyncAcceptedView> {
    const scope = body.scope ?? "backing-vouchers";
    return { jobId: await this.queue.requestResync(scope), scope };
  }
}
