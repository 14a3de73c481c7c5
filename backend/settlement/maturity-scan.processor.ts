import { InjectQueue, Processor, WorkerHost } from "@nestjs/bullmq";
import { Inject, type OnApplicationBootstrap } from "@nestjs/common";
import type { Queue } from "bullmq";
import { APP_CONFIG, type AppConfig } from "../config/config.js";
import { MATURITY_SCAN_JOB, MATURITY_SCAN_QUEUE } from "./maturity-scan.queue.js";
import { type MaturityScanReport, MaturityScanner } from "./maturity-scanner.service.js";

/** Runs the maturity scan every MATURITY_SCAN_EVERY_MS; one job scheduler, so every worker process shares one schedule. */
@Processor(MATURITY_SCAN_QUEUE, { concurrency: 1 })
export class MaturityScanProcessor extends WorkerHost implements OnApplicationBootstrap {
  constructor(
    private readonly scanner: MaturityScanner,
    @InjectQueue(MATURITY_SCAN_QUEUE) private readonly queue: Queue,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    super();
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.queue.upsertJobScheduler(MATURITY_SCAN_JOB, { every: this.config.maturityScanEveryMs }, {
      name: MATURITY_SCAN_JOB,
      opts: { removeOnComplete: true, removeOnFail: 50 },
    });
  }

  process(): Promise<MaturityScanReport> {
    return this.scanner.scan();
  }
}
