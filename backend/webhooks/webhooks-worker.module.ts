import { Module } from "@nestjs/common";
import { WebhookDeliveriesProcessor } from "./webhook-deliveries.processor.js";
import { WebhooksModule } from "./webhooks.module.js";

/** The delivery sweep: loaded only in processes with the worker role. */
@Module({ imports: [WebhooksModule], providers: [WebhookDeliveriesProcessor] })
export class WebhooksWorkerModule {}
