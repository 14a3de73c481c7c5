import { Module } from "@nestjs/common";
import { TypeOrmModule } from "@nestjs/typeorm";
import { ComplianceModule } from "../compliance/compliance.module.js";
import { DataSharingModule } from "../data-sharing/data-sharing.module.js";
import { InvoiceFactsReader } from "../receivables/invoice-facts.js";
import { AutoDecisionController } from "./auto-decision/auto-decision.controller.js";
import { AutoDecisionOutbox } from "./auto-decision/auto-decision-outbox.js";
import { AutoDecisionPolicies } from "./auto-decision/auto-decision-policies.service.js";
import { AutoDecisionPolicy } from "./auto-decision/auto-decision-policy.entity.js";
import { AutoDecisionQueries } from "./auto-decision/auto-decision-queries.service.js";
import { AutoDecisionRunner } from "./auto-decision/auto-decision-runner.service.js";
import { AutoDecision } from "./auto-decision/auto-decision.entity.js";
import { DecisionDataService } from "./decision-data.service.js";
import { FinancingAction } from "./financing-action.entity.js";
import { FinancingActionsController } from "./financing-actions.controller.js";
import { FinancingActionsService } from "./financing-actions.service.js";
import { FinancingChainFailures } from "./financing-chain-failures.js";
import { FinancingDecision } from "./financing-decision.entity.js";
import { FinancingDecisionsService } from "./financing-decisions.service.js";
import { FinancingInboxController } from "./financing-inbox.controller.js";
import { FinancingProjector } from "./financing-projector.js";
import { FinancingQueries } from "./financing-queries.service.js";
import { FinancingRequest } from "./financing-request.entity.js";
import { FinancingRequestsController } from "./financing-requests.controller.js";
import { FinancingRequestsService } from "./financing-requests.service.js";

export const FINANCING_ENTITIES = [FinancingRequest, FinancingDecision, FinancingAction, AutoDecisionPolicy, AutoDecision];

/**
 * Holders ask banks for financing against voucher parts; banks decide from their inbox with the decision data
 * and the platform's risk assessment; approval settles on chain (DvP); loans are repaid or closed, and after a
 * default pledges are enforced and recourse exercised. A bank may let a policy approve matching requests for it
 * (auto-decision/; applied by FinancingAutoDecisionWorkerModule). Reads come from tables the projector fills.
 */
@Module({
  imports: [TypeOrmModule.forFeature(FINANCING_ENTITIES), ComplianceModule, DataSharingModule],
  controllers: [FinancingRequestsController, FinancingInboxController, FinancingActionsController, AutoDecisionController],
  providers: [
    FinancingRequestsService,
    FinancingDecisionsService,
    FinancingActionsService,
    FinancingQueries,
    DecisionDataService,
    FinancingProjector,
    FinancingChainFailures,
    // Stateless reader of the indexed invoice registry events (receivables keeps its own instance).
    InvoiceFactsReader,
    AutoDecisionPolicies,
    AutoDecisionQueries,
    AutoDecisionOutbox,
    AutoDecisionRunner,
  ],
  exports: [FinancingQueries, AutoDecisionRunner],
})
export class FinancingModule {}
