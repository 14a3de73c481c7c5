import { BullModule } from "@nestjs/bullmq";
import { Module } from "@nestjs/common";
import { TypeOrmModule } from "@nestjs/typeorm";
import { ChainClock } from "./chain-clock.js";
import { MATURITY_SCAN_QUEUE } from "./maturity-scan.queue.js";
import { MaturityScanner } from "./maturity-scanner.service.js";
import { PartPayment } from "./part-payment.entity.js";
import { SettlementController } from "./settlement.controller.js";
import { SettlementPayment } from "./settlement-payment.entity.js";
import { SettlementPayments } from "./settlement-payments.service.js";
import { SettlementProjector } from "./settlement-projector.js";
import { SettlementQueries } from "./settlement-queries.service.js";
import { VoucherSettlement } from "./voucher-settlement.entity.js";

export const SETTLEMENT_ENTITIES = [VoucherSettlement, PartPayment, SettlementPayment];

/**
 * Maturity, payment and default: the debtor pays parts through the API (chain gateway), the maturity scan
 * (SettlementWorkerModule) marks overdue vouchers and declares defaults, and the projector records what the
 * chain did. The voucher's own status stays with the receivables module's projector.
 */
@Module({
  imports: [TypeOrmModule.forFeature(SETTLEMENT_ENTITIES), BullModule.registerQueue({ name: MATURITY_SCAN_QUEUE })],
  controllers: [SettlementController],
  providers: [SettlementPayments, SettlementQueries, SettlementProjector, MaturityScanner, ChainClock],
  exports: [MaturityScanner, BullModule],
})
export class SettlementModule {}
