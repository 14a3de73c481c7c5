import { ApiProperty, ApiPropertyOptional } from "@nestjs/swagger";
import { ArrayMinSize, ArrayUnique, IsArray, IsIn, IsOptional, IsString, Length, Matches } from "class-validator";
import { ROLES, type Role } from "../roles.js";

export class OnboardOrganisationDto {
  @ApiProperty({ example: "Jianghan Parts Co." })
  @IsString()
  @Length(1, 200)
  name!: string;

  @ApiPropertyOptional({ description: "Unified social credit code (tax id); required to issue or owe invoices", example: "91420100MA4K0TAX1X" })
  @IsOptional()
  @Matches(/^[0-9A-Za-z]{15,20}$/, { message: "taxId must be 15 to 20 letters or digits" })
  taxId?: string;

  @ApiProperty({ enum: ROLES, isArray: true, example: ["supplier"] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayUnique()
  @IsIn(ROLES, { each: true })
  roles!: Role[];

  @ApiPropertyOptional({ example: "Wuhan" })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  region?: string;

  @ApiPropertyOptional({ example: "automotive parts" })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  industry?: string;
}
