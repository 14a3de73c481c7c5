// SPDX-License-Identifier: Apache-2.0
//
// Deploys and wires the whole on-chain suite, in the same order and with the same wiring as
// `test/solidity/utils/SuiteFixture.sol#deploySuite`, so that what the Solidity tests exercise is what
// `scripts/deploy.ts`, the gas benchmark and the chain tests deploy.
//
// It must work against any JSON-RPC chain (the in-process network, anvil, a Hardhat node, Besu), so it
// waits for every deployment and every wiring transaction to be mined before sending the next one: a later
// constructor takes an earlier address, and a node that reorders or drops pending transactions must not
// leave the suite half wired.

import type { ContractTransactionResponse, Signer } from "ethers";
import type { HardhatEthers } from "@nomicfoundation/hardhat-ethers/types";
// Pulls in the typechain augmentation of `getContractFactory`, so the factories below are typed.
import type {} from "../../types/ethers-contracts/hardhat.js";
import type {
  CashToken,
  ComplianceRules,
  DataSharingLedger,
  Financing,
  Guarantees,
  InvoiceRegistry,
  ParticipantRegistry,
  VoucherSettlement,
  VoucherToken,
} from "../../types/ethers-contracts/index.js";

/** Role bit flags, mirroring `contracts/ParticipantRoles.sol`. */
export const ParticipantRoles = {
  SUPPLIER: 1n << 0n,
  CORE_ENTERPRISE: 1n << 1n,
  BANK: 1n << 2n,
  TAX_AUTHORITY: 1n << 3n,
  GUARANTOR: 1n << 4n,
  REGULATOR: 1n << 5n,
  OPERATOR: 1n << 6n,
} as const;

/** The fixture's defaults: one billion currency units (in minor units) per bank-debtor pair, 7 days grace. */
export const DEFAULT_EXPOSURE_LIMIT = 1_000_000_000_00n;
export const DEFAULT_GRACE_PERIOD = 7n * 24n * 60n * 60n;

export interface DeploySuiteOptions {
  /** Sends every transaction and becomes DEFAULT_ADMIN_ROLE of every access-controlled contract. */
  deployer: Signer;
  /** The platform operator organisation (bytes16 hex), onboarded by the registry constructor. */
  operatorOrganisationId: string;
  /** The operator organisation's first signing account; defaults to the deployer. */
  operatorAccount?: string;
  /** Exposure limit for every bank-debtor pair without an override, in minor units. */
  defaultExposureLimit?: bigint;
  /** Seconds after maturity before an unpaid voucher may be declared in default. */
  gracePeriod?: bigint;
  /** Block confirmations to wait for per transaction (1 = mined). */
  confirmations?: number;
  /** Progress output, e.g. `console.log`; silent by default. */
  log?: (message: string) => void;
}

export interface SuiteContracts {
  registry: ParticipantRegistry;
  invoices: InvoiceRegistry;
  vouchers: VoucherToken;
  cash: CashToken;
  compliance: ComplianceRules;
  financing: Financing;
  guarantees: Guarantees;
  settlement: VoucherSettlement;
  dataSharing: DataSharingLedger;
}

/** Contract name (as in `contracts/`) to address. */
export interface SuiteAddresses {
  ParticipantRegistry: string;
  InvoiceRegistry: string;
  VoucherToken: string;
  CashToken: string;
  ComplianceRules: string;
  Financing: string;
  Guarantees: string;
  VoucherSettlement: string;
  DataSharingLedger: string;
}

export interface Suite extends SuiteContracts {
  addresses: SuiteAddresses;
  /** Gas used by each deployment and wiring transaction, in the order they were sent. */
  gasUsed: Record<string, bigint>;
  /** The block of the first deployment: where an event indexer should start. */
  firstBlock: number;
}

