import { BullModule } from "@nestjs/bullmq";
import { Module } from "@nestjs/common";
import { FinancingModule } from "../financing.module.js";
import { AutoDecisionProcessor } from "./auto-decision.processor.js";
import { AUTO_DECISIONS_QUEUE } from "./auto-decision.queue.js";

/** The auto-decision sweep: loaded only in processes with the worker role. */
@Module({ imports: [FinancingModule, BullModule.registerQueue({ name: AUTO_DECISIONS_QUEUE })], providers: [AutoDecisionProcessor] })
export class FinancingAutoDecisionWorkerModule {}
