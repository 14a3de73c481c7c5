import { ApiProperty } from "@nestjs/swagger";
import { IsString, Matches, MaxLength } from "class-validator";
import { CALENDAR_DATE_PATTERN, MAX_IDENTIFIER_LENGTH, MINOR_UNITS_PATTERN } from "../invoice-fields.js";

// The shapes only; parseInvoiceFields (shared with uploads) checks the rest and normalises.
export class CreateInvoiceDto {
  @ApiProperty({ example: "91420100DEMO0001X", description: "Your own organisation's tax id." })
  @IsString()
  @MaxLength(32)
  sellerTaxId!: string;

  @ApiProperty({ example: "91420100DEMO0101X", description: "The tax id of an onboarded core enterprise (the debtor)." })
  @IsString()
  @MaxLength(32)
  buyerTaxId!: string;

  @ApiProperty({ example: "4200261130" })
  @IsString()
  @MaxLength(MAX_IDENTIFIER_LENGTH)
  invoiceCode!: string;

  @ApiProperty({ example: "00012345", description: "Kept as written: leading zeros count." })
  @IsString()
  @MaxLength(MAX_IDENTIFIER_LENGTH)
  invoiceNumber!: string;

  @ApiProperty({ example: "125000000", description: "Minor units as a string of digits (125000000 = 1,250,000.00)." })
  @IsString()
  @Matches(MINOR_UNITS_PATTERN, { message: "amount must be a string of digits (minor units)" })
  amount!: string;

  @ApiProperty({ example: "2026-11-02", format: "date" })
  @IsString()
  @Matches(CALENDAR_DATE_PATTERN, { message: "issueDate must be YYYY-MM-DD" })
  issueDate!: string;

  @ApiProperty({ example: "2027-02-28", format: "date" })
  @IsString()
  @Matches(CALENDAR_DATE_PATTERN, { message: "dueDate must be YYYY-MM-DD" })
  dueDate!: string;
}
