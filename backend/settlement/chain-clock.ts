import { Injectable } from "@nestjs/common";
import { Contract } from "ethers";
import { ChainProvider } from "../chain/chain-provider.js";
import { SuiteContracts } from "../chain/suite-contracts.js";

/**
 * Time as the contracts see it. Maturity and default are decided by block timestamps, which need not follow
 * the wall clock (a test chain's time is moved forward; a stalled network's stands still), so the maturity
 * scan asks the chain, never Date.now().
 */
@Injectable()
export class ChainClock {
  constructor(
    private readonly chain: ChainProvider,
    private readonly contracts: SuiteContracts,
  ) {}

  /** The latest block's timestamp, in unix seconds. */
  async now(): Promise<number> {
    const block = await this.chain.provider.getBlock("latest");
    if (!block) throw new Error("the chain returned no latest block");
    return Number(block.timestamp);
  }

  /** The regulator's grace period after maturity (ComplianceRules.gracePeriod), in seconds. */
  async gracePeriodSeconds(): Promise<number> {
    const rules = new Contract(this.contracts.addresses.ComplianceRules, this.contracts.interfaces.ComplianceRules, this.chain.provider);
    return Number(await rules.getFunction("gracePeriod").staticCall());
  }
}
