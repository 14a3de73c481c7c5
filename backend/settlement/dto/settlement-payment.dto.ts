import { ApiProperty, ApiPropertyOptional } from "@nestjs/swagger";
import { ArrayMaxSize, ArrayMinSize, IsArray, IsOptional, Matches } from "class-validator";

export const MAX_PARTS_PER_PAYMENT = 100;

export class PayVoucherRequest {
  @ApiPropertyOptional({
    type: [String],
    example: ["12", "14"],
    description: "Parts to pay, each in full; absent: every live part (the whole outstanding amount).",
  })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_PARTS_PER_PAYMENT)
  @Matches(/^[1-9][0-9]{0,18}$/, { each: true, message: "each part id must be a decimal on-chain id" })
  partIds?: string[];
}

export class SettlementPaymentView {
  @ApiProperty({ format: "uuid" })
  id!: string;

  @ApiProperty({ example: "12" })
  voucherId!: string;

  @ApiProperty({ type: [String] })
  partIds!: string[];

  @ApiProperty({ description: "Minor units the parts amounted to.", example: "100000" })
  amount!: string;

  @ApiProperty({ enum: ["pending", "confirmed", "failed"], description: "confirmed: executed on chain; every holder was paid." })
  status!: "pending" | "confirmed" | "failed";

  @ApiProperty({ type: String, nullable: true, example: "ERC20_INSUFFICIENT_BALANCE" })
  errorCode!: string | null;

  @ApiProperty({ type: String, nullable: true })
  errorMessage!: string | null;

  @ApiProperty({ format: "date-time" })
  createdAt!: string;
}
