import { InjectQueue, OnWorkerEvent, Processor, WorkerHost } from "@nestjs/bullmq";
import { Logger, type OnApplicationBootstrap } from "@nestjs/common";
import type { Job, Queue } from "bullmq";
import { APPLY_DUE_JOB, AUTO_DECISIONS_QUEUE, AUTO_DECISION_SWEEP_EVERY_MS } from "./auto-decision.queue.js";
import { AutoDecisionRunner } from "./auto-decision-runner.service.js";

/**
 * A repeatable sweep rather than one job per request: the outbox rows are written in the indexer's
 * transaction, where enqueueing would run before the commit (or not at all after a rollback).
 */
@Processor(AUTO_DECISIONS_QUEUE, { concurrency: 1 })
export class AutoDecisionProcessor extends WorkerHost implements OnApplicationBootstrap {
  private readonly logger = new Logger(AutoDecisionProcessor.name);

  constructor(
    private readonly runner: AutoDecisionRunner,
    @InjectQueue(AUTO_DECISIONS_QUEUE) private readonly queue: Queue,
  ) {
    super();
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.queue.upsertJobScheduler(APPLY_DUE_JOB, { every: AUTO_DECISION_SWEEP_EVERY_MS }, {
      name: APPLY_DUE_JOB,
      opts: { removeOnComplete: true, removeOnFail: 50 },
    });
  }

  process(): Promise<number> {
    return this.runner.applyDue();
  }

  /** A sweep that failed as a whole (database unreachable): the next one retries, but say so. */
  @OnWorkerEvent("failed")
  onFailed(job: Job | undefined, error: Error): void {
    this.logger.error(`auto-decision sweep ${job?.id ?? ""} failed: ${error.message}`);
  }
}
