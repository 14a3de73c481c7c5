import { Global, Inject, Injectable, Logger, Module, type OnModuleDestroy } from "@nestjs/common";
import { Redis } from "ioredis";
import { APP_CONFIG, type AppConfig } from "../config/config.js";

/**
 * The app's own Redis connection (idempotency keys, rate limits, health). BullMQ opens its own
 * connections from the same REDIS_URL (see app.module.ts).
 */
@Injectable()
export class RedisConnection implements OnModuleDestroy {
  readonly client: Redis;
  private readonly logger = new Logger(RedisConnection.name);
  private reportedDown = false;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.client = new Redis(config.redisUrl, { connectionName: "receivables-platform", maxRetriesPerRequest: 3 });
    // ioredis reconnects by itself; say once that Redis is down and once that it is back, not every retry.
    this.client.on("error", (error: Error) => {
      if (this.reportedDown) return;
      this.reportedDown = true;
      this.logger.warn(`Redis unreachable, reconnecting: ${error.message}`);
    });
    this.client.on("ready", () => {
      if (this.reportedDown) this.logger.log("Redis reachable again");
      this.reportedDown = false;
    });
  }

  async ping(): Promise<void> {
    const reply = await this.client.ping();
    if (reply !== "PONG") throw new Error(`unexpected PING reply ${reply}`);
  }

  async onModuleDestroy(): Promise<void> {
    // QUIT waits for the server; when it is already gone, just drop the socket.
    await this.client.quit().catch(() => this.client.disconnect());
  }
}

@Global()
@Module({ providers: [RedisConnection], exports: [RedisConnection] })
export class RedisModule {}
