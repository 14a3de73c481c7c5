// SPDX-License-Identifier: Apache-2.0
//
// Gas benchmark of every business operation of the suite, measured from transaction receipts (so the
// figures include the 21,000 base cost and calldata, as a participant pays them).
//
//   npx hardhat run scripts/bench-gas.ts        (npm run bench:gas)
//
// Runs on the in-process network only. Prints a table and writes `bench/results/gas.json`, a flat
// `{ "operation": gasUsed }` object.
//
// What "steady state" means here: the platform has been running for a while, so the storage slots an
// operation merely updates already hold a non-zero value: the recipient of cash already has a balance,
// the bank already has exposure to the debtor, the guarantor already has cover outstanding and cash.
// Writing a zero slot costs 20,000 gas against 2,900 for a non-zero one, so the first time a slot is
// created is reported separately (keys ending in "(first ...)"). Slots an operation always creates (a new
// invoice, part, hold or financing) are part of its steady-state cost. Every transaction starts with cold
// storage (EIP-2929), so no warm-up across transactions is possible or needed.
//
// "per item" figures are the gas of one batch transaction divided by the item count, rounded.

import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import type { BaseContract, ContractTransactionReceipt, ContractTransactionResponse } from "ethers";
import { network } from "hardhat";
import { deploySuite, organisationId, ParticipantRoles } from "./lib/deploy-suite.js";

const TARGETS: Record<string, number> = {
  // From the issue: a verified voucher transfer under 80k gas, a DvP financing under 180k.
  "transfer whole voucher": 80_000,
  "finance (DvP factoring)": 180_000,
  "finance (DvP factoring, first for bank-debtor pair and seller with no cash)": 180_000,
  "finance (DvP pledge loan)": 180_000,
};

const DAY = 24n * 60n * 60n;
const GRACE_PERIOD = 7n * DAY;
const MATURITY_DELAY = 90n * DAY;
const UNITS = 100n; // two decimals: one currency unit is 100 minor units

const OPERATOR_ORG = organisationId(0x0a);
const REGULATOR_ORG = organisationId(0x0b);
const TAX_ORG = organisationId(0x0c);
const BUYER_ORG = organisationId(0x0d);
const SUPPLIER_ORG = organisationId(0x1e);
const SUB_SUPPLIER_ORG = organisationId(0x2e);
const BANK_ORG = organisationId(0xba);
const OTHER_BANK_ORG = organisationId(0xbb);
const GUARANTOR_ORG = organisationId(0x60);

const connection = await network.create();
if (connection.networkConfig.type !== "edr-simulated") {
  throw new Error(`bench-gas runs on the in-process network only, not on ${connection.networkName}`);
}
const { ethers, networkHelpers } = connection;
const [admin, operator, regulator, taxAuthority, buyer, supplier, subSupplier, bank, otherBank, guarantor] =
  await ethers.getSigners();

const suite = await deploySuite(ethers, {
  deployer: admin,
  operatorOrganisationId: OPERATOR_ORG,
  operatorAccount: operator.address,
  gracePeriod: GRACE_PERIOD,
});
const { registry, invoices, vouchers, cash, compliance, financing, guarantees, settlement } = suite;

// ---------------------------------------------------------------- helpers

const results = new Map<string, { gas: number; note?: string }>();

async function mined(pending: Promise<ContractTransactionResponse>): Promise<ContractTransactionReceipt> {
  const receipt = await (await pending).wait();
  if (receipt === null || receipt.status !== 1) throw new Error("transaction failed");
  return receipt;
}

async function measure(key: string, pending: Promise<ContractTransactionResponse>, note?: string) {
  const receipt = await mined(pending);
  results.set(key, { gas: Number(receipt.gasUsed), note });
  return receipt;
}

function record(key: string, gas: number | bigint, note?: string) {
  results.set(key, { gas: Math.round(Number(gas)), note });
}

function gasOf(key: string): number {
  const result = results.get(key);
  if (result === undefined) throw new Error(`not measured: ${key}`);
  return result.gas;
}

/** The first `name` event that `contract` emitted in the receipt, argument `arg`. */
function eventArg(receipt: ContractTransactionReceipt, contract: BaseContract, name: string, arg: string): bigint {
  for (const log of receipt.logs) {
    if (log.address.toLowerCase() !== String(contract.target).toLowerCase()) continue;
    const parsed = contract.interface.parseLog(log);
    if (parsed?.name === name) return parsed.args.getValue(arg) as bigint;
  }
  throw new Error(`no ${name} event in ${receipt.hash}`);
}

let invoiceNumber = 0n;
function nextInvoiceKey(): string {
  invoiceNumber += 1n;
  return ethers.keccak256(
    ethers.AbiCoder.defaultAbiCoder().encode(["string", "string", "uint256"], ["91420100MA4K0TAX1", "4200211130", invoiceNumber]),
  );
}

