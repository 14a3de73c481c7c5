import type { SuiteContractName } from "./suite-contracts.js";

/**
 * Every kind of chain write the backend makes, and how a group of pending operations of that kind becomes one
 * contract call. Batchable kinds put up to `maxBatch` operations in one transaction, where the contracts take
 * batches; the others send one operation per transaction.
 */
export interface OperationKind {
  contract: SuiteContractName;
  method: string;
  maxBatch: number;
  /**
   * A gas limit that always suffices: `base + perItem * items`. Kinds that declare one are simulated with a
   * single eth_call at that limit instead of eth_estimateGas (several executions of the whole batch). The
   * figures are about 1.5 times what bench/results/gas.json measures; the chain charges only the gas used.
   */
  gasBound?: { base: number; perItem: number };
  /** The call's arguments for these operations' payloads (one payload when maxBatch is 1). */
  toArgs(payloads: ReadonlyArray<Record<string, unknown>>): unknown[];
}

type Payload = Record<string, unknown>;
const single = (build: (payload: Payload) => unknown[]) => (payloads: ReadonlyArray<Payload>) => build(payloads[0]!);

export const OPERATION_KINDS = {
  "participant.onboard": {
    contract: "ParticipantRegistry",
    method: "onboard",
    maxBatch: 1,
    toArgs: single((p) => [p.organisationId, p.roles, p.accounts]),
  },
  "invoice.register": {
    contract: "InvoiceRegistry",
    method: "register",
    maxBatch: 200,
    gasBound: { base: 60_000, perItem: 75_000 },
    toArgs: (payloads) => [payloads.map((p) => p.invoiceKey), payloads.map((p) => p.debtorOrganisationId)],
  },
  "invoice.attest": {
    contract: "InvoiceRegistry",
    method: "attest",
    maxBatch: 200,
    gasBound: { base: 60_000, perItem: 20_000 },
    toArgs: (payloads) => [payloads.map((p) => ({ invoiceKey: p.invoiceKey, status: p.status, amount: p.amount }))],
  },
  "voucher.issue": {
    contract: "VoucherToken",
    method: "issueBatch",
    maxBatch: 50,
    gasBound: { base: 100_000, perItem: 240_000 },
    toArgs: (payloads) => [
      payloads.map((p) => ({ invoiceKey: p.invoiceKey, holder: p.holder, faceValue: p.faceValue, maturity: p.maturity })),
    ],
  },
  "voucher.split": {
    contract: "VoucherToken",
    method: "split",
    maxBatch: 1,
    toArgs: single((p) => [p.partId, p.amounts, p.recipients]),
  },
  "voucher.transfer": {
    contract: "VoucherToken",
    method: "transfer",
    maxBatch: 1,
    toArgs: single((p) => [p.partId, p.to]),
  },
  "consent.record": {
    contract: "DataSharingLedger",
    method: "recordConsent",
    maxBatch: 1,
    toArgs: single((p) => [p.consentHash]),
  },
  "consent.revoke": {
    contract: "DataSharingLedger",
    method: "recordRevocation",
    maxBatch: 1,
    toArgs: single((p) => [p.consentHash]),
  },
  "access-log.anchor": {
    contract: "DataSharingLedger",
    method: "anchorAccessLog",
    maxBatch: 1,
    toArgs: single((p) => [p.root, p.firstEntry, p.entryCount]),
  },
  "cash.mint": {
    contract: "CashToken",
    method: "mint",
    maxBatch: 1,
    toArgs: single((p) => [p.to, p.amount]),
  },
  "cash.burn": {
    contract: "CashToken",
    method: "burn",
    maxBatch: 1,
    toArgs: single((p) => [p.amount]),
  },
  "voucher.pay": {
    contract: "VoucherSettlement",
    method: "pay",
    maxBatch: 1,
    toArgs: single((p) => [p.voucherId, p.partIds]),
  },
  "voucher.declareDefault": {
    contract: "VoucherSettlement",
    method: "declareDefault",
    maxBatch: 1,
    toArgs: single((p) => [p.voucherId]),
  },
} satisfies Record<string, OperationKind>;

export type OperationKindName = keyof typeof OPERATION_KINDS;

export function operationKind(name: string): OperationKind {
  const kind = (OPERATION_KINDS as Record<string, OperationKind>)[name];
  if (!kind) throw new Error(`unknown chain operation kind "${name}"`);
  return kind;
}
