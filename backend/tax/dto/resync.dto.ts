import { ApiProperty, ApiPropertyOptional } from "@nestjs/swagger";
import { IsIn, IsOptional } from "class-validator";
import { RESYNC_SCOPES, type ResyncScope } from "../tax-verification.queue.js";

export class ResyncRequestDto {
  @ApiPropertyOptional({
    enum: RESYNC_SCOPES,
    default: "backing-vouchers",
    description: "backing-vouchers: valid invoices that back a voucher; all-valid: every valid invoice.",
  })
  @IsOptional()
  @IsIn(RESYNC_SCOPES)
  scope?: ResyncScope;
}

export class ResyncAcceptedView {
  @ApiProperty({ description: "The BullMQ job that runs the resync." })
  jobId!: string;

  @ApiProperty({ enum: RESYNC_SCOPES })
  scope!: ResyncScope;
}
