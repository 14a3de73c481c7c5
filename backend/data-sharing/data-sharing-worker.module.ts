import { Module } from "@nestjs/common";
import { AccessLogAnchorProcessor } from "./access-log-anchor.processor.js";
import { DataSharingModule } from "./data-sharing.module.js";

/** The access-log anchoring job: loaded only in processes with the worker role. */
@Module({ imports: [DataSharingModule], providers: [AccessLogAnchorProcessor] })
export class DataSharingWorkerModule {}