const VALID = 2n; // IInvoiceRegistry.InvoiceStatus.Valid
const FACTORING = 0n;
const PLEDGE_LOAN = 1n;

async function maturity(): Promise<bigint> {
  return BigInt(await networkHelpers.time.latest()) + MATURITY_DELAY;
}

/** Registers and attests one invoice of `supplier` owed by the buyer, outside any measurement. */
async function validInvoice(amount: bigint): Promise<string> {
  const key = nextInvoiceKey();
  await mined(invoices.connect(supplier).register([key], [BUYER_ORG]));
  await mined(invoices.connect(taxAuthority).attest([{ invoiceKey: key, status: VALID, amount }]));
  return key;
}

/** Issues a voucher to `supplier`, outside any measurement. */
async function voucher(faceValue: bigint): Promise<bigint> {
  const invoiceKey = await validInvoice(faceValue);
  const receipt = await mined(
    vouchers.connect(buyer).issue({ invoiceKey, holder: supplier.address, faceValue, maturity: await maturity() }),
  );
  return eventArg(receipt, vouchers, "VoucherIssued", "voucherId");
}

async function splitTo(partId: bigint, amounts: bigint[], recipients: string[], from = supplier) {
  const receipt = await mined(vouchers.connect(from).split(partId, amounts, recipients));
  return { receipt, firstChildId: eventArg(receipt, vouchers, "PartSplit", "childId") };
}

async function requestFinancing(
  key: string | undefined,
  seller: typeof supplier,
  partId: bigint,
  kind: bigint,
  pledgeAmount: bigint,
  minAdvance: bigint,
): Promise<bigint> {
  const pending = financing.connect(seller).request(partId, BANK_ORG, kind, true, pledgeAmount, minAdvance);
  const receipt = key === undefined ? await mined(pending) : await measure(key, pending);
  return eventArg(receipt, financing, "FinancingRequested", "financingId");
}

// ---------------------------------------------------------------- participants

// Ten holders of one voucher's parts for the settlement measurement, each its own supplier organisation,
// plus ten more that hold no cash yet. They never sign, so plain addresses do.
const holders = Array.from({ length: 20 }, (_, i) => ethers.getAddress(ethers.toBeHex(0xc0ffee00n + BigInt(i), 20)));

async function onboard(id: string, roles: bigint, accounts: string[]) {
  await mined(registry.connect(operator).onboard(id, roles, accounts));
}
await onboard(REGULATOR_ORG, ParticipantRoles.REGULATOR, [regulator.address]);
await onboard(TAX_ORG, ParticipantRoles.TAX_AUTHORITY, [taxAuthority.address]);
await onboard(BUYER_ORG, ParticipantRoles.CORE_ENTERPRISE, [buyer.address]);
await onboard(SUPPLIER_ORG, ParticipantRoles.SUPPLIER, [supplier.address]);
await onboard(SUB_SUPPLIER_ORG, ParticipantRoles.SUPPLIER, [subSupplier.address]);
await onboard(BANK_ORG, ParticipantRoles.BANK, [bank.address]);
await onboard(OTHER_BANK_ORG, ParticipantRoles.BANK, [otherBank.address]);
await measure(
  "onboard organisation (one account)",
  registry.connect(operator).onboard(GUARANTOR_ORG, ParticipantRoles.GUARANTOR, [guarantor.address]),
);
for (const [i, holder] of holders.entries()) {
  await onboard(organisationId(0x1000 + i), ParticipantRoles.SUPPLIER, [holder]);
}
await mined(compliance.connect(regulator).setGuarantorCapacity(GUARANTOR_ORG, 10_000_000n * UNITS));

// ---------------------------------------------------------------- cash

// Banks fund themselves and the buyer first: the buyer's and the banks' balances are never zero again.
await mined(cash.connect(bank).mint(bank.address, 100_000_000n * UNITS));
await mined(cash.connect(bank).mint(buyer.address, 100_000_000n * UNITS));
await measure(
  "mint cash (first balance for recipient)",
  cash.connect(bank).mint(holders[0], 1_000n * UNITS),
  "recipient's balance slot created",
);
await measure("mint cash", cash.connect(bank).mint(holders[0], 1_000n * UNITS));
await measure(
  "transfer cash (first balance for recipient)",
  cash.connect(buyer).transfer(holders[1], 1_000n * UNITS),
  "recipient's balance slot created",
);
await measure("transfer cash", cash.connect(buyer).transfer(holders[1], 1_000n * UNITS));

// ---------------------------------------------------------------- invoices

await validInvoice(100_000n * UNITS); // the registry is not empty
const registeredKey = nextInvoiceKey();
await measure("register invoice", invoices.connect(supplier).register([registeredKey], [BUYER_ORG]));
await measure(
  "attest invoice (single)",
  invoices.connect(taxAuthority).attest([{ invoiceKey: registeredKey, status: VALID, amount: 100_000n * UNITS }]),
);

