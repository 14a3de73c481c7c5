import { BullModule } from "@nestjs/bullmq";
import { Global, Module } from "@nestjs/common";
import { TypeOrmModule } from "@nestjs/typeorm";
import { APP_CONFIG, type AppConfig } from "../config/config.js";
import { ChainCursor } from "./chain-cursor.entity.js";
import { ChainEvent } from "./chain-event.entity.js";
import { CHAIN_WRITES_QUEUE, ChainGateway } from "./chain-gateway.service.js";
import { CHAIN_INDEX_QUEUE } from "./chain-index.processor.js";
import { ChainIndexer } from "./chain-indexer.service.js";
import { ChainOperation } from "./chain-operation.entity.js";
import { CHAIN_OPTIONS, type ChainOptions } from "./chain-options.js";
import { ChainOutcomes } from "./chain-outcomes.js";
import { ChainProjectors } from "./chain-projectors.js";
import { ChainSigner } from "./chain-signer.entity.js";
import { ChainTransaction } from "./chain-transaction.entity.js";
import { ChainWriter } from "./chain-writer.service.js";
import { SuiteContracts } from "./suite-contracts.js";

export const CHAIN_ENTITIES = [ChainOperation, ChainTransaction, ChainSigner, ChainEvent, ChainCursor];

/**
 * The chain gateway (recording writes, sending them) and the indexer (events into tables). Global: every
 * business module records writes through ChainGateway and registers projectors and failure handlers.
 * The signing keys come from the participants module (SIGNING_KEYS).
 */
@Global()
@Module({
  imports: [
    TypeOrmModule.forFeature(CHAIN_ENTITIES),
    BullModule.registerQueue({ name: CHAIN_WRITES_QUEUE }, { name: CHAIN_INDEX_QUEUE }),
  ],
  providers: [
    ChainGateway,
    ChainOutcomes,
    ChainProjectors,
    ChainWriter,
    ChainIndexer,
    {
      provide: SuiteContracts,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => SuiteContracts.fromFile(config.chainDeploymentFile),
    },
    {
      provide: CHAIN_OPTIONS,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig): ChainOptions => ({
        confirmations: config.chainConfirmations,
        gasPrice: 0n,
        receiptTimeoutMs: 60_000,
        receiptPollMs: 50,
        // Enough to keep a node busy while the writer signs and records the next batch; a node's pool
        // accepts far more queued transactions per sender (geth and Besu: 16 or more).
        maxInFlight: 4,
        indexerBlockRange: 2_000,
      }),
    },
  ],
  exports: [ChainGateway, ChainOutcomes, ChainProjectors, ChainWriter, ChainIndexer, SuiteContracts],
})
export class ChainModule {}
