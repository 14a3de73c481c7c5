import { Module } from "@nestjs/common";
import { TypeOrmModule } from "@nestjs/typeorm";
import { Confirmation } from "./confirmation.entity.js";
import { ConfirmationsController } from "./confirmations.controller.js";
import { ConfirmationsService } from "./confirmations.service.js";
import { InstructionsController } from "./instructions.controller.js";
import { InvoiceFactsReader } from "./invoice-facts.js";
import { PartInstruction } from "./part-instruction.entity.js";
import { PartInstructionsService } from "./part-instructions.service.js";
import { VoucherPart } from "./voucher-part.entity.js";
import { VoucherProjector } from "./voucher-projector.js";
import { VoucherQueries } from "./voucher-queries.service.js";
import { Voucher } from "./voucher.entity.js";
import { VouchersController } from "./vouchers.controller.js";

export const RECEIVABLES_ENTITIES = [Voucher, VoucherPart, Confirmation, PartInstruction];

/**
 * Confirmed payables become vouchers; holders split and transfer their parts; everyone entitled reads a
 * voucher's lineage. Writes go through the chain gateway; reads come from tables the projector fills.
 */
@Module({
  imports: [TypeOrmModule.forFeature(RECEIVABLES_ENTITIES)],
  controllers: [ConfirmationsController, VouchersController, InstructionsController],
  providers: [ConfirmationsService, PartInstructionsService, VoucherQueries, VoucherProjector, InvoiceFactsReader],
  // The data-sharing module reads an enterprise's voucher history for the parties it consented to.
  exports: [VoucherQueries],
})
export class ReceivablesModule {}
