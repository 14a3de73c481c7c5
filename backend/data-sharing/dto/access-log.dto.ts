import { ApiProperty, ApiPropertyOptional, IntersectionType } from "@nestjs/swagger";
import { IsIn, IsOptional, IsUUID } from "class-validator";
import { PageQuery } from "../../common/pagination.js";
import { ACCESS_LOG_LEAF_FORMULA } from "../access-log-leaf.js";
import { DATA_CATEGORIES, type DataCategory } from "../data-categories.js";

export class AccessLogFilter {
  @ApiPropertyOptional({ format: "uuid", description: "Only reads of this organisation's data." })
  @IsOptional()
  @IsUUID()
  ownerId?: string;

  @ApiPropertyOptional({ format: "uuid", description: "Only reads by this organisation." })
  @IsOptional()
  @IsUUID()
  accessorId?: string;

  @ApiPropertyOptional({ enum: DATA_CATEGORIES })
  @IsOptional()
  @IsIn(DATA_CATEGORIES)
  category?: DataCategory;
}

export class AccessLogQuery extends IntersectionType(AccessLogFilter, PageQuery) {}

export class AccessLogAnchorView {
  @ApiProperty({ type: String, nullable: true, description: "DataSharingLedger batch number; null until anchored." })
  batchNumber!: string | null;

  @ApiProperty({ type: String, nullable: true, description: "The entry's position in the platform's whole log." })
  entryNumber!: string | null;

  @ApiProperty({ type: String, nullable: true })
  txHash!: string | null;
}

export class AccessLogEntryView {
  @ApiProperty({ format: "uuid" })
  id!: string;

  @ApiProperty({ format: "date-time", description: "Millisecond precision, as the leaf encodes it." })
  accessedAt!: string;

  @ApiProperty({ format: "uuid" })
  accessorOrganisationId!: string;

  @ApiProperty()
  accessorName!: string;

  @ApiProperty({ format: "uuid" })
  ownerOrganisationId!: string;

  @ApiProperty()
  ownerName!: string;

  @ApiProperty({ enum: DATA_CATEGORIES })
  category!: string;

  @ApiProperty({ example: "GET /v1/shared/organisations/{ownerId}/invoices" })
  resource!: string;

  @ApiProperty({ description: "The consent's purpose, or the regulator's supervisory purpose." })
  purpose!: string;

  @ApiProperty({ type: String, format: "uuid", nullable: true, description: "Null for supervisory reads." })
  consentId!: string | null;

  @ApiProperty({ type: String, format: "uuid", nullable: true })
  financingRequestId!: string | null;

  @ApiProperty({ description: `The entry's Merkle leaf: ${ACCESS_LOG_LEAF_FORMULA}.` })
  leafHash!: string;

  @ApiProperty({ type: AccessLogAnchorView })
  anchor!: AccessLogAnchorView;
}

export class AccessLogPage {
  @ApiProperty({ type: [AccessLogEntryView], description: "Newest first." })
  items!: AccessLogEntryView[];

  @ApiProperty({ type: String, nullable: true })
  nextCursor!: string | null;
}

export class AccessLogBatchView {
  @ApiProperty({ description: "Read the root with DataSharingLedger.accessLogBatch(batchNumber)." })
  batchNumber!: string;

  @ApiProperty()
  root!: string;

  @ApiProperty()
  firstEntry!: string;

  @ApiProperty()
  entryCount!: number;

  @ApiProperty()
  txHash!: string;

  @ApiProperty()
  blockNumber!: string;

  @ApiProperty({ format: "date-time" })
  anchoredAt!: string;
}

export class LedgerContractView {
  @ApiProperty({ example: "DataSharingLedger" })
  name!: string;

  @ApiProperty()
  address!: string;

  @ApiProperty()
  chainId!: string;
}

export class AccessLogProofView {
  @ApiProperty({ type: AccessLogEntryView, description: "The entry as stored now: recompute its leaf from these fields." })
  entry!: AccessLogEntryView;

  @ApiProperty({ description: "Unix milliseconds of accessedAt, as the leaf encodes it." })
  accessedAtMillis!: string;

  @ApiProperty({ description: "How to recompute the leaf from the entry." })
  leafFormula!: string;

  @ApiProperty({ type: [String], description: "Siblings from the leaf up to the root (sorted pairs: OpenZeppelin MerkleProof.verify)." })
  proof!: string[];

  @ApiProperty({ type: AccessLogBatchView })
  batch!: AccessLogBatchView;

  @ApiProperty({ type: LedgerContractView })
  contract!: LedgerContractView;
}
