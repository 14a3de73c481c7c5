import { ApiPropertyOptional } from "@nestjs/swagger";
import { IsIn, IsOptional } from "class-validator";
import { PageQuery } from "../../common/pagination.js";
import type { UploadRowStatus } from "../upload-row.entity.js";

export class UploadRowsQuery extends PageQuery {
  @ApiPropertyOptional({ enum: ["accepted", "rejected"], description: "Only rows with this outcome." })
  @IsOptional()
  @IsIn(["accepted", "rejected"])
  rowStatus?: UploadRowStatus;
}
