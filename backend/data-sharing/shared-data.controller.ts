import { Controller, Get, Param, Query } from "@nestjs/common";
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiConflictResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiTags,
} from "@nestjs/swagger";
import { ErrorResponse } from "../common/error-response.js";
import { type AuthenticatedOrganisation, CurrentOrganisation, RequireRoles } from "../participants/authenticated-organisation.js";
import {
  SharedInvoicePage,
  SharedInvoicesQuery,
  SharedReadQuery,
  SharedTaxSummaryView,
  SharedVoucherPage,
  SharedVouchersQuery,
} from "./dto/shared-data.dto.js";
import { SHARED_DATA_BASE_PATH, SHARED_DATA_ENDPOINTS } from "./shared-data-endpoints.js";
import { SharedDataService } from "./shared-data.service.js";

const READ_DESCRIPTION =
  "Served only under a live consent of the owner to you that covers this data (or to the regulator, with a " +
  "supervisory `purpose`). Every read served is logged (who, what, when, purpose, financing request) and the log " +
  "is anchored on chain; the response names its log entry.";
const DENIED =
  "CONSENT_REQUIRED (no consent covers this data), CONSENT_EXPIRED, CONSENT_REVOKED; ROLE_REQUIRED (bank, guarantor or regulator)";
const BAD_REQUEST = "VALIDATION_FAILED, SUPERVISORY_PURPOSE_REQUIRED (regulator), PURPOSE_SET_BY_CONSENT (others), INVALID_CURSOR";

@ApiTags("data-sharing")
@ApiBearerAuth("api-key")
@ApiParam({ name: "ownerId", format: "uuid", description: "The enterprise whose data is read." })
@Controller(SHARED_DATA_BASE_PATH)
@RequireRoles("bank", "guarantor", "regulator")
export class SharedDataController {
  constructor(private readonly sharedData: SharedDataService) {}

  @Get(SHARED_DATA_ENDPOINTS.invoices.route)
  @ApiOperation({ summary: "An enterprise's invoices and their verification status (consent category invoices)", description: READ_DESCRIPTION })
  @ApiOkResponse({ type: SharedInvoicePage })
  @ApiBadRequestResponse({ type: ErrorResponse, description: BAD_REQUEST })
  @ApiForbiddenResponse({ type: ErrorResponse, description: DENIED })
  @ApiNotFoundResponse({ type: ErrorResponse, description: "CONSENT_NOT_FOUND (consentId names no consent of the owner to you), ORGANISATION_NOT_FOUND" })
  invoices(
    @CurrentOrganisation() caller: AuthenticatedOrganisation,
    @Param("ownerId") ownerId: string,
    @Query() query: SharedInvoicesQuery,
  ): Promise<SharedInvoicePage> {
    return this.sharedData.invoicesOf(caller, ownerId, query);
  }

  @Get(SHARED_DATA_ENDPOINTS.taxSummary.route)
  @ApiOperation({
    summary: "The tax authority's summary of an enterprise: monthly sales, filing on time, arrears (consent category tax_summary)",
    description: `${READ_DESCRIPTION} Asked of the tax authority at read time; its signed answer is returned as evidence.`,
  })
  @ApiOkResponse({ type: SharedTaxSummaryView })
  @ApiBadRequestResponse({ type: ErrorResponse, description: BAD_REQUEST })
  @ApiForbiddenResponse({ type: ErrorResponse, description: DENIED })
  @ApiNotFoundResponse({ type: ErrorResponse, description: "CONSENT_NOT_FOUND, ORGANISATION_NOT_FOUND, TAX_SUMMARY_NOT_FOUND" })
  @ApiConflictResponse({ type: ErrorResponse, description: "TAX_AUTHORITY_UNAVAILABLE and other TAX_AUTHORITY_* failures: nothing was read, retry" })
  taxSummary(
    @CurrentOrganisation() caller: AuthenticatedOrganisation,
    @Param("ownerId") ownerId: string,
    @Query() query: SharedReadQuery,
  ): Promise<SharedTaxSummaryView> {
    return this.sharedData.taxSummaryOf(caller, ownerId, query);
  }

  @Get(SHARED_DATA_ENDPOINTS.vouchers.route)
  @ApiOperation({ summary: "An enterprise's voucher and payment history on the platform (consent category voucher_history)", description: READ_DESCRIPTION })
  @ApiOkResponse({ type: SharedVoucherPage })
  @ApiBadRequestResponse({ type: ErrorResponse, description: BAD_REQUEST })
  @ApiForbiddenResponse({ type: ErrorResponse, description: DENIED })
  @ApiNotFoundResponse({ type: ErrorResponse, description: "CONSENT_NOT_FOUND, ORGANISATION_NOT_FOUND" })
  vouchers(
    @CurrentOrganisation() caller: AuthenticatedOrganisation,
    @Param("ownerId") ownerId: string,
    @Query() query: SharedVouchersQuery,
  ): Promise<SharedVoucherPage> {
    return this.sharedData.vouchersOf(caller, ownerId, query);
  }
}
