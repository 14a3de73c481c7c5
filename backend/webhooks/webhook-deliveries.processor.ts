import { InjectQueue, Processor, WorkerHost } from "@nestjs/bullmq";
import { Inject, type OnApplicationBootstrap } from "@nestjs/common";
import type { Queue } from "bullmq";
import { APP_CONFIG, type AppConfig } from "../config/config.js";
import { DELIVER_DUE_JOB, WEBHOOK_DELIVERIES_QUEUE } from "./webhook-deliveries.queue.js";
import { WebhookDispatcher } from "./webhook-dispatcher.service.js";

/**
 * A repeatable sweep rather than one job per delivery: deliveries are created inside projector transactions,
 * where enqueueing would run before the commit (or not at all after a rollback); the table is the queue and
 * each sweep sends what is due. Retries are the same sweep finding a delivery whose backoff ran out.
 */
@Processor(WEBHOOK_DELIVERIES_QUEUE, { concurrency: 1 })
export class WebhookDeliveriesProcessor extends WorkerHost implements OnApplicationBootstrap {
  constructor(
    private readonly dispatcher: WebhookDispatcher,
    @InjectQueue(WEBHOOK_DELIVERIES_QUEUE) private readonly queue: Queue,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    super();
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.queue.upsertJobScheduler(DELIVER_DUE_JOB, { every: this.config.webhookSweepEveryMs }, {
      name: DELIVER_DUE_JOB,
      opts: { removeOnComplete: true, removeOnFail: 50 },
    });
  }

  process(): Promise<number> {
    return this.dispatcher.deliverDue();
  }
}
