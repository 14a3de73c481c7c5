import { ApiProperty } from "@nestjs/swagger";
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsIn, IsUrl, MaxLength } from "class-validator";
import { WEBHOOK_EVENT_TYPES } from "../webhook-event-types.js";

export class CreateWebhookSubscriptionRequest {
  @ApiProperty({ example: "https://erp.example.com/hooks/receivables", description: "http or https URL that accepts POST." })
  @IsUrl({ protocols: ["http", "https"], require_protocol: true, require_tld: false })
  @MaxLength(2000)
  url!: string;

  @ApiProperty({ enum: WEBHOOK_EVENT_TYPES, isArray: true, example: ["voucher.paid", "cash.received"] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(WEBHOOK_EVENT_TYPES.length)
  @ArrayUnique()
  @IsIn(WEBHOOK_EVENT_TYPES, { each: true })
  eventTypes!: string[];
}

export class WebhookSubscriptionView {
  @ApiProperty({ format: "uuid" })
  id!: string;

  @ApiProperty()
  url!: string;

  @ApiProperty({ enum: WEBHOOK_EVENT_TYPES, isArray: true })
  eventTypes!: string[];

  @ApiProperty()
  active!: boolean;

  @ApiProperty({ format: "date-time" })
  createdAt!: string;
}

export class CreatedWebhookSubscription extends WebhookSubscriptionView {
  @ApiProperty({
    description:
      "Shown this once: verify each delivery's `X-Webhook-Signature: t=<unix>,v1=<hex>` as HMAC-SHA256 of `<t>.<raw body>` with it.",
  })
  secret!: string;
}

export class WebhookSubscriptionList {
  @ApiProperty({ type: [WebhookSubscriptionView] })
  items!: WebhookSubscriptionView[];
}
