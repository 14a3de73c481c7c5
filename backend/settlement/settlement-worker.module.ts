import { Module } from "@nestjs/common";
import { MaturityScanProcessor } from "./maturity-scan.processor.js";
import { SettlementModule } from "./settlement.module.js";

/** The scheduled maturity scan: loaded only in processes with the worker role. */
@Module({ imports: [SettlementModule], providers: [MaturityScanProcessor] })
export class SettlementWorkerModule {}
