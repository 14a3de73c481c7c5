import { Module } from "@nestjs/common";
import { TaxVerificationsProcessor } from "./tax-verifications.processor.js";
import { TaxModule } from "./tax.module.js";

/** The tax-verifications jobs (verify, resync): loaded only in processes with the worker role. */
@Module({ imports: [TaxModule], providers: [TaxVerificationsProcessor] })
export class TaxWorkerModule {}
