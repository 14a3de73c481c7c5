import { InjectQueue, Processor, WorkerHost } from "@nestjs/bullmq";
import type { OnApplicationBootstrap } from "@nestjs/common";
import type { Job, Queue } from "bullmq";
import { type ResyncReport, TaxResync } from "./tax-resync.service.js";
import { RESYNC_JOB, type ResyncJobData, TAX_VERIFICATIONS_QUEUE, VERIFY_JOB } from "./tax-verification.queue.js";
import { TaxVerifier } from "./tax-verifier.service.js";

/** Catches invoices whose wake-up was lost (enqueued before the indexer's commit, or while a run was active). */
const VERIFY_SWEEP_EVERY_MS = 5_000;
/** Voidings and red-letter reversals are checked for once a day, at 03:00 UTC, besides POST /v1/tax/resync. */
const DAILY_RESYNC_PATTERN = "0 3 * * *";

type TaxJob = Job<Record<string, never>, number, typeof VERIFY_JOB> | Job<ResyncJobData, ResyncReport, typeof RESYNC_JOB>;

@Processor(TAX_VERIFICATIONS_QUEUE, { concurrency: 1 })
export class TaxVerificationsProcessor extends WorkerHost implements OnApplicationBootstrap {
  constructor(
    private readonly verifier: TaxVerifier,
    private readonly resync: TaxResync,
    @InjectQueue(TAX_VERIFICATIONS_QUEUE) private readonly queue: Queue,
  ) {
    super();
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.queue.upsertJobScheduler("invoice.verify-sweep", { every: VERIFY_SWEEP_EVERY_MS }, {
      name: VERIFY_JOB,
      opts: { removeOnComplete: true, removeOnFail: 50 },
    });
    await this.queue.upsertJobScheduler("invoice.resync-daily", { pattern: DAILY_RESYNC_PATTERN, tz: "UTC" }, {
      name: RESYNC_JOB,
      data: { scope: "backing-vouchers" },
      opts: { removeOnComplete: 100, removeOnFail: 100 },
    });
  }

  async process(job: TaxJob): Promise<unknown> {
    if (job.name === VERIFY_JOB) return this.verifier.verifyWaiting();
    return this.resync.resync((job as Job<ResyncJobData>).data.scope);
  }
}
