import { Body, Controller, Get, Headers, HttpCode, HttpStatus, Param, Post, Query } from "@nestjs/common";
import {
  ApiBearerAuth,
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiHeader,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from "@nestjs/swagger";
import { idempotencyKeyOf } from "../common/idempotency-key.js";
import { ErrorResponse } from "../common/error-response.js";
import { type AuthenticatedOrganisation, CurrentOrganisation, RequireRoles } from "../participants/authenticated-organisation.js";
import { CreateInvoiceDto } from "./dto/create-invoice.dto.js";
import { InvoicePage, InvoiceView } from "./dto/invoice.view.js";
import { ListInvoicesQuery } from "./dto/list-invoices.query.js";
import { InvoicesService } from "./invoices.service.js";


@ApiTags("invoices")
@ApiBearerAuth("api-key")
@Controller("v1/invoices")
export class InvoicesController {
  constructor(private readonly invoices: InvoicesService) {}

  @Post()
  @RequireRoles("supplier")
  @HttpCode(HttpStatus.CREATED)
  @ApiOperation({
    summary: "Register one invoice",
    description:
      "Validates the invoice, stores it and records its registration on chain; the tax authority then verifies it. " +
      "With an Idempotency-Key, repeating the request returns the invoice the first one created.",
  })
  @ApiHeader({ name: "Idempotency-Key", required: false, description: "1-200 visible ASCII characters, unique per invoice." })
  @ApiCreatedResponse({ type: InvoiceView })
  @ApiBadRequestResponse({
    type: ErrorResponse,
    description:
      "VALIDATION_FAILED, INVALID_TAX_ID, INVALID_AMOUNT, INVALID_DATE, DUE_DATE_BEFORE_ISSUE_DATE, UNKNOWN_BUYER, BUYER_IS_SELLER, " +
      "IDEMPOTENCY_KEY_INVALID",
  })
  @ApiForbiddenResponse({ type: ErrorResponse, description: "SELLER_TAX_ID_MISMATCH: sellerTaxId is not yours; ROLE_REQUIRED" })
  @ApiConflictResponse({ type: ErrorResponse, description: "INVOICE_ALREADY_REGISTERED; IDEMPOTENCY_KEY_REUSED for a different invoice" })
  async create(
    @CurrentOrganisation() caller: AuthenticatedOrganisation,
    @Body() body: CreateInvoiceDto,
    @Headers("idempotency-key") idempotencyKey?: string,
  ): Promise<InvoiceView> {
    return InvoiceView.of(await this.invoices.create(caller, { ...body }, idempotencyKeyOf(idempotencyKey)));
  }

  @Get()
  @ApiOperation({ summary: "Invoices you sell (as a supplier) or owe (as a core enterprise)" })
  @ApiOkResponse({ type: InvoicePage })
  @ApiBadRequestResponse({ type: ErrorResponse, description: "VALIDATION_FAILED, INVALID_CURSOR" })
  async list(@CurrentOrganisation() caller: AuthenticatedOrganisation, @Query() query: ListInvoicesQuery): Promise<InvoicePage> {
    const page = await this.invoices.list(caller, query);
    return { items: page.items.map(InvoiceView.of), nextCursor: page.nextCursor };
  }

  @Get(":id")
  @ApiOperation({ summary: "One invoice you sell or owe" })
  @ApiOkResponse({ type: InvoiceView })
  @ApiNotFoundResponse({ type: ErrorResponse, description: "INVOICE_NOT_FOUND (also for invoices of others)" })
  async get(@CurrentOrganisation() caller: AuthenticatedOrganisation, @Param("id") id: string): Promise<InvoiceView> {
    return InvoiceView.of(await this.invoices.get(caller, id));
  }
}