export async function deploySuite(ethers: HardhatEthers, options: DeploySuiteOptions): Promise<Suite> {
  const deployer = options.deployer;
  const admin = await deployer.getAddress();
  const operatorAccount = options.operatorAccount ?? admin;
  const operatorOrganisationId = ethers.hexlify(options.operatorOrganisationId);
  if (ethers.dataLength(operatorOrganisationId) !== 16 || BigInt(operatorOrganisationId) === 0n) {
    throw new Error(`operatorOrganisationId must be a non-zero bytes16, got ${options.operatorOrganisationId}`);
  }
  const defaultExposureLimit = options.defaultExposureLimit ?? DEFAULT_EXPOSURE_LIMIT;
  const gracePeriod = options.gracePeriod ?? DEFAULT_GRACE_PERIOD;
  const confirmations = options.confirmations ?? 1;
  const log = options.log ?? (() => {});
  const gasUsed: Record<string, bigint> = {};
  let firstBlock = -1;

  async function mined<C extends { deploymentTransaction(): ContractTransactionResponse | null; getAddress(): Promise<string> }>(
    label: string,
    pending: Promise<C>,
  ): Promise<C> {
    const contract = await pending;
    const receipt = await contract.deploymentTransaction()?.wait(confirmations);
    if (!receipt || receipt.status !== 1) throw new Error(`${label}: deployment failed`);
    if (firstBlock < 0) firstBlock = receipt.blockNumber;
    gasUsed[`deploy ${label}`] = receipt.gasUsed;
    log(`  ${label.padEnd(20)} ${await contract.getAddress()}  (gas ${receipt.gasUsed})`);
    return contract;
  }

  async function wired(label: string, pending: Promise<ContractTransactionResponse>): Promise<void> {
    const receipt = await (await pending).wait(confirmations);
    if (!receipt || receipt.status !== 1) throw new Error(`${label}: transaction failed`);
    gasUsed[label] = receipt.gasUsed;
    log(`  ${label}  (gas ${receipt.gasUsed})`);
  }

  log(`Deploying the suite from ${admin}`);
  const registry = await mined(
    "ParticipantRegistry",
    (await ethers.getContractFactory("ParticipantRegistry", deployer)).deploy(operatorOrganisationId, operatorAccount),
  );
  const invoices = await mined(
    "InvoiceRegistry",
    (await ethers.getContractFactory("InvoiceRegistry", deployer)).deploy(registry, admin),
  );
  const vouchers = await mined(
    "VoucherToken",
    (await ethers.getContractFactory("VoucherToken", deployer)).deploy(registry, invoices, admin),
  );
  // The invoice registry and the voucher token refer to each other, so one of them is wired afterwards.
  await wired("InvoiceRegistry.setVoucherToken", invoices.connect(deployer).setVoucherToken(vouchers));
  const cash = await mined("CashToken", (await ethers.getContractFactory("CashToken", deployer)).deploy(registry, admin));
  const compliance = await mined(
    "ComplianceRules",
    (await ethers.getContractFactory("ComplianceRules", deployer)).deploy(registry, admin, defaultExposureLimit, gracePeriod),
  );
  const financing = await mined(
    "Financing",
    (await ethers.getContractFactory("Financing", deployer)).deploy(registry, vouchers, cash, compliance, admin),
  );
  const guarantees = await mined(
    "Guarantees",
    (await ethers.getContractFactory("Guarantees", deployer)).deploy(registry, financing, vouchers, cash, compliance, admin),
  );
  const settlement = await mined(
    "VoucherSettlement",
    (await ethers.getContractFactory("VoucherSettlement", deployer)).deploy(
      registry,
      vouchers,
      cash,
      financing,
      compliance,
      admin,
    ),
  );

  // Not in SuiteFixture.sol (its tests deploy it themselves): it holds hashes only and needs no wiring.
  const dataSharing = await mined(
    "DataSharingLedger",
    (await ethers.getContractFactory("DataSharingLedger", deployer)).deploy(registry),
  );

  // PLATFORM_ROLE exactly as the fixture grants it: each platform contract may act on the tokens and
  // rules its flows touch, and only settlement may close a financing on redemption.
  const platform = await vouchers.PLATFORM_ROLE();
  const grants: Array<[string, { grantRole(role: string, account: string): Promise<ContractTransactionResponse> }, string, string]> = [
    ["VoucherToken", vouchers.connect(deployer), "Financing", await financing.getAddress()],
    ["VoucherToken", vouchers.connect(deployer), "Guarantees", await guarantees.getAddress()],
    ["VoucherToken", vouchers.connect(deployer), "VoucherSettlement", await settlement.getAddress()],
    ["CashToken", cash.connect(deployer), "Financing", await financing.getAddress()],
    ["CashToken", cash.connect(deployer), "Guarantees", await guarantees.getAddress()],
    ["CashToken", cash.connect(deployer), "VoucherSettlement", await settlement.getAddress()],
    ["ComplianceRules", compliance.connect(deployer), "Financing", await financing.getAddress()],
    ["ComplianceRules", compliance.connect(deployer), "Guarantees", await guarantees.getAddress()],
    ["Financing", financing.connect(deployer), "VoucherSettlement", await settlement.getAddress()],
  ];
  for (const [onName, on, toName, to] of grants) {
    await wired(`${onName}.grantRole(PLATFORM_ROLE, ${toName})`, on.grantRole(platform, to));
  }

  const addresses: SuiteAddresses = {
    ParticipantRegistry: await registry.getAddress(),
    InvoiceRegistry: await invoices.getAddress(),
    VoucherToken: await vouchers.getAddress(),
    CashToken: await cash.getAddress(),
    ComplianceRules: await compliance.getAddress(),
    Financing: await financing.getAddress(),
    Guarantees: await guarantees.getAddress(),
    VoucherSettlement: await settlement.getAddress(),
    DataSharingLedger: await dataSharing.getAddress(),
  };
  return {
    registry,
    invoices,
    vouchers,
    cash,
    compliance,
    financing,
    guarantees,
    settlement,
    dataSharing,
    addresses,
    gasUsed,
    firstBlock,
  };
}

/** A bytes16 organisation id from a small number, as the fixture writes `bytes16(uint128(n))`. */
export function organisationId(n: bigint | number): string {
  return "0x" + BigInt(n).toString(16).padStart(32, "0");
}
