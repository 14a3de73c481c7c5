import { InjectQueue, Processor, WorkerHost } from "@nestjs/bullmq";
import { Inject, type OnApplicationBootstrap, type OnModuleDestroy } from "@nestjs/common";
import type { Job, Queue } from "bullmq";
import { APP_CONFIG, type AppConfig } from "../config/config.js";
import { AccessLogAnchoring } from "./access-log-anchoring.service.js";

export const ACCESS_LOG_QUEUE = "access-log";
export const ANCHOR_JOB = "access-log.anchor";

/** Anchors the access log on a schedule (ACCESS_LOG_ANCHOR_INTERVAL_MS); one round at a time. */
@Processor(ACCESS_LOG_QUEUE, { concurrency: 1 })
export class AccessLogAnchorProcessor extends WorkerHost implements OnApplicationBootstrap, OnModuleDestroy {
  constructor(
    private readonly anchoring: AccessLogAnchoring,
    @InjectQueue(ACCESS_LOG_QUEUE) private readonly queue: Queue,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    super();
  }

  /** First in the shutdown order: the running round finishes while the database is still there. */
  async onModuleDestroy(): Promise<void> {
    await this.worker.close();
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.queue.upsertJobScheduler(
      ANCHOR_JOB,
      { every: this.config.accessLogAnchorIntervalMs },
      { name: ANCHOR_JOB, opts: { removeOnComplete: true, removeOnFail: 50 } },
    );
  }

  async process(_job: Job): Promise<number> {
    return this.anchoring.anchorPending();
  }
}
