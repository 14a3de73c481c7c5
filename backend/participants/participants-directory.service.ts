import { Injectable } from "@nestjs/common";
import { InjectRepository } from "@nestjs/typeorm";
import { getAddress } from "ethers";
import type { EntityManager, Repository } from "typeorm";
import { Organisation } from "./organisation.entity.js";

/** Read-only lookups of organisations for other modules (who is the debtor with this tax id, and so on). */
@Injectable()
export class ParticipantsDirectory {
  /** Chain account -> organisation id. An organisation's account is fixed at onboarding, so a found id stays true. */
  private readonly organisationIdByAddress = new Map<string, string>();

  constructor(@InjectRepository(Organisation) private readonly organisations: Repository<Organisation>) {}

  findById(id: string, manager?: EntityManager): Promise<Organisation | null> {
    return this.repository(manager).findOne({ where: { id } });
  }

  findByTaxId(taxId: string, manager?: EntityManager): Promise<Organisation | null> {
    return this.repository(manager).findOne({ where: { taxId: taxId.trim().toUpperCase() } });
  }

  findByChainAddress(address: string, manager?: EntityManager): Promise<Organisation | null> {
    return this.repository(manager).findOne({ where: { chainAddress: getAddress(address) } });
  }

  /**
   * The id of the organisation that owns a chain account, or null. Indexer projectors ask this for every
   * event; hits are kept in memory (misses are not: the organisation may be onboarded later).
   */
  async organisationIdOf(address: string, manager?: EntityManager): Promise<string | null> {
    const account = getAddress(address);
    const known = this.organisationIdByAddress.get(account);
    if (known !== undefined) return known;
    const organisation = await this.findByChainAddress(account, manager);
    if (organisation) this.organisationIdByAddress.set(account, organisation.id);
    return organisation?.id ?? null;
  }

  private repository(manager?: EntityManager): Repository<Organisation> {
    return manager ? manager.getRepository(Organisation) : this.organisations;
  }
}
