import { ApiPropertyOptional } from "@nestjs/swagger";
import { IsDateString, IsIn, IsOptional, IsUUID } from "class-validator";
import { PageQuery } from "../../common/pagination.js";

const STATUSES = ["requesting", "request_failed", "requested", "withdrawing", "withdrawn", "deciding", "rejected", "active", "repaid", "settled", "recourse_exercised"];

/** Filters of the bank's inbox and the holder's list; newest first. */
export class FinancingListQuery extends PageQuery {
  @ApiPropertyOptional({ enum: STATUSES })
  @IsOptional()
  @IsIn(STATUSES)
  status?: string;

  @ApiPropertyOptional({ enum: ["factoring", "pledge_loan"] })
  @IsOptional()
  @IsIn(["factoring", "pledge_loan"])
  kind?: string;

  @ApiPropertyOptional({ format: "uuid" })
  @IsOptional()
  @IsUUID()
  debtorOrganisationId?: string;

  @ApiPropertyOptional({ format: "date-time", description: "Created at or after." })
  @IsOptional()
  @IsDateString()
  createdFrom?: string;

  @ApiPropertyOptional({ format: "date-time", description: "Created before." })
  @IsOptional()
  @IsDateString()
  createdTo?: string;
}
