import { Module } from "@nestjs/common";
import { ComplianceController } from "./compliance.controller.js";
import { ComplianceRulesReader } from "./compliance-rules.reader.js";
import { ComplianceSettingsService } from "./compliance-settings.service.js";

/** The regulator's rules (exposure limits, guarantor capacities): set on chain, read on chain. */
@Module({
  controllers: [ComplianceController],
  providers: [ComplianceRulesReader, ComplianceSettingsService],
  exports: [ComplianceRulesReader],
})
export class ComplianceModule {}
