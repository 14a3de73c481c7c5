import { ApiProperty } from "@nestjs/swagger";
import { Type } from "class-transformer";
import { ArrayMaxSize, ArrayMinSize, IsArray, IsUUID, ValidateNested } from "class-validator";
import { IsPositiveMinorUnits } from "../../common/minor-units.js";

export const MAX_SPLIT_PIECES = 50;

export class SplitPiece {
  @ApiProperty({ description: "Minor units carved out of the part, as a decimal string.", example: "40000" })
  @IsPositiveMinorUnits()
  amount!: string;

  @ApiProperty({ format: "uuid", description: "An onboarded, active organisation (the caller itself is allowed)." })
  @IsUUID()
  recipientOrganisationId!: string;
}

export class SplitPartRequest {
  @ApiProperty({ type: [SplitPiece], minItems: 1, maxItems: MAX_SPLIT_PIECES })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_SPLIT_PIECES)
  @ValidateNested({ each: true })
  @Type(() => SplitPiece)
  parts!: SplitPiece[];
}

export class TransferPartRequest {
  @ApiProperty({ format: "uuid", description: "An onboarded, active organisation other than the caller." })
  @IsUUID()
  recipientOrganisationId!: string;
}
