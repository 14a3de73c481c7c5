import { ApiProperty } from "@nestjs/swagger";
import type { PartInstructionKind } from "../part-instruction.entity.js";

export type PartInstructionStatus = "pending" | "confirmed" | "failed";

export class InstructionRecipientView {
  @ApiProperty({ format: "uuid" })
  organisationId!: string;

  @ApiProperty({ description: "The recipient's account." })
  address!: string;

  @ApiProperty({ description: "Minor units.", example: "40000" })
  amount!: string;
}

export class PartInstructionView {
  @ApiProperty({ format: "uuid" })
  id!: string;

  @ApiProperty({ enum: ["split", "transfer"] })
  kind!: PartInstructionKind;

  @ApiProperty({ example: "7" })
  partId!: string;

  @ApiProperty({ type: [InstructionRecipientView] })
  recipients!: InstructionRecipientView[];

  @ApiProperty({
    enum: ["pending", "confirmed", "failed"],
    description: "confirmed: executed on chain (the parts change once the platform has indexed it).",
  })
  status!: PartInstructionStatus;

  @ApiProperty({ type: String, nullable: true, example: "VOUCHER_RECIPIENT_NOT_VERIFIED" })
  errorCode!: string | null;

  @ApiProperty({ type: String, nullable: true })
  errorMessage!: string | null;

  @ApiProperty({ format: "date-time" })
  createdAt!: string;
}
