import { Injectable } from "@nestjs/common";
import { getAddress } from "ethers";
import type { EntityManager } from "typeorm";

export interface KnownOrganisation {
  id: string;
  isBank: boolean;
}

/**
 * Which organisation an account belongs to, and whether it is a bank, for the exposure projectors. Read in
 * the indexer's transaction (an organisation onboarded in the same block range is visible); a known answer
 * is cached, since an account never changes organisation.
 */
@Injectable()
export class OrganisationLookup {
  private readonly known = new Map<string, KnownOrganisation>();

  async of(manager: EntityManager, address: string): Promise<KnownOrganisation | null> {
    const account = getAddress(address);
    const cached = this.known.get(account);
    if (cached) return cached;
    const rows: Array<{ id: string; is_bank: boolean }> = await manager.query(
      `SELECT id, 'bank' = ANY (roles) AS is_bank FROM organisations WHERE chain_address = $1`,
      [account]
    );
    if (rows.length === 0) return null;
    const organisation = { id: rows[0]!.id, isBank: rows[0]!.is_bank };
    this.known.set(account, organisation);
    return organisation;
  }
}
