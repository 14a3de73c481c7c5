import { Controller, Get, HttpCode, HttpStatus, Param, Post, Query, Req } from "@nestjs/common";
import type { IncomingMessage } from "node:http";
import {
  ApiAcceptedResponse,
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiExtraModels,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiPayloadTooLargeResponse,
  ApiTags,
  getSchemaPath,
} from "@nestjs/swagger";
import { ErrorResponse } from "../common/error-response.js";
import { type AuthenticatedOrganisation, CurrentOrganisation, RequireRoles } from "../participants/authenticated-organisation.js";
import { CreateInvoiceDto } from "./dto/create-invoice.dto.js";
import { UploadRowsQuery } from "./dto/upload-rows.query.js";
import { UploadView } from "./dto/upload.view.js";
import { INVOICE_FIELDS } from "./invoice-fields.js";
import { InvoiceUploadsService } from "./invoice-uploads.service.js";
import { MAX_UPLOAD_ROWS } from "./upload-items.js";
import { uploadItemsFromRequest } from "./upload-request.js";

@ApiTags("invoices")
@ApiBearerAuth("api-key")
@Controller("v1/invoices/uploads")
export class InvoiceUploadsController {
  constructor(private readonly uploads: InvoiceUploadsService) {}

  @Post()
  @RequireRoles("supplier")
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiOperation({
    summary: "Upload many invoices at once",
    description:
      `A CSV (text/csv) with the header \`${INVOICE_FIELDS.join(",")}\`, or JSON \`{ "invoices": [...] }\` ` +
      `(within the API's JSON body limit; use CSV for large batches); up to ${MAX_UPLOAD_ROWS} rows. ` +
      "Answers at once; rows are processed in the background: follow GET /v1/invoices/uploads/{id}.",
    requestBody: {
      required: true,
      content: {
        "text/csv": {
          schema: {
            type: "string",
            example: `${INVOICE_FIELDS.join(",")}\n91420100DEMO0001X,91420100DEMO0101X,4200261130,00012345,125000000,2026-11-02,2027-02-28\n`,
          },
        },
        "application/json": {
          schema: {
            type: "object",
            required: ["invoices"],
            properties: { invoices: { type: "array", items: { $ref: getSchemaPath(CreateInvoiceDto) } } },
          },
        },
      },
    },
  })
  @ApiExtraModels(CreateInvoiceDto)
  @ApiAcceptedResponse({ type: UploadView })
  @ApiBadRequestResponse({
    type: ErrorResponse,
    description: "CSV_MALFORMED, CSV_HEADER_INVALID, UPLOAD_EMPTY, UPLOAD_TOO_LARGE, UNSUPPORTED_CONTENT_TYPE, VALIDATION_FAILED",
  })
  @ApiPayloadTooLargeResponse({ type: ErrorResponse, description: "PAYLOAD_TOO_LARGE" })
  async create(@CurrentOrganisation() caller: AuthenticatedOrganisation, @Req() request: IncomingMessage): Promise<UploadView> {
    const { kind, items } = await uploadItemsFromRequest(request);
    return UploadView.of(await this.uploads.create(caller, kind, items), null);
  }

  @Get(":id")
  @ApiOperation({ summary: "An upload's progress and its rows' results (a page at a time)" })
  @ApiOkResponse({ type: UploadView })
  @ApiNotFoundResponse({ type: ErrorResponse, description: "UPLOAD_NOT_FOUND (also for uploads of others)" })
  async get(
    @CurrentOrganisation() caller: AuthenticatedOrganisation,
    @Param("id") id: string,
    @Query() query: UploadRowsQuery,
  ): Promise<UploadView> {
    const { upload, rows } = await this.uploads.get(caller, id, query);
    return UploadView.of(upload, rows);
  }
}
