import { InjectQueue } from "@nestjs/bullmq";
import { Injectable } from "@nestjs/common";
import type { Queue } from "bullmq";

export const TAX_VERIFICATIONS_QUEUE = "tax-verifications";
/** Verifies the invoices waiting for the tax authority, up to MAX_INVOICES_PER_VERIFICATION per call. */
export const VERIFY_JOB = "invoice.verify";
/** Asks the tax authority again about valid invoices, attesting what changed (voided, reversed, amount). */
export const RESYNC_JOB = "invoice.resync";

/** backing-vouchers: valid invoices bound to a voucher (what a change would freeze); all-valid: every valid one. */
export const RESYNC_SCOPES = ["backing-vouchers", "all-valid"] as const;
export type ResyncScope = (typeof RESYNC_SCOPES)[number];
export interface ResyncJobData {
  scope: ResyncScope;
}

/** Enqueues tax work; the jobs themselves run in TaxVerificationsProcessor (worker role). */
@Injectable()
export class TaxVerificationQueue {
  constructor(@InjectQueue(TAX_VERIFICATIONS_QUEUE) private readonly queue: Queue) {}

  /**
   * A wake-up: while one waits, more requests add nothing, and the job takes every waiting invoice. A request
   * made while a run is active leaves one job to run after it (invoices registered during a run are not left
   * for the periodic sweep).
   */
  async requestVerification(): Promise<void> {
    await this.queue.add(VERIFY_JOB, {}, {
      deduplication: { id: VERIFY_JOB, keepLastIfActive: true },
      delay: 100,
      removeOnComplete: true,
      removeOnFail: true,
    });
  }

  async requestResync(scope: ResyncScope): Promise<string> {
    const job = await this.queue.add(RESYNC_JOB, { scope } satisfies ResyncJobData, {
      attempts: 3,
      backoff: { type: "exponential", delay: 5000 },
      removeOnComplete: 100,
      removeOnFail: 100,
    });
    return job.id!;
  }
}
