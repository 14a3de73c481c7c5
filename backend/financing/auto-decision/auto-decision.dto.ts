import { ApiProperty, ApiPropertyOptional } from "@nestjs/swagger";
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsBoolean, IsIn, IsInt, IsOptional, Max, Min } from "class-validator";
import { IsPositiveMinorUnits } from "../../common/minor-units.js";
import { FinancingDecisionView } from "../dto/financing-decision.dto.js";
import type { FinancingKindName } from "../financing-request.entity.js";

export class PutAutoDecisionPolicy {
  @ApiProperty({ description: "false keeps the policy's terms but stops applying it (as DELETE does)." })
  @IsBoolean()
  enabled!: boolean;

  @ApiProperty({ enum: ["factoring", "pledge_loan"], isArray: true, description: "The kinds of financing approved automatically." })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(2)
  @ArrayUnique()
  @IsIn(["factoring", "pledge_loan"], { each: true })
  kinds!: FinancingKindName[];

  @ApiProperty({ description: "Minor units: requests for more are referred (AMOUNT_ABOVE_POLICY).", example: "100000" })
  @IsPositiveMinorUnits()
  maxAmount!: string;

  @ApiProperty({
    minimum: 0,
    maximum: 100,
    description: "The highest risk-v1 score (0..100, higher is riskier) approved automatically (RISK_SCORE_ABOVE_POLICY).",
    example: 40,
  })
  @IsInt()
  @Min(0)
  @Max(100)
  maxRiskScore!: number;

  @ApiPropertyOptional({ type: Number, nullable: true, description: "Days to maturity at most (MATURITY_BEYOND_POLICY); none if absent." })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(36_500)
  maxDaysToMaturity?: number | null;

  @ApiProperty({ description: "Refer requests that would take the exposure to the debtor over the limit (EXPOSURE_LIMIT_EXCEEDED)." })
  @IsBoolean()
  requireWithinLimit!: boolean;

  @ApiProperty({
    enum: ["suggested"],
    description: "suggested: approve at the risk assessment's suggestedAdvance and suggestedRateBps (a loan's hold is the pledged amount).",
  })
  @IsIn(["suggested"])
  pricing!: "suggested";
}

export class AutoDecisionPolicyView {
  @ApiProperty({ format: "uuid" })
  bankOrganisationId!: string;

  @ApiProperty({ description: "Grows with every change; automatic decisions name the version they applied." })
  version!: number;

  @ApiProperty()
  enabled!: boolean;

  @ApiProperty({ enum: ["factoring", "pledge_loan"], isArray: true })
  kinds!: string[];

  @ApiProperty()
  maxAmount!: string;

  @ApiProperty()
  maxRiskScore!: number;

  @ApiProperty({ type: Number, nullable: true })
  maxDaysToMaturity!: number | null;

  @ApiProperty()
  requireWithinLimit!: boolean;

  @ApiProperty({ enum: ["suggested"] })
  pricing!: string;

  @ApiProperty({ format: "date-time" })
  updatedAt!: string;
}

export class AutoDecisionView {
  @ApiProperty({ format: "uuid" })
  requestId!: string;

  @ApiProperty({
    enum: ["pending", "approved", "referred", "skipped"],
    description:
      "pending: not applied yet; approved: approved under the policy (see decision); referred: left for a person, " +
      "see reasons; skipped: the policy was off, or the request no longer decidable, when it was applied.",
  })
  outcome!: string;

  @ApiProperty({ type: [String], description: "Why it was referred or skipped, e.g. AMOUNT_ABOVE_POLICY." })
  reasons!: string[];

  @ApiProperty({ type: Number, nullable: true })
  policyVersion!: number | null;

  @ApiProperty({ type: "object", additionalProperties: true, nullable: true, description: "The policy as applied." })
  policy!: Record<string, unknown> | null;

  @ApiProperty({ type: "object", additionalProperties: true, nullable: true, description: "The risk assessment it was applied to." })
  risk!: Record<string, unknown> | null;

  @ApiProperty({ type: FinancingDecisionView, nullable: true, description: "The automatic approval, when there is one." })
  decision!: FinancingDecisionView | null;

  @ApiProperty({ format: "date-time" })
  updatedAt!: string;
}
