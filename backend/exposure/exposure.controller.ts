import { Controller, Get, Param, Query, Res } from "@nestjs/common";
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
} from "@nestjs/swagger";
import { ErrorResponse } from "../common/error-response.js";
import { RequireRoles } from "../participants/authenticated-organisation.js";
import { ComplianceLimits } from "./compliance-limits.service.js";
import { toCsv } from "./csv.js";
import { DuplicateAttempts } from "./duplicate-attempts.service.js";
import {
  BreakdownQuery,
  ExposureFilterQuery,
  LimitsQuery,
  PositionsQuery,
  TrendQuery,
} from "./dto/exposure-query.dto.js";
import {
  AlertView,
  BreakdownView,
  ConcentrationRow,
  DuplicateAttemptsView,
  ExposureSummaryView,
  GuarantorUseRow,
  LimitRow,
  MaturityBucket,
  PositionPage,
  RegulatorLineageView,
  TrendPoint,
} from "./dto/exposure-views.dto.js";
import { ExposurePositions, MAX_EXPORT_ROWS } from "./exposure-positions.service.js";
import { ExposureQueries } from "./exposure-queries.service.js";

/** The one thing these handlers need of the HTTP response (Express's, under Nest). */
interface HeaderSink {
  setHeader(name: string, value: string): unknown;
}

const FILTERS = "Filters: bankId, debtorId, and the debtor's region and industry.";

/** The regulator's view of exposure across all banks. Regulators only: every figure names other parties. */
@ApiTags("exposure")
@ApiBearerAuth("api-key")
@ApiForbiddenResponse({ type: ErrorResponse, description: "ROLE_REQUIRED: regulators only" })
@ApiBadRequestResponse({ type: ErrorResponse, description: "VALIDATION_FAILED, INVALID_CURSOR" })
@RequireRoles("regulator")
@Controller("v1/exposure")
export class ExposureController {
  constructor(
    private readonly queries: ExposureQueries,
    private readonly positions: ExposurePositions,
    private readonly limits: ComplianceLimits,
    private readonly duplicates: DuplicateAttempts
  ) {}

  @Get("summary")
  @ApiOperation({
    summary: "Outstanding, financed, overdue, defaulted and covered amounts of all live voucher parts",
    description: FILTERS,
  })
  @ApiOkResponse({ type: ExposureSummaryView })
  summary(@Query() query: ExposureFilterQuery): Promise<ExposureSummaryView> {
    return this.queries.summary(query);
  }

  @Get("breakdown")
  @ApiOperation({
    summary:
      "The same figures by bank, debtor, supplier and tier, guarantor, region or industry (the 1,000 largest rows)",
    description: FILTERS,
  })
  @ApiOkResponse({ type: BreakdownView })
  breakdown(@Query() query: BreakdownQuery): Promise<BreakdownView> {
    return this.queries.breakdown(query);
  }

  @Get("breakdown.csv")
  @ApiOperation({ summary: "A breakdown as CSV", description: FILTERS })
  @ApiProduces("text/csv")
  @ApiOkResponse({ schema: { type: "string" } })
  async breakdownCsv(
    @Query() query: BreakdownQuery,
    @Res({ passthrough: true }) response: HeaderSink
  ): Promise<string> {
    const view = await this.queries.breakdown(query);
    csvHeaders(response, `exposure-by-${view.by}.csv`);
    return toCsv(
      ["by", "key", "name", "tier", "outstanding", "financed", "overdue", "defaulted", "covered", "parts"],
      view.rows.map((row) => [
        view.by,
        row.key,
        row.name,
        row.tier,
        row.outstanding,
        row.financed,
        row.overdue,
        row.defaulted,
        row.covered,
        row.parts,
      ])
    );
  }

  @Get("concentration")
  @ApiOperation({
    summary: "Each bank's book over debtors: financed total, top-10 share and HHI",
    description: FILTERS,
  })
  @ApiOkResponse({ type: [ConcentrationRow] })
  concentration(@Query() query: ExposureFilterQuery): Promise<ConcentrationRow[]> {
    return this.queries.concentration(query);
  }

