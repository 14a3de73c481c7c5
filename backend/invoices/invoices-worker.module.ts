import { Module } from "@nestjs/common";
import { InvoiceUploadsProcessor } from "./invoice-uploads.processor.js";
import { InvoicesModule } from "./invoices.module.js";

/** The upload jobs: loaded only in processes with the worker role. */
@Module({ imports: [InvoicesModule], providers: [InvoiceUploadsProcessor] })
export class InvoicesWorkerModule {}