const batchKeys = Array.from({ length: 100 }, () => nextInvoiceKey());
const registerBatch = await mined(invoices.connect(supplier).register(batchKeys, batchKeys.map(() => BUYER_ORG)));
record("register invoice (per item, batch of 100)", Number(registerBatch.gasUsed) / 100);
const attestBatch = await mined(
  invoices.connect(taxAuthority).attest(batchKeys.map((invoiceKey) => ({ invoiceKey, status: VALID, amount: 10_000n * UNITS }))),
);
record("attest invoice (per item, batch of 100)", Number(attestBatch.gasUsed) / 100);

// ---------------------------------------------------------------- vouchers

await voucher(100_000n * UNITS); // not the first voucher
const issueReceipt = await measure(
  "issue voucher (single)",
  vouchers
    .connect(buyer)
    .issue({ invoiceKey: registeredKey, holder: supplier.address, faceValue: 100_000n * UNITS, maturity: await maturity() }),
);
const tradedVoucher = eventArg(issueReceipt, vouchers, "VoucherIssued", "voucherId");

const batchMaturity = await maturity();
const issueBatch = await mined(
  vouchers.connect(buyer).issueBatch(
    batchKeys.slice(0, 50).map((invoiceKey) => ({
      invoiceKey,
      holder: supplier.address,
      faceValue: 10_000n * UNITS,
      maturity: batchMaturity,
    })),
  ),
);
record("issue voucher (per item, batch of 50)", Number(issueBatch.gasUsed) / 50);

await measure("transfer whole voucher", vouchers.connect(supplier).transfer(tradedVoucher, subSupplier.address));
await mined(vouchers.connect(subSupplier).transfer(tradedVoucher, supplier.address));

const { receipt: splitReceipt, firstChildId: firstFinancedPart } = await splitTo(
  tradedVoucher,
  [20_000n * UNITS],
  [subSupplier.address],
);
results.set("split to a new holder", { gas: Number(splitReceipt.gasUsed), note: "one child part for a new holder" });
const { firstChildId: secondFinancedPart } = await splitTo(tradedVoucher, [20_000n * UNITS], [subSupplier.address]);

const pledgedVoucher = await voucher(50_000n * UNITS);
await measure("pledge", vouchers.connect(supplier).pledge(pledgedVoucher, bank.address, 10_000n * UNITS));

// ---------------------------------------------------------------- financing (DvP)

// First time: the sub-supplier has never held cash and the bank has no exposure to the buyer yet.
const firstFinancing = await requestFinancing(
  "request financing (factoring)",
  subSupplier,
  firstFinancedPart,
  FACTORING,
  0n,
  19_000n * UNITS,
);
await measure(
  "finance (DvP factoring, first for bank-debtor pair and seller with no cash)",
  financing.connect(bank).approveFactoring(firstFinancing, 19_400n * UNITS, 800),
  "bank-debtor exposure and seller balance slots created",
);
// Steady state: the same seller and the same bank-debtor pair again.
const secondFinancing = await requestFinancing(undefined, subSupplier, secondFinancedPart, FACTORING, 0n, 19_000n * UNITS);
await measure("finance (DvP factoring)", financing.connect(bank).approveFactoring(secondFinancing, 19_400n * UNITS, 800));

await mined(cash.connect(bank).mint(supplier.address, 1_000n * UNITS)); // the seller already holds cash
const loanedVoucher = await voucher(50_000n * UNITS);
const loan = await requestFinancing(
  "request financing (pledge loan)",
  supplier,
  loanedVoucher,
  PLEDGE_LOAN,
  40_000n * UNITS,
  35_000n * UNITS,
);
await measure(
  "finance (DvP pledge loan)",
  financing.connect(bank).approveLoan(loan, 36_000n * UNITS, 900, 40_000n * UNITS),
);

// ---------------------------------------------------------------- guarantees

// First time: the guarantor has no cover outstanding and no cash.
const firstOffer = await mined(guarantees.connect(guarantor).offer(firstFinancing, 10_000n * UNITS, 200n * UNITS));
const firstGuarantee = eventArg(firstOffer, guarantees, "GuaranteeOffered", "guaranteeId");
await measure(
  "guarantee accept (first cover for guarantor with no cash)",
  guarantees.connect(bank).accept(firstGuarantee),
  "guarantor capacity-used and balance slots created",
);
// Steady state: the guarantor has cover outstanding (the first guarantee stays active) and cash.
const offerReceipt = await measure(
  "guarantee offer",
  guarantees.connect(guarantor).offer(secondFinancing, 10_000n * UNITS, 200n * UNITS),
);
const secondGuarantee = eventArg(offerReceipt, guarantees, "GuaranteeOffered", "guaranteeId");
await measure("guarantee accept", guarantees.connect(bank).accept(secondGuarantee));
record("issue guarantee (offer + accept)", gasOf("guarantee offer") + gasOf("guarantee accept"));

