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
import { PageQuery } from "../common/pagination.js";
import { type AuthenticatedOrganisation, CurrentOrganisation } from "../participants/authenticated-organisation.js";
import { SplitPartRequest, TransferPartRequest } from "./dto/part-instruction-request.dto.js";
import { PartInstructionView } from "./dto/part-instruction.dto.js";
import { VoucherLineageView, VoucherPartPage } from "./dto/voucher-views.dto.js";
import { PartInstructionsService } from "./part-instructions.service.js";
import { VoucherQueries } from "./voucher-queries.service.js";

const IDEMPOTENCY_HEADER_DOC = {
  name: "Idempotency-Key",
  required: false,
  description: "Retries with the same key and body return the first request's instruction.",
};
const MOVE_CONFLICTS =
  "RECIPIENT_NOT_VERIFIED, SENDER_NOT_VERIFIED, VOUCHER_PART_INACTIVE, VOUCHER_FROZEN, VOUCHER_PART_HELD, " +
  "PART_INSTRUCTION_PENDING, IDEMPOTENCY_KEY_REUSED";

@ApiTags("receivables")
@ApiBearerAuth("api-key")
@Controller("v1/receivables/vouchers")
export class VouchersController {
  constructor(
    private readonly queries: VoucherQueries,
    private readonly instructions: PartInstructionsService,
  ) {}

  @Get()
  @ApiOperation({ summary: "The live voucher parts the caller holds, and the root parts of the vouchers it owes" })
  @ApiOkResponse({ type: VoucherPartPage })
  @ApiBadRequestResponse({ type: ErrorResponse, description: "VALIDATION_FAILED, INVALID_CURSOR" })
  list(@CurrentOrganisation() organisation: AuthenticatedOrganisation, @Query() query: PageQuery): Promise<VoucherPartPage> {
    return this.queries.list(organisation, query);
  }

  @Get(":partId")
  @ApiOperation({
    summary: "A voucher part with its lineage: the voucher's terms, the ancestors up to the root, the tree of children",
    description: "Visible to the voucher's debtor and to holders of any of its parts; 404 for everyone else.",
  })
  @ApiOkResponse({ type: VoucherLineageView })
  @ApiNotFoundResponse({ type: ErrorResponse, description: "VOUCHER_PART_NOT_FOUND" })
  find(@CurrentOrganisation() organisation: AuthenticatedOrganisation, @Param("partId") partId: string): Promise<VoucherLineageView> {
    return this.queries.lineage(organisation, partId);
  }

  @Post(":partId/split")
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiOperation({
    summary: "Split a part: carve amounts out of it for verified organisations, one tier down",
    description: "The parent keeps the rest. Executed on chain, signed by the holder; follow the instruction's status.",
  })
  @ApiHeader(IDEMPOTENCY_HEADER_DOC)
  @ApiAcceptedResponse({ type: PartInstructionView })
  @ApiBadRequestResponse({ type: ErrorResponse, description: "VALIDATION_FAILED, VOUCHER_AMOUNT_EXCEEDS_BALANCE, IDEMPOTENCY_KEY_INVALID" })
  @ApiForbiddenResponse({ type: ErrorResponse, description: "VOUCHER_PART_NOT_HELD" })
  @ApiNotFoundResponse({ type: ErrorResponse, description: "VOUCHER_PART_NOT_FOUND" })
  @ApiConflictResponse({ type: ErrorResponse, description: MOVE_CONFLICTS })
  split(
    @CurrentOrganisation() organisation: AuthenticatedOrganisation,
    @Param("partId") partId: string,
    @Body() body: SplitPartRequest,
    @Headers(IDEMPOTENCY_KEY_HEADER) idempotencyKey: string | undefined,
  ): Promise<PartInstructionView> {
    return this.instructions.instruct(organisation, partId, { kind: "split", pieces: body.parts }, idempotencyKeyOf(idempotencyKey));
  }

  @Post(":partId/transfer")
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiOperation({ summary: "Transfer a whole part to a verified organisation", description: "Executed on chain, signed by the holder." })
  @ApiHeader(IDEMPOTENCY_HEADER_DOC)
  @ApiAcceptedResponse({ type: PartInstructionView })
  @ApiBadRequestResponse({ type: ErrorResponse, description: "VALIDATION_FAILED, TRANSFER_TO_SELF, IDEMPOTENCY_KEY_INVALID" })
  @ApiForbiddenResponse({ type: ErrorResponse, description: "VOUCHER_PART_NOT_HELD" })
  @ApiNotFoundResponse({ type: ErrorResponse, description: "VOUCHER_PART_NOT_FOUND" })
  @ApiConflictResponse({ type: ErrorResponse, description: MOVE_CONFLICTS })
  transfer(
    @CurrentOrganisation() organisation: AuthenticatedOrganisation,
    @Param("partId") partId: string,
    @Body() body: TransferPartRequest,
    @Headers(IDEMPOTENCY_KEY_HEADER) idempotencyKey: string | undefined,
  ): Promise<PartInstructionView> {
    return this.instructions.instruct(
      organisation,
      partId,
      { kind: "transfer", pieces: [{ recipientOrganisationId: body.recipientOrganisationId }] },
      idempotencyKeyOf(idempotencyKey),
    );
  }
}
