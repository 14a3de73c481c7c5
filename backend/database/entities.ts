// Every TypeORM entity of the application, listed explicitly: globs do not load under jest's native ESM
// mode, and an explicit list is reviewed like any other code.
//
// Feature modules add their entities here (and register them in their module with
// `TypeOrmModule.forFeature([...])` to inject repositories).

import { CASH_ENTITIES } from "../cash/cash.module.js";
import { CHAIN_ENTITIES } from "../chain/chain.module.js";
import { DATA_SHARING_ENTITIES } from "../data-sharing/data-sharing.module.js";
import { FINANCING_ENTITIES } from "../financing/financing.module.js";
import { GUARANTEE_ENTITIES } from "../guarantees/guarantees.module.js";
import { INVOICE_ENTITIES } from "../invoices/invoices.module.js";
import { PARTICIPANT_ENTITIES } from "../participants/participants.module.js";
import { RECEIVABLES_ENTITIES } from "../receivables/receivables.module.js";
import { SETTLEMENT_ENTITIES } from "../settlement/settlement.module.js";
import { TAX_ENTITIES } from "../tax/tax.module.js";
import { WEBHOOK_ENTITIES } from "../webhooks/webhooks.module.js";

export const ENTITIES: Function[] = [
  ...CHAIN_ENTITIES,
  ...PARTICIPANT_ENTITIES,
  ...INVOICE_ENTITIES,
  ...TAX_ENTITIES,
  ...RECEIVABLES_ENTITIES,
  ...DATA_SHARING_ENTITIES,
  ...WEBHOOK_ENTITIES,
  ...CASH_ENTITIES,
  ...SETTLEMENT_ENTITIES,
  ...FINANCING_ENTITIES,
  ...GUARANTEE_ENTITIES,
];
