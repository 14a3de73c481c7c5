import { ApiProperty } from "@nestjs/swagger";
import { IsUUID, Matches } from "class-validator";

// Zero is a valid limit (it forbids new financing of the pair), so these are not IsPositiveMinorUnits.
const NON_NEGATIVE_MINOR_UNITS = /^(0|[1-9][0-9]{0,37})$/;

export class SetExposureLimitRequest {
  @ApiProperty({ description: "Minor units; zero forbids new financing of the pair.", example: "500000000" })
  @Matches(NON_NEGATIVE_MINOR_UNITS, { message: "limit must be a non-negative integer of minor units, as a string" })
  limit!: string;
}

export class SetGuarantorCapacityRequest {
  @ApiProperty({ description: "Minor units of cover the guarantor may have outstanding.", example: "1000000000" })
  @Matches(NON_NEGATIVE_MINOR_UNITS, { message: "capacity must be a non-negative integer of minor units, as a string" })
  capacity!: string;
}

export class RuleChangeView {
  @ApiProperty({ format: "uuid", description: "The chain operation; follow GET /v1/exposure/rule-changes/{id}." })
  id!: string;

  @ApiProperty({ enum: ["compliance.setExposureLimit", "compliance.setGuarantorCapacity"] })
  kind!: string;

  @ApiProperty({
    type: Object,
    description: "What is being set (organisation ids as on chain, amounts in minor units).",
  })
  payload!: Record<string, unknown>;

  @ApiProperty({ enum: ["pending", "sent", "confirmed", "failed"], description: "As the chain writer reports it." })
  status!: string;

  @ApiProperty({ type: String, nullable: true, example: "COMPLIANCE_NOT_REGULATOR" })
  errorCode!: string | null;

  @ApiProperty({ format: "date-time" })
  createdAt!: string;
}

export class ExposureLimitParams {
  @ApiProperty({ format: "uuid" })
  @IsUUID()
  bankId!: string;

  @ApiProperty({ format: "uuid" })
  @IsUUID()
  debtorId!: string;
}

export class GuarantorParams {
  @ApiProperty({ format: "uuid" })
  @IsUUID()
  guarantorId!: string;
}
