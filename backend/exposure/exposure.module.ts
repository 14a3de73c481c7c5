import { Module } from "@nestjs/common";
import { ComplianceLimits } from "./compliance-limits.service.js";
import { ComplianceProjector } from "./compliance-projector.js";
import { DuplicateAttempts } from "./duplicate-attempts.service.js";
import { ExposurePositionsProjector } from "./exposure-positions-projector.js";
import { ExposurePositions } from "./exposure-positions.service.js";
import { ExposureQueries } from "./exposure-queries.service.js";
import { ExposureController } from "./exposure.controller.js";
import { FinancingExposureProjector } from "./financing-exposure-projector.js";
import { OrganisationLookup } from "./organisation-lookup.js";

/**
 * The regulator's exposure: a read model built from chain events alone (positions, financings, guarantees,
 * limits), and the figures and drill-down read from it. The regulator sets the limits themselves through the
 * compliance module (on chain); this module shows them against what ComplianceRules booked. Its tables are raw
 * SQL (no entities): they are written by projectors and a trigger and read by aggregates.
 */
@Module({
  controllers: [ExposureController],
  providers: [
    OrganisationLookup,
    ExposurePositionsProjector,
    FinancingExposureProjector,
    ComplianceProjector,
    ExposureQueries,
    ExposurePositions,
    ComplianceLimits,
    DuplicateAttempts,
  ],
})
export class ExposureModule {}
