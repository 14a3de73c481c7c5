import { Body, Controller, Get, HttpCode, HttpStatus, Param, Post } from "@nestjs/common";
import {
  ApiAcceptedResponse,
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiConflictResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from "@nestjs/swagger";
import { ErrorResponse } from "../common/error-response.js";
import { type AuthenticatedOrganisation, CurrentOrganisation, RequireRoles } from "../participants/authenticated-organisation.js";
import { ConfirmationsService } from "./confirmations.service.js";
import { ConfirmPayablesRequest } from "./dto/confirm-payables.dto.js";
import { ConfirmPayablesResponse, ConfirmationView } from "./dto/confirmation.dto.js";

@ApiTags("receivables")
@ApiBearerAuth("api-key")
@Controller("v1/receivables/confirmations")
export class ConfirmationsController {
  constructor(private readonly confirmations: ConfirmationsService) {}

  @Post()
  @HttpCode(HttpStatus.ACCEPTED)
  @RequireRoles("core_enterprise")
  @ApiOperation({
    summary: "Confirm payables: each becomes a voucher issued on chain to the invoice's seller",
    description:
      "Core enterprises only. All items are checked first; then each is recorded as a pending confirmation and " +
      "sent on chain, signed by the caller's account, up to 50 per transaction. Poll GET confirmations/{id}: it " +
      "becomes `issued` (with voucherId) or `failed` (with the contract's error code). Repeating an item with " +
      "the same terms while it is pending returns the pending confirmation; once issued, the invoice backs a " +
      "voucher (409 INVOICE_ALREADY_BACKS_VOUCHER); after a failure, confirming again makes a new attempt.",
  })
  @ApiAcceptedResponse({ type: ConfirmPayablesResponse })
  @ApiBadRequestResponse({
    type: ErrorResponse,
    description: "VALIDATION_FAILED, MATURITY_IN_PAST, HOLDER_REQUIRED, HOLDER_NOT_SELLER, VOUCHER_FACE_VALUE_EXCEEDS_INVOICE, INVOICE_KEY_DUPLICATE",
  })
  @ApiForbiddenResponse({ type: ErrorResponse, description: "ROLE_REQUIRED; VOUCHER_NOT_DEBTOR: the caller is not the invoice's debtor" })
  @ApiConflictResponse({ type: ErrorResponse, description: "INVOICE_ALREADY_BACKS_VOUCHER, INVOICE_STATUS_INVALID, CONFIRMATION_EXISTS" })
  async confirm(
    @CurrentOrganisation() organisation: AuthenticatedOrganisation,
    @Body() body: ConfirmPayablesRequest,
  ): Promise<ConfirmPayablesResponse> {
    const confirmations = await this.confirmations.confirm(organisation, body.items);
    return { confirmations: confirmations.map((confirmation) => ConfirmationView.of(confirmation)) };
  }

  @Get(":id")
  @ApiOperation({ summary: "A confirmation and its outcome (visible to its debtor and its seller)" })
  @ApiOkResponse({ type: ConfirmationView })
  @ApiNotFoundResponse({ type: ErrorResponse, description: "CONFIRMATION_NOT_FOUND" })
  async find(@CurrentOrganisation() organisation: AuthenticatedOrganisation, @Param("id") id: string): Promise<ConfirmationView> {
    return ConfirmationView.of(await this.confirmations.findVisible(organisation, id));
  }
}
