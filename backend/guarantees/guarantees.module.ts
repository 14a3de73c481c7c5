import { Module } from "@nestjs/common";
import { TypeOrmModule } from "@nestjs/typeorm";
import { ComplianceModule } from "../compliance/compliance.module.js";
import { GuaranteeChainFailures } from "./guarantee-chain-failures.js";
import { GuaranteeProjector } from "./guarantee-projector.js";
import { Guarantee } from "./guarantee.entity.js";
import { GuaranteesController } from "./guarantees.controller.js";
import { GuaranteesService } from "./guarantees.service.js";

export const GUARANTEE_ENTITIES = [Guarantee];

/** Guarantee bodies cover active financings for a fee, pay on default and take over the claim. */
@Module({
  imports: [TypeOrmModule.forFeature(GUARANTEE_ENTITIES), ComplianceModule],
  controllers: [GuaranteesController],
  providers: [GuaranteesService, GuaranteeProjector, GuaranteeChainFailures],
})
export class GuaranteesModule {}
