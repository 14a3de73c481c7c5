import { existsSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { type EventFragment, Interface, getAddress } from "ethers";

/** The deployed contracts the backend talks to, by their names in `contracts/`. */
export const SUITE_CONTRACT_NAMES = [
  "ParticipantRegistry",
  "InvoiceRegistry",
  "VoucherToken",
  "CashToken",
  "ComplianceRules",
  "Financing",
  "Guarantees",
  "VoucherSettlement",
  "DataSharingLedger",
] as const;
export type SuiteContractName = (typeof SUITE_CONTRACT_NAMES)[number];

/** What `scripts/deploy.ts` writes to `deployments/<chainId>.json`. */
export interface DeploymentRecord {
  chainId: string;
  firstBlock: number;
  contracts: Record<SuiteContractName, string>;
}

/**
 * Addresses and ABIs of the suite, read once from the deployment record and the committed `abi/` folder
 * (generated from the compiled contracts, so the backend uses exactly what was deployed).
 */
export class SuiteContracts {
  readonly interfaces: Record<SuiteContractName, Interface>;
  readonly addresses: Record<SuiteContractName, string>;
  /** All custom errors of the suite, for decoding reverts whichever contract raised them. */
  readonly errors: Interface;
  private readonly nameByAddress = new Map<string, SuiteContractName>();
  /** Events by topic0, per contract: ethers' parseLog hashes every event signature of the ABI on each call. */
  private readonly eventsByTopic = new Map<SuiteContractName, Map<string, EventFragment>>();

  constructor(readonly deployment: DeploymentRecord) {
    const abiDir = findAbiDir();
    const interfaces = {} as Record<SuiteContractName, Interface>;
    const addresses = {} as Record<SuiteContractName, string>;
    const errorFragments = new Map<string, unknown>();
    for (const name of SUITE_CONTRACT_NAMES) {
      const abi = JSON.parse(readFileSync(join(abiDir, `${name}.json`), "utf8")) as Array<{ type: string; name?: string }>;
      interfaces[name] = new Interface(abi);
      addresses[name] = getAddress(deployment.contracts[name]);
      this.nameByAddress.set(addresses[name].toLowerCase(), name);
      const events = new Map<string, EventFragment>();
      interfaces[name].forEachEvent((fragment) => events.set(fragment.topicHash, fragment));
      this.eventsByTopic.set(name, events);
      for (const fragment of abi) if (fragment.type === "error") errorFragments.set(JSON.stringify(fragment), fragment);
    }
    this.interfaces = interfaces;
    this.addresses = addresses;
    this.errors = new Interface([...errorFragments.values()] as never[]);
  }

  static fromFile(path: string): SuiteContracts {
    return new SuiteContracts(JSON.parse(readFileSync(path, "utf8")) as DeploymentRecord);
  }

  nameOf(address: string): SuiteContractName | undefined {
    return this.nameByAddress.get(address.toLowerCase());
  }

  /** The event a log's first topic names, in the ABI of the contract that emitted it. */
  eventOf(contract: SuiteContractName, topic0: string | undefined): EventFragment | undefined {
    return topic0 === undefined ? undefined : this.eventsByTopic.get(contract)?.get(topic0.toLowerCase());
  }
}

/** `abi/` at the project root, found from this file whether it runs from source or from `dist/`. */
function findAbiDir(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const candidate = join(dir, "abi");
    if (existsSync(join(candidate, "VoucherToken.json"))) return candidate;
    const parent = resolve(dir, "..");
    if (parent === dir) throw new Error("abi/ not found: run `npm run build:contracts`");
    dir = parent;
  }
}