  @Get("maturity-ladder")
  @ApiOperation({
    summary: "Outstanding and financed amounts by days to maturity (overdue and defaulted apart)",
    description: FILTERS,
  })
  @ApiOkResponse({ type: [MaturityBucket] })
  maturityLadder(@Query() query: ExposureFilterQuery): Promise<MaturityBucket[]> {
    return this.queries.maturityLadder(query);
  }

  @Get("trends")
  @ApiOperation({
    summary: "Daily amounts issued, financed, redeemed and defaulted, and the outstanding total, platform-wide",
  })
  @ApiOkResponse({ type: [TrendPoint] })
  trends(@Query() query: TrendQuery): Promise<TrendPoint[]> {
    return this.queries.trends(query.days ?? 90);
  }

  @Get("guarantors")
  @ApiOperation({ summary: "Guarantee use against capacity, per guarantor" })
  @ApiOkResponse({ type: [GuarantorUseRow] })
  guarantors(): Promise<GuarantorUseRow[]> {
    return this.limits.guarantors();
  }

  @Get("limits")
  @ApiOperation({ summary: "Bank-debtor exposure limits in force on chain and the exposure booked against them" })
  @ApiOkResponse({ type: [LimitRow] })
  limitsInForce(@Query() query: LimitsQuery): Promise<LimitRow[]> {
    return this.limits.limits(query);
  }

  @Get("alerts")
  @ApiOperation({ summary: "Limits and guarantor capacities used at 80% or more (warning) or 100% (breach)" })
  @ApiOkResponse({ type: [AlertView] })
  alerts(): Promise<AlertView[]> {
    return this.limits.alerts();
  }

  @Get("duplicate-attempts")
  @ApiOperation({ summary: "Attempts the chain refused to register, issue or finance a receivable a second time" })
  @ApiOkResponse({ type: DuplicateAttemptsView })
  duplicateAttempts(): Promise<DuplicateAttemptsView> {
    return this.duplicates.list();
  }

  @Get("positions")
  @ApiOperation({ summary: "Drill-down: the live voucher parts behind a figure, newest first" })
  @ApiOkResponse({ type: PositionPage })
  positionsPage(@Query() query: PositionsQuery): Promise<PositionPage> {
    return this.positions.page(query);
  }

  @Get("positions.csv")
  @ApiOperation({
    summary: `The drill-down as CSV (at most ${MAX_EXPORT_ROWS.toLocaleString(
      "en"
    )} parts; X-Export-Truncated says when cut)`,
  })
  @ApiProduces("text/csv")
  @ApiOkResponse({ schema: { type: "string" } })
  async positionsCsv(
    @Query() query: PositionsQuery,
    @Res({ passthrough: true }) response: HeaderSink
  ): Promise<string> {
    const rows = await this.positions.forExport(query);
    csvHeaders(response, "exposure-positions.csv");
    response.setHeader("X-Export-Truncated", String(rows.length > MAX_EXPORT_ROWS));
    return toCsv(
      [
        "partId",
        "voucherId",
        "tier",
        "debtorId",
        "debtorName",
        "supplierId",
        "supplierName",
        "bankId",
        "bankName",
        "guarantorId",
        "amount",
        "financed",
        "covered",
        "maturity",
        "voucherStatus",
      ],
      rows
        .slice(0, MAX_EXPORT_ROWS)
        .map((row) => [
          row.partId,
          row.voucherId,
          row.tier,
          row.debtorId,
          row.debtorName,
          row.supplierId,
          row.supplierName,
          row.bankId,
          row.bankName,
          row.guarantorId,
          row.amount,
          row.financed,
          row.covered,
          row.maturity,
          row.voucherStatus,
        ])
    );
  }

  @Get("parts/:partId")
  @ApiOperation({ summary: "Any voucher part with its voucher's lineage and its exposure position" })
  @ApiOkResponse({ type: RegulatorLineageView })
  @ApiNotFoundResponse({ type: ErrorResponse, description: "VOUCHER_PART_NOT_FOUND" })
  part(@Param("partId") partId: string): Promise<RegulatorLineageView> {
    return this.positions.lineage(partId);
  }
}

function csvHeaders(response: HeaderSink, filename: string): void {
  response.setHeader("Content-Type", "text/csv; charset=utf-8");
  response.setHeader("Content-Disposition", `attachment; filename="${filename}"`);
}
