import { Injectable } from "@nestjs/common";
import { Contract } from "ethers";
import { ChainProvider } from "../chain/chain-provider.js";
import { SuiteContracts } from "../chain/suite-contracts.js";
import { organisationIdToBytes16 } from "../participants/roles.js";

export interface ExposureReading {
  /** Minor units booked by the bank's active financings against the debtor. */
  exposure: bigint;
  /** The limit in force: the pair's override or the default. */
  limit: bigint;
}

/**
 * Reads the regulator's rules and the bookings against them straight from ComplianceRules (view calls). These
 * are the values the contract will check on approval and acceptance, so refusing early on them is exact, not a
 * guess from an index that may be a block behind.
 */
@Injectable()
export class ComplianceRulesReader {
  private readonly contract: Contract;

  constructor(chain: ChainProvider, contracts: SuiteContracts) {
    this.contract = new Contract(contracts.addresses.ComplianceRules, contracts.interfaces.ComplianceRules, chain.provider);
  }

  async exposure(bankOrganisationId: string, debtorOrganisationId: string): Promise<ExposureReading> {
    const bank = organisationIdToBytes16(bankOrganisationId);
    const debtor = organisationIdToBytes16(debtorOrganisationId);
    const [exposure, limit] = await Promise.all([
      this.contract.getFunction("exposureOf").staticCall(bank, debtor) as Promise<bigint>,
      this.contract.getFunction("exposureLimitOf").staticCall(bank, debtor) as Promise<bigint>,
    ]);
    return { exposure, limit };
  }

  async guarantorCapacity(guarantorOrganisationId: string): Promise<{ capacity: bigint; used: bigint }> {
    const [capacity, used] = (await this.contract
      .getFunction("guarantorCapacityOf")
      .staticCall(organisationIdToBytes16(guarantorOrganisationId))) as [bigint, bigint];
    return { capacity, used };
  }
}
