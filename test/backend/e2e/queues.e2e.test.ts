import "reflect-metadata";
import { afterAll, beforeAll, describe, expect, it } from "@jest/globals";
import { BullModule, InjectQueue, Processor, WorkerHost } from "@nestjs/bullmq";
import { type INestApplicationContext, Injectable, Module } from "@nestjs/common";
import { NestFactory } from "@nestjs/core";
import type { Job, Queue } from "bullmq";
import { Redis } from "ioredis";
import { AppModule } from "../../../backend/app.module.js";
import type { AppConfig } from "../../../backend/config/config.js";
import { prepareTestConfig } from "./app.js";

// A queue and a processor of the test's own, plugged in beside the app module the way a feature module
// would be: proves the app's BullMQ connection (BullModule.forRootAsync from config) carries jobs from
// producer to worker through the platform's redis-server, under the configured key prefix.

const processed: string[] = [];

@Processor("probe")
class ProbeProcessor extends WorkerHost {
  async process(job: Job<{ text: string }>): Promise<string> {
    processed.push(job.data.text);
    return job.data.text.toUpperCase();
  }
}

@Injectable()
class ProbeProducer {
  constructor(@InjectQueue("probe") readonly queue: Queue) {}
}

@Module({
  imports: [BullModule.registerQueue({ name: "probe" })],
  providers: [ProbeProcessor, ProbeProducer],
})
class ProbeModule {}

describe("the app's BullMQ connection", () => {
  let context: INestApplicationContext;
  let config: AppConfig;
  let dropDatabase: () => Promise<void>;

  beforeAll(async () => {
    ({ config, dropDatabase } = await prepareTestConfig());
    @Module({ imports: [AppModule.forRoot(config), ProbeModule] })
    class TestRoot {}
    context = await NestFactory.createApplicationContext(TestRoot, { logger: ["error", "fatal"], abortOnError: false });
    await context.init();
  });

  afterAll(async () => {
    await context?.close();
    await dropDatabase?.();
  });

  it("runs a job enqueued by a producer in a worker, under the configured prefix", async () => {
    const { queue } = context.get(ProbeProducer);
    const job = await queue.add("probe.echo", { text: "hello" }, { jobId: "probe-1" });
    expect(queue.opts.prefix).toBe(config.queuePrefix);

    const deadline = Date.now() + 10_000;
    while ((await job.getState()) !== "completed" && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(await queue.getJob("probe-1")).toMatchObject({ returnvalue: "HELLO" });
    expect(processed).toEqual(["hello"]);
    const redis = new Redis(config.redisUrl);
    try {
      expect(await redis.exists(`${config.queuePrefix}:probe:probe-1`)).toBe(1);
    } finally {
      await redis.quit();
    }
  });
});
