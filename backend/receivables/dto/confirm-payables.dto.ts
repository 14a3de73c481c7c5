import { ApiProperty, ApiPropertyOptional } from "@nestjs/swagger";
import { Type } from "class-transformer";
import { ArrayMaxSize, ArrayMinSize, IsArray, IsEthereumAddress, IsISO8601, IsOptional, Matches, ValidateNested } from "class-validator";
import { IsPositiveMinorUnits } from "../../common/minor-units.js";

export const MAX_CONFIRMATIONS_PER_REQUEST = 200;

export class PayableToConfirm {
  @ApiProperty({ description: "The invoice's canonical key (0x + 64 hex digits).", example: `0x${"ab".repeat(32)}` })
  @Matches(/^0x[0-9a-fA-F]{64}$/, { message: "invoiceKey must be 0x followed by 64 hex digits" })
  invoiceKey!: string;

  @ApiProperty({ description: "Minor units, as a decimal string; at most the attested invoice amount.", example: "125000" })
  @IsPositiveMinorUnits()
  faceValue!: string;

  @ApiProperty({ format: "date-time", description: "When the debtor pays; must lie in the future." })
  @IsISO8601({ strict: true })
  maturity!: string;

  @ApiPropertyOptional({
    description:
      "The seller's account to issue the voucher to. Only needed while the platform has not yet seen the " +
      "invoice's registration on chain; otherwise it is the seller's account and, if given, must match.",
  })
  @IsOptional()
  @IsEthereumAddress()
  holder?: string;
}

export class ConfirmPayablesRequest {
  @ApiProperty({ type: [PayableToConfirm], minItems: 1, maxItems: MAX_CONFIRMATIONS_PER_REQUEST })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_CONFIRMATIONS_PER_REQUEST)
  @ValidateNested({ each: true })
  @Type(() => PayableToConfirm)
  items!: PayableToConfirm[];
}
