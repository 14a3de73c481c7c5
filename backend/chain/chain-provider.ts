import { readFileSync } from "node:fs";
import { Global, Inject, Injectable, Module, type OnApplicationShutdown } from "@nestjs/common";
import { JsonRpcProvider, Network } from "ethers";
import { APP_CONFIG, type AppConfig } from "../config/config.js";

/** The one JSON-RPC connection to the chain; everything that reads or writes the chain goes through it. */
@Injectable()
export class ChainProvider implements OnApplicationShutdown {
  readonly provider: JsonRpcProvider;
  readonly chainId: bigint;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.chainId = chainIdOfDeployment(config.chainDeploymentFile);
    const network = Network.from(this.chainId);
    this.provider = new JsonRpcProvider(config.chainRpcUrl, network, {
      // ethers caches results (the pending nonce among them) for 250 ms by default, so back-to-back
      // transactions from one key could be signed with the same nonce (NONCE_EXPIRED).
      cacheTimeout: -1,
      // The network is the deployment's: no eth_chainId before requests, and no endless "failed to
      // detect network" retry loop when the node is down at boot (health then reports it instead).
      staticNetwork: network,
    });
  }

  blockNumber(): Promise<number> {
    return this.provider.getBlockNumber();
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
