import { Module } from "@nestjs/common";
import { TypeOrmModule } from "@nestjs/typeorm";
import { CashAccount } from "./cash-account.entity.js";
import { CashController } from "./cash.controller.js";
import { CashInstruction } from "./cash-instruction.entity.js";
import { CashInstructions } from "./cash-instructions.service.js";
import { CashMovement } from "./cash-movement.entity.js";
import { CashProjector } from "./cash-projector.js";
import { CashQueries } from "./cash-queries.service.js";

export const CASH_ENTITIES = [CashAccount, CashMovement, CashInstruction];

/**
 * The cash token: banks mint and burn through the chain gateway; everyone reads its balance and movements
 * from tables the projector fills from CashToken's events. No jobs of its own: the chain writer and the
 * indexer do the work.
 */
@Module({
  imports: [TypeOrmModule.forFeature(CASH_ENTITIES)],
  controllers: [CashController],
  providers: [CashInstructions, CashQueries, CashProjector],
})
export class CashModule {}
