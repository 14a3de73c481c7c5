import { BullModule } from "@nestjs/bullmq";
import { type DynamicModule, Module, type Type } from "@nestjs/common";
import { APP_FILTER, APP_PIPE } from "@nestjs/core";
import { ChainProviderModule } from "./chain/chain-provider.js";
import { ChainWorkerModule } from "./chain/chain-worker.module.js";
import { ChainModule } from "./chain/chain.module.js";
import { DomainExceptionFilter } from "./common/domain-exception.filter.js";
import { RedisModule } from "./common/redis.js";
import { createValidationPipe } from "./common/request-validation.js";
import { ConfigModule } from "./config/config.module.js";
import { APP_CONFIG, type AppConfig } from "./config/config.js";
import { DataSharingWorkerModule } from "./data-sharing/data-sharing-worker.module.js";
import { DataSharingModule } from "./data-sharing/data-sharing.module.js";
import { ComplianceModule } from "./compliance/compliance.module.js";
import { DatabaseModule } from "./database/database.module.js";
import { ExposureModule } from "./exposure/exposure.module.js";
import { FinancingAutoDecisionWorkerModule } from "./financing/auto-decision/financing-auto-decision-worker.module.js";
import { FinancingModule } from "./financing/financing.module.js";
import { GuaranteesModule } from "./guarantees/guarantees.module.js";
import { HealthModule } from "./health/health.module.js";
import { InvoicesWorkerModule } from "./invoices/invoices-worker.module.js";
import { InvoicesModule } from "./invoices/invoices.module.js";
import { ParticipantsModule } from "./participants/participants.module.js";
import { ReceivablesModule } from "./receivables/receivables.module.js";
import { TaxWorkerModule } from "./tax/tax-worker.module.js";
import { CashModule } from "./cash/cash.module.js";
import { SettlementWorkerModule } from "./settlement/settlement-worker.module.js";
import { SettlementModule } from "./settlement/settlement.module.js";
import { TaxModule } from "./tax/tax.module.js";
import { WebhooksWorkerModule } from "./webhooks/webhooks-worker.module.js";
import { WebhooksModule } from "./webhooks/webhooks.module.js";

type ModuleImport = Type | DynamicModule;

/**
 * Feature modules: controllers, services, and the queues they enqueue to (`BullModule.registerQueue`).
 * Loaded in every process, whatever its roles. Add yours here.
 */
export const FEATURE_MODULES: ModuleImport[] = [
  HealthModule,
  ChainModule,
  ParticipantsModule,
  TaxModule,
  InvoicesModule,
  ReceivablesModule,
  DataSharingModule,
  WebhooksModule,
  CashModule,
  SettlementModule,
  ComplianceModule,
  FinancingModule,
  GuaranteesModule,
  ExposureModule,
];

/**
 * Modules that hold BullMQ processors (`@Processor` classes), loaded only in processes with the worker
 * role, so that an API-only process never consumes jobs. Add yours here; a feature usually has its
 * `<feature>.module.ts` in FEATURE_MODULES and a `<feature>-worker.module.ts` here that imports it.
 */
export const WORKER_MODULES: ModuleImport[] = [
  ChainWorkerModule,
  TaxWorkerModule,
  InvoicesWorkerModule,
  DataSharingWorkerModule,
  SettlementWorkerModule,
  WebhooksWorkerModule,
  FinancingAutoDecisionWorkerModule,
];

@Module({})
export class AppModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        DatabaseModule,
        RedisModule,
        ChainProviderModule,
        // Every role needs the queue connection: the API enqueues jobs, workers consume them.
        BullModule.forRootAsync({
          inject: [APP_CONFIG],
          useFactory: (appConfig: AppConfig) => ({
            connection: { url: appConfig.redisUrl },
            prefix: appConfig.queuePrefix,
          }),
        }),
        ...FEATURE_MODULES,
        ...(config.processRoles.includes("worker") ? WORKER_MODULES : []),
      ],
      providers: [
        { provide: APP_PIPE, useFactory: createValidationPipe },
        { provide: APP_FILTER, useClass: DomainExceptionFilter },
      ],
    };
  }
}
