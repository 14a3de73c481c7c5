import { BullModule } from "@nestjs/bullmq";
import { Module } from "@nestjs/common";
import { CHAIN_WRITES_QUEUE } from "./chain-gateway.service.js";
import { CHAIN_INDEX_QUEUE, ChainIndexProcessor } from "./chain-index.processor.js";
import { ChainWritesProcessor } from "./chain-writes.processor.js";

/** The chain writer and the indexer as BullMQ workers: loaded only in processes with the worker role. */
@Module({
  imports: [BullModule.registerQueue({ name: CHAIN_WRITES_QUEUE }, { name: CHAIN_INDEX_QUEUE })],
  providers: [ChainWritesProcessor, ChainIndexProcessor],
})
export class ChainWorkerModule {}
