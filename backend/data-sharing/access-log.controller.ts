import { Controller, Get, Header, Param, Query } from "@nestjs/common";
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiConflictResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
} from "@nestjs/swagger";
import { ErrorResponse } from "../common/error-response.js";
import { type AuthenticatedOrganisation, CurrentOrganisation } from "../participants/authenticated-organisation.js";
import { ACCESS_LOG_LEAF_FORMULA } from "./access-log-leaf.js";
import { AccessLogService, MAX_EXPORT_ROWS } from "./access-log.service.js";
import { AccessLogFilter, AccessLogPage, AccessLogProofView, AccessLogQuery } from "./dto/access-log.dto.js";

const VISIBILITY = "An organisation sees reads of its own data and its own reads of others' data; the regulator sees every entry.";

@ApiTags("data-sharing")
@ApiBearerAuth("api-key")
@Controller("v1/data-sharing/access-log")
export class AccessLogController {
  constructor(private readonly accessLog: AccessLogService) {}

  @Get()
  @ApiOperation({ summary: "Who read whose data, when, under which consent and why", description: VISIBILITY })
  @ApiOkResponse({ type: AccessLogPage })
  @ApiBadRequestResponse({ type: ErrorResponse, description: "VALIDATION_FAILED, INVALID_CURSOR" })
  list(@CurrentOrganisation() caller: AuthenticatedOrganisation, @Query() query: AccessLogQuery): Promise<AccessLogPage> {
    return this.accessLog.list(caller, query);
  }

  @Get("export.csv")
  @Header("Content-Type", "text/csv; charset=utf-8")
  @Header("Content-Disposition", 'attachment; filename="access-log.csv"')
  @ApiProduces("text/csv")
  @ApiOperation({ summary: "The access log as CSV, newest first", description: `${VISIBILITY} At most ${MAX_EXPORT_ROWS} rows.` })
  @ApiOkResponse({ description: "RFC 4180 CSV with a header row.", schema: { type: "string" } })
  @ApiBadRequestResponse({ type: ErrorResponse, description: "VALIDATION_FAILED, EXPORT_TOO_LARGE" })
  exportCsv(@CurrentOrganisation() caller: AuthenticatedOrganisation, @Query() filter: AccessLogFilter): Promise<string> {
    return this.accessLog.exportCsv(caller, filter);
  }

  @Get(":entryId/proof")
  @ApiOperation({
    summary: "Proof that an access-log entry is in a batch anchored on chain",
    description:
      `Recompute the leaf from the entry: ${ACCESS_LOG_LEAF_FORMULA}; walk the proof with sorted pairs ` +
      "(keccak256 of the smaller hash then the larger, as OpenZeppelin's MerkleProof.verify does); compare with " +
      "DataSharingLedger.accessLogBatch(batch.batchNumber).root at contract.address (or call verifyAccessLogEntry).",
  })
  @ApiOkResponse({ type: AccessLogProofView })
  @ApiNotFoundResponse({ type: ErrorResponse, description: "ACCESS_LOG_ENTRY_NOT_FOUND (also for entries you may not see)" })
  @ApiConflictResponse({ type: ErrorResponse, description: "ACCESS_LOG_ENTRY_NOT_ANCHORED: its batch is not on chain yet; retry" })
  proof(@CurrentOrganisation() caller: AuthenticatedOrganisation, @Param("entryId") entryId: string): Promise<AccessLogProofView> {
    return this.accessLog.proof(caller, entryId);
  }
}
