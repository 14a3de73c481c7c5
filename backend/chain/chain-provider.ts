import { readFileSync } from "node:fs";
import { Global, Inject, Injectable, Module, type OnApplicationShutdown } from "@nestjs/common";
import {
  type JsonRpcApiProviderOptions,
  type JsonRpcError,
  type JsonRpcPayload,
  JsonRpcProvider,
  type JsonRpcResult,
  Network,
  toQuantity,
} from "ethers";
import { APP_CONFIG, type AppConfig } from "../config/config.js";

/** A log as the node returns it: what the indexer needs, without ethers' per-field formatting. */
export interface RawLog {
  address: string;
  topics: string[];
  data: string;
  blockNumber: number;
  logIndex: number;
  transactionHash: string;
}

/** What the writer needs of a receipt. */
export interface ReceiptOutcome {
  succeeded: boolean;
  blockNumber: number;
  gasUsed: bigint;
}

/**
 * ethers' JSON-RPC transport, with the response decoded by the platform's fetch. ethers decodes bodies with
 * its own UTF-8 decoder in JavaScript, which took more CPU than anything else in the pipeline benchmark
 * (receipts of 50-voucher batches and eth_getLogs ranges are hundreds of kilobytes).
 */
class FetchJsonRpcProvider extends JsonRpcProvider {
  constructor(
    private readonly url: string,
    network: Network,
    options: JsonRpcApiProviderOptions,
  ) {
    super(url, network, options);
  }

  // ethers declares JsonRpcResult[] but hands error objects through as well (it reads `error` from each).
  override async _send(payload: JsonRpcPayload | JsonRpcPayload[]): Promise<JsonRpcResult[]> {
    const response = await fetch(this.url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(payload),
    });
    if (!response.ok) throw new Error(`JSON-RPC ${this.url} answered HTTP ${response.status} ${response.statusText}`);
    const body = (await response.json()) as JsonRpcResult | JsonRpcError | Array<JsonRpcResult | JsonRpcError>;
    return (Array.isArray(body) ? body : [body]) as JsonRpcResult[];
  }
}

/**
 * The one JSON-RPC connection to the chain; everything that reads or writes the chain goes through it. The
 * writer's and the indexer's hot calls (receipts, raw transactions, logs) skip ethers' response formatting,
 * which checksums every address of every log with keccak256.
 */
@Injectable()
export class ChainProvider implements OnApplicationShutdown {
  readonly provider: JsonRpcProvider;
  readonly chainId: bigint;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.chainId = chainIdOfDeployment(config.chainDeploymentFile);
    const network = Network.from(this.chainId);
    this.provider = new FetchJsonRpcProvider(config.chainRpcUrl, network, {
      // ethers caches results (the pending nonce among them) for 250 ms by default, so back-to-back
      // transactions from one key could be signed with the same nonce (NONCE_EXPIRED).
      cacheTimeout: -1,
      // The network is the deployment's: no eth_chainId before requests, and no endless "failed to
      // detect network" retry loop when the node is down at boot (health then reports it instead).
      staticNetwork: network,
      // One request per HTTP call, sent at once: batching waits 10 ms for company, which the writer, whose
      // calls follow one another, would pay on every call.
      batchMaxCount: 1,
    });
  }

  blockNumber(): Promise<number> {
    return this.provider.getBlockNumber();
  }

  /** The receipt's outcome, or null while the transaction is not mined. */
  async receiptOutcome(txHash: string): Promise<ReceiptOutcome | null> {
    const receipt = (await this.provider.send("eth_getTransactionReceipt", [txHash])) as {
      status: string;
      blockNumber: string;
      gasUsed: string;
    } | null;
    if (!receipt?.blockNumber) return null;
    return { succeeded: BigInt(receipt.status) === 1n, blockNumber: Number(receipt.blockNumber), gasUsed: BigInt(receipt.gasUsed) };
  }

  /** Broadcasts a signed transaction; its hash is known already (keccak256 of the raw bytes). */
  async sendRawTransaction(rawTransaction: string): Promise<void> {
    await this.provider.send("eth_sendRawTransaction", [rawTransaction]);
  }

  async logs(addresses: string[], fromBlock: number, toBlock: number): Promise<RawLog[]> {
    const logs = (await this.provider.send("eth_getLogs", [
      { address: addresses, fromBlock: toQuantity(fromBlock), toBlock: toQuantity(toBlock) },
    ])) as Array<{ address: string; topics: string[]; data: string; blockNumber: string; logIndex: string; transactionHash: string; removed?: boolean }>;
    return logs
      .filter((log) => !log.removed)
      .map((log) => ({
        address: log.address,
        topics: log.topics,
        data: log.data,
        blockNumber: Number(log.blockNumber),
        logIndex: Number(log.logIndex),
        transactionHash: log.transactionHash,
      }));
  }

  /** Last in the shutdown order, so jobs still finishing (closed in onModuleDestroy) keep their connection. */
  onApplicationShutdown(): void {
    this.provider.destroy();
  }
}

@Global()
@Module({ providers: [ChainProvider], exports: [ChainProvider] })
export class ChainProviderModule {}

/** The chain id recorded by scripts/deploy.ts in `deployments/<chainId>.json`. */
function chainIdOfDeployment(file: string): bigint {
  let record: { chainId?: unknown };
  try {
    record = JSON.parse(readFileSync(file, "utf8"));
  } catch (error) {
    throw new Error(`CHAIN_DEPLOYMENT_FILE ${file} cannot be read as JSON: ${(error as Error).message}`);
  }
  if (typeof record.chainId !== "string" || !/^\d+$/.test(record.chainId)) {
    throw new Error(`CHAIN_DEPLOYMENT_FILE ${file} has no chainId: is it a record written by scripts/deploy.ts?`);
  }
  return BigInt(record.chainId);
}
