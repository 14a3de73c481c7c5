import { BullModule } from "@nestjs/bullmq";
import { Module } from "@nestjs/common";
import { TypeOrmModule } from "@nestjs/typeorm";
import { TaxModule } from "../tax/tax.module.js";
import { InvoiceCandidates } from "./invoice-candidates.service.js";
import { InvoiceChainEvents } from "./invoice-chain-events.js";
import { InvoiceRegistrar } from "./invoice-registrar.service.js";
import { InvoiceUploadRunner } from "./invoice-upload-runner.service.js";
import { InvoiceUploadsController } from "./invoice-uploads.controller.js";
import { INVOICE_UPLOADS_QUEUE } from "./invoice-uploads.queue.js";
import { InvoiceUploadsService } from "./invoice-uploads.service.js";
import { Invoice } from "./invoice.entity.js";
import { InvoicesController } from "./invoices.controller.js";
import { InvoicesService } from "./invoices.service.js";
import { UploadRow } from "./upload-row.entity.js";
import { Upload } from "./upload.entity.js";

export const INVOICE_ENTITIES = [Invoice, Upload, UploadRow];

/** Invoices: entry (one by one, or uploads), registration on chain, and what the chain says about them. */
@Module({
  imports: [TypeOrmModule.forFeature(INVOICE_ENTITIES), BullModule.registerQueue({ name: INVOICE_UPLOADS_QUEUE }), TaxModule],
  // The uploads controller first: its routes are more specific than /v1/invoices/:id.
  controllers: [InvoiceUploadsController, InvoicesController],
  providers: [InvoicesService, InvoiceUploadsService, InvoiceUploadRunner, InvoiceCandidates, InvoiceRegistrar, InvoiceChainEvents],
  exports: [InvoicesService, InvoiceUploadRunner],
})
export class InvoicesModule {}
