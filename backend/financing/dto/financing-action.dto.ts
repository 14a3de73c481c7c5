import { ApiProperty } from "@nestjs/swagger";
import { FinancingRequestView } from "./financing-request.dto.js";

export class FinancingActionView {
  @ApiProperty({ format: "uuid" })
  id!: string;

  @ApiProperty({ format: "uuid" })
  requestId!: string;

  @ApiProperty({
    enum: ["repay", "close", "enforce_pledge", "exercise_recourse"],
    description:
      "repay (holder, loans), close (bank, loans), enforce_pledge (bank, loans after default), " +
      "exercise_recourse (bank, factoring with recourse after default).",
  })
  action!: string;

  @ApiProperty({ format: "uuid", description: "The organisation that took the step." })
  organisationId!: string;

  @ApiProperty({
    enum: ["pending", "confirmed", "failed"],
    description: "confirmed once the chain settled it; failed with the contract's code.",
  })
  status!: string;

  @ApiProperty({ type: String, nullable: true, description: "The contract's error, decoded (e.g. ERC20_INSUFFICIENT_BALANCE)." })
  errorCode!: string | null;

  @ApiProperty({ type: String, nullable: true })
  errorMessage!: string | null;

  @ApiProperty({ format: "date-time" })
  createdAt!: string;

  @ApiProperty({ type: FinancingRequestView, description: "The financing as it stands now." })
  request!: FinancingRequestView;
}
