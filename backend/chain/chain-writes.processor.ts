import { InjectQueue, Processor, WorkerHost } from "@nestjs/bullmq";
import { type OnApplicationBootstrap, type OnModuleDestroy } from "@nestjs/common";
import type { Job, Queue } from "bullmq";
import { CHAIN_WRITES_QUEUE, ChainGateway } from "./chain-gateway.service.js";
import { ChainWriter } from "./chain-writer.service.js";

/** How often the sweep looks for signers with work whose wake-up may have been lost. */
const SWEEP_EVERY_MS = 2_000;

export type ChainWritesJob = Job<{ signer: string }, number, "chain.flush"> | Job<Record<string, never>, void, "chain.sweep">;

/**
 * One flush job per signing key at a time (the job id is the signer), so each key has one writer; different
 * keys are written in parallel. The database row lock on the signer's nonce backs this up across processes.
 */
// A worker killed mid-flush leaves its job active in Redis, and wake-ups with the same job id wait for it:
// a short lock (renewed while the job runs) and stall check let a new worker reclaim it within seconds.
@Processor(CHAIN_WRITES_QUEUE, { concurrency: 8, lockDuration: 10_000, stalledInterval: 5_000, maxStalledCount: 10 })
export class ChainWritesProcessor extends WorkerHost implements OnApplicationBootstrap, OnModuleDestroy {
  constructor(
    private readonly writer: ChainWriter,
    private readonly gateway: ChainGateway,
    @InjectQueue(CHAIN_WRITES_QUEUE) private readonly queue: Queue,
  ) {
    super();
  }

  /** First in the shutdown order: the running job finishes while the database and the chain are still there. */
  async onModuleDestroy(): Promise<void> {
    await this.worker.close();
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.queue.upsertJobScheduler("chain.sweep", { every: SWEEP_EVERY_MS }, { name: "chain.sweep" });
  }

  async process(job: ChainWritesJob): Promise<unknown> {
    if (job.name === "chain.flush") return this.writer.flush(job.data.signer);
    await this.gateway.wake(await this.writer.signersWithWork());
    return undefined;
  }
}
