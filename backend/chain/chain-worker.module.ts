import { Module } from "@nestjs/common";
import { ChainIndexProcessor } from "./chain-index.processor.js";
import { ChainWritesProcessor } from "./chain-writes.processor.js";

/** The chain writer and the indexer as BullMQ workers: loaded only in processes with the worker role. */
@Module({ providers: [ChainWritesProcessor, ChainIndexProcessor] })
export class ChainWorkerModule {}
