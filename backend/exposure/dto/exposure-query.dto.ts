import { ApiPropertyOptional } from "@nestjs/swagger";
import { Transform, Type } from "class-transformer";
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, IsUUID, Length, Max, Min } from "class-validator";
import { PageQuery } from "../../common/pagination.js";

export const BREAKDOWN_DIMENSIONS = ["bank", "debtor", "supplier", "guarantor", "region", "industry"] as const;
export type BreakdownDimension = (typeof BREAKDOWN_DIMENSIONS)[number];

/** Filters every exposure figure accepts. Region and industry are the debtor's (the core enterprise's). */
export class ExposureFilterQuery {
  @ApiPropertyOptional({ format: "uuid", description: "Only what this bank financed." })
  @IsOptional()
  @IsUUID()
  bankId?: string;

  @ApiPropertyOptional({ format: "uuid", description: "Only what this debtor (core enterprise) owes." })
  @IsOptional()
  @IsUUID()
  debtorId?: string;

  @ApiPropertyOptional({ description: "The debtor's region, as onboarded.", example: "Wuhan" })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  region?: string;

  @ApiPropertyOptional({ description: "The debtor's industry, as onboarded.", example: "automotive" })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  industry?: string;
}

export class BreakdownQuery extends ExposureFilterQuery {
  @ApiPropertyOptional({ enum: BREAKDOWN_DIMENSIONS, default: "bank" })
  @IsOptional()
  @IsIn(BREAKDOWN_DIMENSIONS)
  by?: BreakdownDimension;
}

export class TrendQuery {
  @ApiPropertyOptional({ minimum: 1, maximum: 3660, default: 90, description: "How many days back from today." })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(3660)
  days?: number;
}

export class PositionsQuery extends PageQuery {
  @ApiPropertyOptional({ format: "uuid" })
  @IsOptional()
  @IsUUID()
  bankId?: string;

  @ApiPropertyOptional({ format: "uuid" })
  @IsOptional()
  @IsUUID()
  debtorId?: string;

  @ApiPropertyOptional({ format: "uuid", description: "The supplier that holds (or sold) the part at its tier." })
  @IsOptional()
  @IsUUID()
  supplierId?: string;

  @ApiPropertyOptional({ format: "uuid" })
  @IsOptional()
  @IsUUID()
  guarantorId?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 255 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(255)
  tier?: number;

  @ApiPropertyOptional({ description: "The debtor's region." })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  region?: string;

  @ApiPropertyOptional({ description: "The debtor's industry." })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  industry?: string;

  @ApiPropertyOptional({ description: "Only live parts of active vouchers whose maturity date (UTC) is before today." })
  @IsOptional()
  @Transform(({ value }) => (value === "true" ? true : value === "false" ? false : value))
  @IsBoolean()
  overdue?: boolean;

  @ApiPropertyOptional({ enum: ["active", "defaulted", "paid"], description: "The voucher's status." })
  @IsOptional()
  @IsIn(["active", "defaulted", "paid"])
  voucherStatus?: string;
}

export class LimitsQuery {
  @ApiPropertyOptional({ format: "uuid" })
  @IsOptional()
  @IsUUID()
  bankId?: string;

  @ApiPropertyOptional({ format: "uuid" })
  @IsOptional()
  @IsUUID()
  debtorId?: string;
}
