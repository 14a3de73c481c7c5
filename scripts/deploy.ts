// SPDX-License-Identifier: Apache-2.0
//
// Deploys and wires the whole suite on a network and records the addresses in
// `deployments/<chainId>.json`.
//
//   npx hardhat run scripts/deploy.ts --network <name>
//   CHAIN_RPC_URL=http://besu:8545 DEPLOYER_PRIVATE_KEY=0x... npx hardhat run scripts/deploy.ts --network rpc
//
// The deployer is the first signer of the network; it becomes DEFAULT_ADMIN_ROLE of every contract.
//
// Environment variables (all optional):
//   OPERATOR_ORG_ID          bytes16 hex id of the platform operator organisation (the backend's UUID of it,
//                            without dashes, 0x-prefixed). Default 0x0000000000000000000000000000000a.
//   OPERATOR_ACCOUNT         the operator organisation's first signing account. Default: the deployer.
//   DEFAULT_EXPOSURE_LIMIT   exposure limit for every bank-debtor pair without an override, in minor currency
//                            units (two decimals). Default 100000000000 (one billion units).
//   GRACE_PERIOD             seconds after maturity before an unpaid voucher may be declared in default.
//                            Default 604800 (7 days).
//   CONFIRMATIONS            block confirmations to wait for per transaction. Default 1.
//   DEPLOYMENT_FILE          where to write the record. Default deployments/<chainId>.json. The backend's
//                            embedded chains use their own file, so that two of them never share one.
// The network itself comes from hardhat.config.ts (`rpc`: CHAIN_RPC_URL, DEPLOYER_PRIVATE_KEY).

import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { network } from "hardhat";
import { DEFAULT_EXPOSURE_LIMIT, DEFAULT_GRACE_PERIOD, deploySuite, organisationId } from "./lib/deploy-suite.js";

function envBigInt(name: string, fallback: bigint): bigint {
  const value = process.env[name];
  if (value === undefined || value === "") return fallback;
  try {
    const parsed = BigInt(value.replaceAll("_", ""));
    if (parsed < 0n) throw new Error("negative");
    return parsed;
  } catch {
    throw new Error(`${name} must be a non-negative integer, got "${value}"`);
  }
}

function envOrganisationId(name: string, fallback: string): string {
  const value = process.env[name];
  if (value === undefined || value === "") return fallback;
  // Accept a UUID as the backend writes it.
  const hex = value.startsWith("0x") ? value : "0x" + value.replaceAll("-", "");
  if (!/^0x[0-9a-fA-F]{32}$/.test(hex) || BigInt(hex) === 0n) {
    throw new Error(`${name} must be a non-zero bytes16 (32 hex digits or a UUID), got "${value}"`);
  }
  return hex.toLowerCase();
}

const connection = await network.create();
const { ethers } = connection;
const [deployer] = await ethers.getSigners();
if (deployer === undefined) throw new Error(`network ${connection.networkName} has no signer to deploy from`);

const operatorOrganisationId = envOrganisationId("OPERATOR_ORG_ID", organisationId(0x0a));
const operatorAccount = process.env.OPERATOR_ACCOUNT ? ethers.getAddress(process.env.OPERATOR_ACCOUNT) : deployer.address;
const defaultExposureLimit = envBigInt("DEFAULT_EXPOSURE_LIMIT", DEFAULT_EXPOSURE_LIMIT);
const gracePeriod = envBigInt("GRACE_PERIOD", DEFAULT_GRACE_PERIOD);
const confirmations = Number(envBigInt("CONFIRMATIONS", 1n));
if (gracePeriod >= 2n ** 64n) throw new Error("GRACE_PERIOD must fit in 64 bits");

const { chainId } = await ethers.provider.getNetwork();
console.log(`Network ${connection.networkName} (chain id ${chainId})`);

const suite = await deploySuite(ethers, {
  deployer,
  operatorOrganisationId,
  operatorAccount,
  defaultExposureLimit,
  gracePeriod,
  confirmations,
  log: console.log,
});

const record = {
  chainId: chainId.toString(),
  network: connection.networkName,
  deployer: deployer.address,
  deployedAt: new Date().toISOString(),
  firstBlock: suite.firstBlock,
  parameters: {
    operatorOrganisationId,
    operatorAccount,
    defaultExposureLimit: defaultExposureLimit.toString(),
    gracePeriod: gracePeriod.toString(),
  },
  contracts: suite.addresses,
};

const file = process.env.DEPLOYMENT_FILE
  ? path.resolve(process.env.DEPLOYMENT_FILE)
  : path.resolve(import.meta.dirname, "..", "deployments", `${chainId}.json`);
await mkdir(path.dirname(file), { recursive: true });
await writeFile(file, JSON.stringify(record, null, 2) + "\n");
console.log(`Addresses written to ${path.relative(process.cwd(), file)}`);
