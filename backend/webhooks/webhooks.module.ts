import { BullModule } from "@nestjs/bullmq";
import { Global, Module } from "@nestjs/common";
import { TypeOrmModule } from "@nestjs/typeorm";
import { KeyVault } from "../participants/key-vault.js";
import { WebhookAttempt } from "./webhook-attempt.entity.js";
import { WEBHOOK_DELIVERIES_QUEUE } from "./webhook-deliveries.queue.js";
import { WebhookDeliveries } from "./webhook-deliveries.service.js";
import { WebhookDelivery } from "./webhook-delivery.entity.js";
import { WebhookDispatcher } from "./webhook-dispatcher.service.js";
import { WebhookEvent } from "./webhook-event.entity.js";
import { WebhookPublisher } from "./webhook-publisher.service.js";
import { WebhookSecrets } from "./webhook-secrets.js";
import { WebhookSubscription } from "./webhook-subscription.entity.js";
import { WebhookSubscriptions } from "./webhook-subscriptions.service.js";
import { WebhooksController } from "./webhooks.controller.js";
import { VoucherNotifications } from "./voucher-notifications.js";

export const WEBHOOK_ENTITIES = [WebhookSubscription, WebhookEvent, WebhookDelivery, WebhookAttempt];

/**
 * Signed webhooks. Global so that any module can inject WebhookPublisher and publish its events in its own
 * transactions; sending runs in WebhooksWorkerModule.
 */
@Global()
@Module({
  imports: [TypeOrmModule.forFeature(WEBHOOK_ENTITIES), BullModule.registerQueue({ name: WEBHOOK_DELIVERIES_QUEUE })],
  controllers: [WebhooksController],
  providers: [WebhookPublisher, WebhookSubscriptions, WebhookDeliveries, WebhookDispatcher, WebhookSecrets, KeyVault, VoucherNotifications],
  exports: [WebhookPublisher, WebhookDispatcher, BullModule],
})
export class WebhooksModule {}
