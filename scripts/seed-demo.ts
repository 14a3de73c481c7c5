// SPDX-License-Identifier: Apache-2.0
//
// Onboards the demo organisations on a freshly deployed suite and walks a few receivables far enough to
// look at: vouchers issued by two core enterprises, one split down three supplier tiers, cash in the banks.
//
//   npx hardhat run scripts/seed-demo.ts --network rpc     (after scripts/deploy.ts on the same chain)
//
// Uses the node's unlocked accounts (hardhat node's well-known development keys): for local use only.

import { readFile } from "node:fs/promises";
import path from "node:path";
import { network } from "hardhat";
import { ParticipantRoles, organisationId } from "./lib/deploy-suite.js";
import {
  CashToken__factory,
  ComplianceRules__factory,
  InvoiceRegistry__factory,
  ParticipantRegistry__factory,
  VoucherToken__factory,
} from "../types/ethers-contracts/index.js";

const { ethers } = await network.create();
const signers = await ethers.getSigners();
const { chainId } = await ethers.provider.getNetwork();
const deploymentFile = path.resolve(import.meta.dirname, "..", "deployments", `${chainId}.json`);
const deployment = JSON.parse(await readFile(deploymentFile, "utf8"));
const at = deployment.contracts as Record<string, string>;

const demo = [
  { name: "City Financial Regulator", roles: ParticipantRoles.REGULATOR },
  { name: "Municipal Tax Bureau", roles: ParticipantRoles.TAX_AUTHORITY },
  { name: "Wuhan Auto Group (core enterprise)", roles: ParticipantRoles.CORE_ENTERPRISE },
  { name: "Hubei Steel Works (core enterprise)", roles: ParticipantRoles.CORE_ENTERPRISE },
  { name: "Jianghan Parts Co. (tier 1 supplier)", roles: ParticipantRoles.SUPPLIER },
  { name: "Hanyang Castings (tier 2 supplier)", roles: ParticipantRoles.SUPPLIER },
  { name: "Qiaokou Fasteners (tier 3 supplier)", roles: ParticipantRoles.SUPPLIER },
  { name: "Yangtze Commercial Bank", roles: ParticipantRoles.BANK },
  { name: "Central China Bank", roles: ParticipantRoles.BANK },
  { name: "Provincial Credit Guarantee", roles: ParticipantRoles.GUARANTOR },
] as const;
if (signers.length < demo.length + 1) throw new Error(`the node must expose ${demo.length + 1} accounts`);

const [operator] = signers;
const orgs = demo.map((org, index) => ({ ...org, id: organisationId(0x100 + index), signer: signers[index + 1]! }));
const [regulator, tax, autoGroup, steelWorks, tier1, tier2, tier3, bankA, bankB, guarantor] = orgs;

const registry = ParticipantRegistry__factory.connect(at.ParticipantRegistry!, operator);
const invoices = InvoiceRegistry__factory.connect(at.InvoiceRegistry!, operator);
const vouchers = VoucherToken__factory.connect(at.VoucherToken!, operator);
const cash = CashToken__factory.connect(at.CashToken!, operator);
const compliance = ComplianceRules__factory.connect(at.ComplianceRules!, operator);

async function mined(tx: Promise<{ wait(): Promise<unknown> }>) {
  await (await tx).wait();
}

for (const org of orgs) {
  await mined(registry.onboard(org.id, org.roles, [org.signer.address]));
}
await mined(compliance.connect(regulator!.signer).setGuarantorCapacity(guarantor!.id, 50_000_000_00n));
for (const bank of [bankA!, bankB!]) await mined(cash.connect(bank.signer).mint(bank.signer.address, 10_000_000_00n));
await mined(cash.connect(bankA!.signer).mint(autoGroup!.signer.address, 2_000_000_00n));

// Three invoices of the tier 1 supplier: two owed by the auto group, one by the steel works.
const maturity = BigInt(Math.floor(Date.now() / 1000) + 90 * 24 * 3600);
const items = [
  { number: 1, debtor: autoGroup!, amount: 1_200_000_00n },
  { number: 2, debtor: autoGroup!, amount: 350_000_00n },
  { number: 3, debtor: steelWorks!, amount: 800_000_00n },
];
const key = (n: number) =>
  ethers.keccak256(ethers.AbiCoder.defaultAbiCoder().encode(["string", "string", "uint256"], ["91420100DEMO0001X", "4200261130", n]));
await mined(invoices.connect(tier1!.signer).register(items.map((i) => key(i.number)), items.map((i) => i.debtor.id)));
await mined(
  invoices.connect(tax!.signer).attest(items.map((i) => ({ invoiceKey: key(i.number), status: 2, amount: i.amount }))),
);
const voucherIds: bigint[] = [];
for (const item of items) {
  voucherIds.push(await vouchers.nextPartId());
  await mined(
    vouchers
      .connect(item.debtor.signer)
      .issue({ invoiceKey: key(item.number), holder: tier1!.signer.address, faceValue: item.amount, maturity }),
  );
}
// Pass value down the chain: tier 1 pays its tier 2 supplier with part of a voucher, tier 2 pays tier 3.
const tier2Part = await vouchers.nextPartId();
await mined(vouchers.connect(tier1!.signer).split(voucherIds[0]!, [300_000_00n], [tier2!.signer.address]));
await mined(vouchers.connect(tier2!.signer).split(tier2Part, [80_000_00n], [tier3!.signer.address]));

console.log("\nDemo organisations (accounts are the node's development accounts; see .runtime/chain.log for keys):");
console.table([
  { organisation: "Platform operator", id: deployment.parameters.operatorOrganisationId, account: operator!.address },
  ...orgs.map((org) => ({ organisation: org.name, id: org.id, account: org.signer.address })),
]);
console.log(`Vouchers issued: ${voucherIds.join(", ")}; voucher ${voucherIds[0]} split down to tier 3.`);
