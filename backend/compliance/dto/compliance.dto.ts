import { ApiProperty } from "@nestjs/swagger";
import { Matches } from "class-validator";

const NON_NEGATIVE_INTEGER = /^(0|[1-9][0-9]{0,74})$/;

export class SetExposureLimitRequest {
  @ApiProperty({ description: "Minor units, as a decimal string; \"0\" forbids new financing of the pair.", example: "5000000" })
  @Matches(NON_NEGATIVE_INTEGER, { message: "limit must be a non-negative integer amount of minor units, as a decimal string" })
  limit!: string;
}

export class SetGuarantorCapacityRequest {
  @ApiProperty({ description: "Minor units of cover the guarantor may have outstanding, as a decimal string.", example: "10000000" })
  @Matches(NON_NEGATIVE_INTEGER, { message: "capacity must be a non-negative integer amount of minor units, as a decimal string" })
  capacity!: string;
}

export class ComplianceInstructionView {
  @ApiProperty({ format: "uuid", description: "The chain operation carrying the regulator's instruction." })
  operationId!: string;

  @ApiProperty({ enum: ["pending", "sent", "confirmed", "failed"] })
  status!: string;

  @ApiProperty({ type: String, nullable: true })
  errorCode!: string | null;
}

export class ExposureView {
  @ApiProperty({ format: "uuid" })
  bankOrganisationId!: string;

  @ApiProperty({ format: "uuid" })
  debtorOrganisationId!: string;

  @ApiProperty({ description: "Minor units booked by the bank's active financings on the debtor (on chain now)." })
  exposure!: string;

  @ApiProperty({ description: "Minor units: the limit in force for the pair (its override, or the default)." })
  limit!: string;
}

export class GuarantorCapacityView {
  @ApiProperty({ format: "uuid" })
  guarantorOrganisationId!: string;

  @ApiProperty({ description: "Minor units of cover the regulator allows (on chain now)." })
  capacity!: string;

  @ApiProperty({ description: "Minor units of cover outstanding: active and claimed guarantees." })
  used!: string;
}