// ---------------------------------------------------------------- settlement

/** A voucher split so that ten different holders each hold one part: `supplier` and nine others. */
async function voucherInTenParts(otherHolders: string[]): Promise<{ voucherId: bigint; parts: bigint[] }> {
  const voucherId = await voucher(10_000n * UNITS);
  const { firstChildId } = await splitTo(voucherId, otherHolders.map(() => 1_000n * UNITS), otherHolders);
  return { voucherId, parts: [voucherId, ...otherHolders.map((_, i) => firstChildId + BigInt(i))] };
}

// Steady state: every holder already holds cash.
const paidHolders = holders.slice(0, 9);
for (const holder of paidHolders.slice(2)) await mined(cash.connect(bank).mint(holder, 1n * UNITS));
const steady = await voucherInTenParts(paidHolders);
const settleReceipt = await mined(settlement.connect(buyer).pay(steady.voucherId, steady.parts));
record("settle (per part)", Number(settleReceipt.gasUsed) / 10, "10 parts, 10 holders, one pay call");
record("settle (10 parts, one call)", settleReceipt.gasUsed);

const fresh = await voucherInTenParts(holders.slice(10, 19));
const freshSettle = await mined(settlement.connect(buyer).pay(fresh.voucherId, fresh.parts));
record(
  "settle (per part, first for nine holders with no cash)",
  Number(freshSettle.gasUsed) / 10,
  "nine holders' balance slots created",
);

// ---------------------------------------------------------------- default and claims

await networkHelpers.time.increase(MATURITY_DELAY + GRACE_PERIOD + 1n);
await mined(settlement.declareDefault(pledgedVoucher));
await measure("declare default", settlement.declareDefault(tradedVoucher));

// The guarantor holds cash and keeps the first guarantee outstanding while the second is paid.
await mined(cash.connect(otherBank).mint(guarantor.address, 100_000n * UNITS));
await measure("guarantee claim", guarantees.connect(bank).claim(secondGuarantee));
await measure("guarantee payClaim", guarantees.connect(guarantor).payClaim(secondGuarantee), "subrogated part created");
record("claim guarantee", gasOf("guarantee claim") + gasOf("guarantee payClaim"));

// ---------------------------------------------------------------- report

const ORDER = [
  "onboard organisation (one account)",
  "register invoice",
  "register invoice (per item, batch of 100)",
  "attest invoice (single)",
  "attest invoice (per item, batch of 100)",
  "issue voucher (single)",
  "issue voucher (per item, batch of 50)",
  "transfer whole voucher",
  "split to a new holder",
  "pledge",
  "request financing (factoring)",
  "finance (DvP factoring)",
  "finance (DvP factoring, first for bank-debtor pair and seller with no cash)",
  "request financing (pledge loan)",
  "finance (DvP pledge loan)",
  "guarantee offer",
  "guarantee accept",
  "guarantee accept (first cover for guarantor with no cash)",
  "issue guarantee (offer + accept)",
  "declare default",
  "guarantee claim",
  "guarantee payClaim",
  "claim guarantee",
  "settle (per part)",
  "settle (per part, first for nine holders with no cash)",
  "settle (10 parts, one call)",
  "mint cash",
  "mint cash (first balance for recipient)",
  "transfer cash",
  "transfer cash (first balance for recipient)",
];
const missing = [...results.keys()].filter((key) => !ORDER.includes(key));
if (missing.length > 0) throw new Error(`not in the report order: ${missing.join(", ")}`);

const width = Math.max(...ORDER.map((key) => key.length));
const lines = [`${"operation".padEnd(width)}  ${"gas used".padStart(9)}  target`, "-".repeat(width + 30)];
const json: Record<string, number> = {};
for (const key of ORDER) {
  const { gas, note } = results.get(key) ?? { gas: NaN };
  json[key] = gas;
  const target = TARGETS[key];
  const verdict = target === undefined ? "" : `< ${target / 1000}k ${gas < target ? "PASS" : "MISS"}`;
  const line = `${key.padEnd(width)}  ${gas.toLocaleString("en-US").padStart(9)}  ${verdict}`;
  lines.push(note === undefined ? line.trimEnd() : `${line.padEnd(width + 30)}  (${note})`);
}
console.log(lines.join("\n"));

const directory = path.resolve(import.meta.dirname, "..", "bench", "results");
await mkdir(directory, { recursive: true });
const file = path.join(directory, "gas.json");
await writeFile(file, JSON.stringify(json, null, 2) + "\n");
console.log(`\nWritten to ${path.relative(process.cwd(), file)}`);
