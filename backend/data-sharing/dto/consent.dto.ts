import { ApiProperty, ApiPropertyOptional } from "@nestjs/swagger";
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsDateString, IsIn, IsOptional, IsString, IsUUID, MaxLength, MinLength } from "class-validator";
import { PageQuery } from "../../common/pagination.js";
import { CONSENT_HASH_FORMULA } from "../consent-hash.js";
import { DATA_CATEGORIES, type DataCategory } from "../data-categories.js";

export const MAX_PURPOSE_LENGTH = 500;

export class GrantConsentRequest {
  @ApiProperty({ format: "uuid", description: "An active organisation with the bank or guarantor role, other than you." })
  @IsUUID()
  granteeOrganisationId!: string;

  @ApiProperty({ enum: DATA_CATEGORIES, isArray: true, minItems: 1 })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(DATA_CATEGORIES.length)
  @ArrayUnique()
  @IsIn(DATA_CATEGORIES, { each: true })
  categories!: DataCategory[];

  @ApiProperty({ minLength: 1, maxLength: MAX_PURPOSE_LENGTH, example: "Credit assessment for factoring of voucher 12" })
  @IsString()
  @MinLength(1)
  @MaxLength(MAX_PURPOSE_LENGTH)
  purpose!: string;

  @ApiProperty({ format: "date-time", description: "In the future; kept to the whole second (fractions are dropped)." })
  @IsDateString({ strict: true })
  expiresAt!: string;
}

export class ListConsentsQuery extends PageQuery {
  @ApiPropertyOptional({
    enum: ["granted", "received"],
    description: "granted: consents you gave; received: consents given to you; absent: both (the regulator: all).",
  })
  @IsOptional()
  @IsIn(["granted", "received"])
  direction?: "granted" | "received";
}

export class ConsentChainView {
  @ApiProperty({ type: String, nullable: true, description: "The transaction that recorded the consent's hash." })
  recordedTxHash!: string | null;

  @ApiProperty({ type: String, nullable: true, description: "The transaction that recorded its revocation." })
  revocationTxHash!: string | null;

  @ApiProperty({ type: String, nullable: true, description: "Why a chain record failed; the consent stands regardless." })
  errorCode!: string | null;
}

export class ConsentView {
  @ApiProperty({ format: "uuid" })
  id!: string;

  @ApiProperty({ format: "uuid" })
  grantorOrganisationId!: string;

  @ApiProperty({ format: "uuid" })
  granteeOrganisationId!: string;

  @ApiProperty({ enum: DATA_CATEGORIES, isArray: true })
  categories!: DataCategory[];

  @ApiProperty()
  purpose!: string;

  @ApiProperty({ format: "date-time" })
  expiresAt!: string;

  @ApiProperty({ type: String, format: "date-time", nullable: true })
  revokedAt!: string | null;

  @ApiProperty({ enum: ["active", "expired", "revoked"], description: "As of the response." })
  status!: "active" | "expired" | "revoked";

  @ApiProperty({ description: `Recorded on chain (DataSharingLedger.consent) by the grantor: ${CONSENT_HASH_FORMULA}.` })
  consentHash!: string;

  @ApiProperty({ type: ConsentChainView })
  chain!: ConsentChainView;

  @ApiProperty({ format: "date-time" })
  createdAt!: string;
}

export class ConsentPage {
  @ApiProperty({ type: [ConsentView] })
  items!: ConsentView[];

  @ApiProperty({ type: String, nullable: true, description: "Pass as `cursor` for the next page; null on the last page." })
  nextCursor!: string | null;
}
