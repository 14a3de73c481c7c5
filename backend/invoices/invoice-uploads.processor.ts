import { Processor, WorkerHost } from "@nestjs/bullmq";
import type { Job } from "bullmq";
import { InvoiceUploadRunner } from "./invoice-upload-runner.service.js";
import { INVOICE_UPLOADS_QUEUE, UPLOAD_JOB_ATTEMPTS, type UploadProcessData } from "./invoice-uploads.queue.js";

/** `upload.process`: one upload at a time per worker, resumable after a crash (see InvoiceUploadRunner). */
@Processor(INVOICE_UPLOADS_QUEUE, { concurrency: 2 })
export class InvoiceUploadsProcessor extends WorkerHost {
  constructor(private readonly runner: InvoiceUploadRunner) {
    super();
  }

  async process(job: Job<UploadProcessData>): Promise<void> {
    try {
      await this.runner.run(job.data.uploadId, (processed, total) => job.updateProgress({ processed, total }));
    } catch (error) {
      const lastAttempt = job.attemptsMade + 1 >= (job.opts.attempts ?? UPLOAD_JOB_ATTEMPTS);
      if (lastAttempt) await this.runner.markFailed(job.data.uploadId, error instanceof Error ? error.message : String(error));
      throw error;
    }
  }
}
