import { InjectQueue, Processor, WorkerHost } from "@nestjs/bullmq";
import { type OnApplicationBootstrap, type OnModuleDestroy } from "@nestjs/common";
import type { Job, Queue } from "bullmq";
import { ChainIndexer } from "./chain-indexer.service.js";

export const CHAIN_INDEX_QUEUE = "chain-index";
const INDEX_EVERY_MS = 100;

/** Runs the indexer on a schedule; one round at a time (the cursor row lock also guards across processes). */
@Processor(CHAIN_INDEX_QUEUE, { concurrency: 1 })
export class ChainIndexProcessor extends WorkerHost implements OnApplicationBootstrap, OnModuleDestroy {
  constructor(
    private readonly indexer: ChainIndexer,
    @InjectQueue(CHAIN_INDEX_QUEUE) private readonly queue: Queue,
  ) {
    super();
  }

  /** First in the shutdown order: the running job finishes while the database and the chain are still there. */
  async onModuleDestroy(): Promise<void> {
    await this.worker.close();
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.queue.upsertJobScheduler(
      "chain.index",
      { every: INDEX_EVERY_MS },
      { name: "chain.index", opts: { removeOnComplete: true, removeOnFail: 50 } },
    );
  }

  async process(_job: Job): Promise<number> {
    return this.indexer.catchUp();
  }
}
