import { BullModule } from "@nestjs/bullmq";
import { Module } from "@nestjs/common";
import { TypeOrmModule } from "@nestjs/typeorm";
import { APP_CONFIG, type AppConfig } from "../config/config.js";
import { HttpTaxAuthorityAdapter } from "./http-tax-authority.adapter.js";
import { TaxAttestationOutcomes } from "./tax-attestation-outcomes.js";
import { TAX_AUTHORITY } from "./tax-authority.adapter.js";
import { TaxAuthorityAccount } from "./tax-authority-account.service.js";
import { TaxEvidence } from "./tax-evidence.entity.js";
import { TaxResync } from "./tax-resync.service.js";
import { TAX_VERIFICATIONS_QUEUE, TaxVerificationQueue } from "./tax-verification.queue.js";
import { TaxVerifier } from "./tax-verifier.service.js";
import { TaxController } from "./tax.controller.js";

export const TAX_ENTITIES = [TaxEvidence];

/**
 * The tax authority (TAX_AUTHORITY, over HTTP to TAX_SERVICE_URL), invoice verification and resync, and the
 * attestations they record on chain. The jobs run in TaxWorkerModule.
 */
@Module({
  imports: [TypeOrmModule.forFeature(TAX_ENTITIES), BullModule.registerQueue({ name: TAX_VERIFICATIONS_QUEUE })],
  controllers: [TaxController],
  providers: [
    {
      provide: TAX_AUTHORITY,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) =>
        new HttpTaxAuthorityAdapter({
          baseUrl: config.taxServiceUrl,
          // None configured: the adapter trusts the keys the service publishes at GET /v1/keys (local runs).
          trustedPublicKeys: config.taxServicePublicKey === undefined ? [] : [config.taxServicePublicKey],
        }),
    },
    TaxVerificationQueue,
    TaxAuthorityAccount,
    TaxVerifier,
    TaxResync,
    TaxAttestationOutcomes,
  ],
  // BullModule: the queue itself, which the worker module's processor schedules jobs on.
  exports: [TAX_AUTHORITY, TaxVerificationQueue, TaxVerifier, TaxResync, BullModule],
})
export class TaxModule {}
