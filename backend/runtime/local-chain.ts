// A local EVM chain for `npm start` and the tests: anvil (from the @foundry-rs/anvil npm package) on a free
// port, with the contract suite deployed by scripts/deploy.ts, gone when the parent goes.

import { type ChildProcess, spawn } from "node:child_process";
import { closeSync, existsSync, openSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { dieWithParent, stopChild, waitUntilReady } from "./child-processes.js";
import { freePort } from "./free-port.js";
import { Wallet } from "ethers";
import { instanceDirectory, projectRoot, recordProcess, tailOf } from "./runtime-files.js";

/** anvil's well-known development mnemonic: its accounts are unlocked, funded and public. Local use only. */
export const LOCAL_CHAIN_MNEMONIC = "test test test test test test test test test test test junk";

export interface LocalChainEndpoints {
  rpcUrl: string;
  /** The record scripts/deploy.ts wrote: chain id and the suite's addresses. */
  deploymentFile: string;
  /** The mnemonic's first account: it deploys the suite and so is the platform operator's account. */
  deployerPrivateKey: string;
}

export class LocalChain {
  private child: ChildProcess | undefined;

  async start(): Promise<LocalChainEndpoints> {
    const port = await freePort();
    const dir = await instanceDirectory("chain");
    const logFile = path.join(dir, "chain.log");
    const log = openSync(logFile, "a");
    const child = spawn(
      anvilBinary(),
      [
        "--host", "127.0.0.1",
        "--port", String(port),
        "--mnemonic", LOCAL_CHAIN_MNEMONIC,
        // As many accounts as `hardhat node`, which scripts/seed-demo.ts counts on.
        "--accounts", "20",
        // Like the production network (Besu, QBFT): Cancun, and transactions at gas price zero. Without
        // --disable-min-priority-fee, eth_gasPrice answers 1 gwei and default-priced transactions from
        // unfunded accounts fail.
        "--hardfork", "cancun",
        "--base-fee", "0",
        "--gas-price", "0",
        "--disable-min-priority-fee",
        "--silent",
      ],
      { stdio: ["ignore", log, log] },
    );
    closeSync(log);
    this.child = child;
    dieWithParent(child);
    await recordProcess(dir, child.pid!, "anvil");
    const rpcUrl = `http://127.0.0.1:${port}`;
    await waitUntilReady("anvil", () => answersJsonRpc(rpcUrl), child, 15_000, () => tailOf(logFile));

    const deploymentFile = path.join(dir, "deployment.json");
    await deploySuite(rpcUrl, deploymentFile, path.join(dir, "deploy.log"));
    return { rpcUrl, deploymentFile, deployerPrivateKey: Wallet.fromPhrase(LOCAL_CHAIN_MNEMONIC).privateKey };
  }

  async stop(): Promise<void> {
    if (this.child !== undefined) await stopChild(this.child);
    this.child = undefined;
  }
}

/**
 * The anvil binary itself, not the npm wrapper in node_modules/.bin: the wrapper is a node process that
 * would leave anvil running if it were killed with SIGKILL.
 */
function anvilBinary(): string {
  const require = createRequire(import.meta.url);
  const arch = { x64: "amd64", arm64: "arm64" }[process.arch as string];
  if (arch !== undefined && (process.platform === "linux" || process.platform === "darwin")) {
    try {
      return require.resolve(`@foundry-rs/anvil-${process.platform}-${arch}/bin/anvil`);
    } catch {
      // fall back to the wrapper
    }
  }
  const wrapper = path.join(projectRoot(), "node_modules", ".bin", "anvil");
  if (!existsSync(wrapper)) throw new Error("anvil is not installed: run `npm install` (package @foundry-rs/anvil)");
  return wrapper;
}

/** Runs `hardhat run scripts/deploy.ts --network rpc` against the chain, with this Node. */
function deploySuite(rpcUrl: string, deploymentFile: string, logFile: string): Promise<void> {
  const root = projectRoot();
  const require = createRequire(import.meta.url);
  const hardhatCli = path.join(path.dirname(require.resolve("hardhat/package.json")), "dist", "src", "cli.js");
  const env: NodeJS.ProcessEnv = { ...process.env, CHAIN_RPC_URL: rpcUrl, DEPLOYMENT_FILE: deploymentFile };
  // The node's unlocked first account deploys, whatever key the surrounding shell may hold.
  delete env.DEPLOYER_PRIVATE_KEY;
  const log = openSync(logFile, "a");
  const child = spawn(process.execPath, [hardhatCli, "run", "scripts/deploy.ts", "--network", "rpc"], {
    cwd: root,
    env,
    stdio: ["ignore", log, log],
  });
  closeSync(log);
  dieWithParent(child);
  return new Promise((resolve, reject) => {
    child.once("error", reject);
    child.once("exit", (code, signal) => {
      if (code === 0 && existsSync(deploymentFile)) resolve();
      else reject(new Error(`deploying the contract suite failed (${code ?? signal}):\n${tailOf(logFile)}`));
    });
  });
}

async function answersJsonRpc(url: string): Promise<boolean> {
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "eth_chainId", params: [] }),
    signal: AbortSignal.timeout(1000),
  });
  return response.ok;
}
