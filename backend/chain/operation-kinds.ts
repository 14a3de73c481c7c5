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
    maxBatch: 100,
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
  // Financing (IFinancing.sol): the holder signs request and withdraw; the addressed bank signs reject and
  // approve* (delivery versus payment from the bank's own account).
  "financing.request": {
    contract: "Financing",
    method: "request",
    maxBatch: 1,
    toArgs: single((p) => [p.partId, p.bankOrganisation, p.kind, p.recourse, p.pledgeAmount, p.minAdvance]),
  },
  "financing.withdraw": {
    contract: "Financing",
    method: "withdraw",
    maxBatch: 1,
    toArgs: single((p) => [p.financingId]),
  },
  "financing.reject": {
    contract: "Financing",
    method: "reject",
    maxBatch: 1,
    toArgs: single((p) => [p.financingId, p.reason]),
  },
  "financing.approveFactoring": {
    contract: "Financing",
    method: "approveFactoring",
    maxBatch: 1,
    toArgs: single((p) => [p.financingId, p.advance, p.rateBps]),
  },
  "financing.approveLoan": {
    contract: "Financing",
    method: "approveLoan",
    maxBatch: 1,
    toArgs: single((p) => [p.financingId, p.advance, p.rateBps, p.repaymentAmount]),
  },
  // After approval (IFinancing.sol): the holder signs repayLoan; the financing's bank account signs closeLoan,
  // enforcePledge and exerciseRecourse (the last two only once the voucher has defaulted).
  "financing.repayLoan": {
    contract: "Financing",
    method: "repayLoan",
    maxBatch: 1,
    toArgs: single((p) => [p.financingId]),
  },
  "financing.closeLoan": {
    contract: "Financing",
    method: "closeLoan",
    maxBatch: 1,
    toArgs: single((p) => [p.financingId]),
  },
  "financing.enforcePledge": {
    contract: "Financing",
    method: "enforcePledge",
    maxBatch: 1,
    toArgs: single((p) => [p.financingId]),
  },
  "financing.exerciseRecourse": {
    contract: "Financing",
    method: "exerciseRecourse",
    maxBatch: 1,
    toArgs: single((p) => [p.financingId]),
  },
  // Guarantees (IGuarantees.sol): the guarantor signs offer, withdraw and payClaim; the financing's bank
  // account signs accept and claim.
  "guarantee.offer": {
    contract: "Guarantees",
    method: "offer",
    maxBatch: 1,
    toArgs: single((p) => [p.financingId, p.coveredAmount, p.fee]),
  },
  "guarantee.withdraw": {
    contract: "Guarantees",
    method: "withdraw",
    maxBatch: 1,
    toArgs: single((p) => [p.guaranteeId]),
  },
  "guarantee.accept": {
    contract: "Guarantees",
    method: "accept",
    maxBatch: 1,
    toArgs: single((p) => [p.guaranteeId]),
  },
  "guarantee.claim": {
    contract: "Guarantees",
    method: "claim",
    maxBatch: 1,
    toArgs: single((p) => [p.guaranteeId]),
  },
  "guarantee.payClaim": {
    contract: "Guarantees",
    method: "payClaim",
    maxBatch: 1,
    toArgs: single((p) => [p.guaranteeId]),
  },
  // Regulator only (ComplianceRules.onlyRegulator).
  "compliance.setExposureLimit": {
    contract: "ComplianceRules",
    method: "setExposureLimit",
    maxBatch: 1,
    toArgs: single((p) => [p.bankOrganisation, p.debtorOrganisation, p.limit]),
  },
  "compliance.setGuarantorCapacity": {
    contract: "ComplianceRules",
    method: "setGuarantorCapacity",
    maxBatch: 1,
    toArgs: single((p) => [p.guarantorOrganisation, p.capacity]),
  },
  // Shared with the settlement capability (same names and payloads there): a bank mints against a deposit
  // with its own account; anyone may declare an unpaid voucher in default once maturity plus grace passed.
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
