// Every migration, in the order they were written (TypeORM orders by the timestamp in the class name).
// Listed explicitly, like ENTITIES: no globs.
//
// Feature modules add theirs here: a reviewed file `<timestamp>-VerbNoun.ts` (e.g.
// `1764000000000-CreateInvoices.ts`) exporting a class `VerbNoun<timestamp>` that implements
// `MigrationInterface`, with uuid keys, timestamptz columns and money as bigint minor units.

import { CreateChainTables1764000000000 } from "./1764000000000-CreateChainTables.js";
import { CreateInvoices1764000100000 } from "./1764000100000-CreateInvoices.js";
import { CreateParticipants1764000050000 } from "./1764000050000-CreateParticipants.js";
import { CreateReceivablesTables1764000200000 } from "./1764000200000-CreateReceivablesTables.js";
import { CreateTaxEvidence1764000300000 } from "./1764000300000-CreateTaxEvidence.js";
import { CreateDataSharingTables1764000400000 } from "./1764000400000-CreateDataSharingTables.js";
import { CreateCashTables1764000500000 } from "./1764000500000-CreateCashTables.js";
import { CreateSettlementTables1764000510000 } from "./1764000510000-CreateSettlementTables.js";
import { CreateWebhookTables1764000520000 } from "./1764000520000-CreateWebhookTables.js";
import { CreateFinancingTables1764000600000 } from "./1764000600000-CreateFinancingTables.js";
import { CreateFinancingActions1764000610000 } from "./1764000610000-CreateFinancingActions.js";
import { CreateAutoDecisionPolicies1764000620000 } from "./1764000620000-CreateAutoDecisionPolicies.js";
import { CreateExposureTables1764000650000 } from "./1764000650000-CreateExposureTables.js";

export const MIGRATIONS: Function[] = [
  CreateChainTables1764000000000,
  CreateParticipants1764000050000,
  CreateInvoices1764000100000,
  CreateReceivablesTables1764000200000,
  CreateTaxEvidence1764000300000,
  CreateDataSharingTables1764000400000,
  CreateCashTables1764000500000,
  CreateSettlementTables1764000510000,
  CreateWebhookTables1764000520000,
  CreateFinancingTables1764000600000,
  CreateFinancingActions1764000610000,
  CreateAutoDecisionPolicies1764000620000,
  CreateExposureTables1764000650000,
];
