import { Injectable, Logger } from "@nestjs/common";
import type { EntityManager } from "typeorm";
import { Organisation } from "../participants/organisation.entity.js";

/**
 * The organisation that signs attestations: the one onboarded (and active on chain) with the tax_authority role, whose key the
 * platform holds like every participant's. With several, the first onboarded signs.
 */
@Injectable()
export class TaxAuthorityAccount {
  private readonly logger = new Logger(TaxAuthorityAccount.name);
  private warnedMissing = false;

  /** Its signing address, or null (logged once) while no tax authority is onboarded. */
  async signer(manager: EntityManager): Promise<string | null> {
    const organisation = await manager
      .getRepository(Organisation)
      .createQueryBuilder("organisation")
      .where(":role = ANY(organisation.roles)", { role: "tax_authority" })
      // Attestations from an account the registry does not know yet would revert: wait until it is active.
      .andWhere("organisation.onChainStatus = 'active'")
      .orderBy("organisation.createdAt", "ASC")
      .addOrderBy("organisation.id", "ASC")
      .getOne();
    if (!organisation && !this.warnedMissing) {
      this.warnedMissing = true;
      this.logger.warn("no organisation with the tax_authority role is active on chain: invoices wait for verification until one is");
    }
    if (organisation) this.warnedMissing = false;
    return organisation?.chainAddress ?? null;
  }
}
