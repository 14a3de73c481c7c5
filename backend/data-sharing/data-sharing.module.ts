import { BullModule } from "@nestjs/bullmq";
import { Module } from "@nestjs/common";
import { TypeOrmModule } from "@nestjs/typeorm";
import { InvoicesModule } from "../invoices/invoices.module.js";
import { ReceivablesModule } from "../receivables/receivables.module.js";
import { TaxModule } from "../tax/tax.module.js";
import { ACCESS_LOG_QUEUE } from "./access-log-anchor.processor.js";
import { AccessLogAnchoring } from "./access-log-anchoring.service.js";
import { AccessLogBatch } from "./access-log-batch.entity.js";
import { AccessLogEntry } from "./access-log-entry.entity.js";
import { AccessLogController } from "./access-log.controller.js";
import { AccessLogService } from "./access-log.service.js";
import { Consent } from "./consent.entity.js";
import { ConsentsController } from "./consents.controller.js";
import { ConsentsService } from "./consents.service.js";
import { SharedDataAccess } from "./shared-data-access.service.js";
import { SharedDataController } from "./shared-data.controller.js";
import { SharedDataService } from "./shared-data.service.js";

export const DATA_SHARING_ENTITIES = [Consent, AccessLogEntry, AccessLogBatch];

/**
 * Consent-based data sharing: enterprises grant and revoke consents (hashes on chain); banks, guarantors and
 * the regulator read shared data through SharedDataAccess only, which logs every read; the log is anchored
 * on chain in Merkle batches (AccessLogAnchorProcessor, in DataSharingWorkerModule).
 */
@Module({
  imports: [
    TypeOrmModule.forFeature(DATA_SHARING_ENTITIES),
    BullModule.registerQueue({ name: ACCESS_LOG_QUEUE }),
    InvoicesModule,
    ReceivablesModule,
    TaxModule,
  ],
  controllers: [ConsentsController, SharedDataController, AccessLogController],
  providers: [ConsentsService, SharedDataAccess, SharedDataService, AccessLogService, AccessLogAnchoring],
  exports: [SharedDataAccess, SharedDataService, AccessLogAnchoring, BullModule],
})
export class DataSharingModule {}
