import { ApiProperty, ApiPropertyOptional } from "@nestjs/swagger";
import { IsIn, IsOptional, IsUUID } from "class-validator";
import { PageQuery } from "../../common/pagination.js";
import type { WebhookDeliveryStatus } from "../webhook-delivery.entity.js";

const STATUSES: WebhookDeliveryStatus[] = ["pending", "delivered", "failed"];

export class ListWebhookDeliveriesQuery extends PageQuery {
  @ApiPropertyOptional({ format: "uuid" })
  @IsOptional()
  @IsUUID()
  subscriptionId?: string;

  @ApiPropertyOptional({ enum: STATUSES })
  @IsOptional()
  @IsIn(STATUSES)
  status?: WebhookDeliveryStatus;
}

export class WebhookAttemptView {
  @ApiProperty({ example: 1 })
  number!: number;

  @ApiProperty({ description: "The `t` the attempt was signed with (unix seconds).", example: "1764000000" })
  signedTimestamp!: string;

  @ApiProperty({ type: Number, nullable: true, description: "The receiver's HTTP status; null if it did not answer." })
  statusCode!: number | null;

  @ApiProperty({ type: String, nullable: true })
  error!: string | null;

  @ApiProperty()
  succeeded!: boolean;

  @ApiProperty()
  durationMs!: number;

  @ApiProperty({ format: "date-time" })
  attemptedAt!: string;
}

export class WebhookDeliveryView {
  @ApiProperty({ format: "uuid" })
  id!: string;

  @ApiProperty({ format: "uuid" })
  subscriptionId!: string;

  @ApiProperty({ format: "uuid", description: "The event's id: the body's `id` and the `X-Webhook-Id` header." })
  eventId!: string;

  @ApiProperty({ example: "voucher.paid" })
  eventType!: string;

  @ApiProperty({ example: "voucher.paid:12" })
  eventKey!: string;

  @ApiProperty({ enum: STATUSES })
  status!: WebhookDeliveryStatus;

  @ApiProperty({ description: "Attempts since creation or the last replay." })
  attempts!: number;

  @ApiProperty()
  replays!: number;

  @ApiProperty({ type: String, format: "date-time", nullable: true })
  nextAttemptAt!: string | null;

  @ApiProperty({ type: Number, nullable: true })
  lastStatusCode!: number | null;

  @ApiProperty({ type: String, nullable: true })
  lastError!: string | null;

  @ApiProperty({ type: String, format: "date-time", nullable: true })
  deliveredAt!: string | null;

  @ApiProperty({ format: "date-time" })
  createdAt!: string;
}

export class WebhookDeliveryDetail extends WebhookDeliveryView {
  @ApiProperty({ type: [WebhookAttemptView], description: "Every attempt, oldest first." })
  attemptLog!: WebhookAttemptView[];
}

export class WebhookDeliveryPage {
  @ApiProperty({ type: [WebhookDeliveryView] })
  items!: WebhookDeliveryView[];

  @ApiProperty({ type: String, nullable: true })
  nextCursor!: string | null;
}
