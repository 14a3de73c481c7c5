import { Injectable } from "@nestjs/common";
import { InjectRepository } from "@nestjs/typeorm";
import { getAddress } from "ethers";
import type { EntityManager, Repository } from "typeorm";
import { Organisation } from "./organisation.entity.js";

/** Read-only lookups of organisations for other modules (who is the debtor with this tax id, and so on). */
@Injectable()
export class ParticipantsDirectory {
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

  private repository(manager?: EntityManager): Repository<Organisation> {
    return manager ? manager.getRepository(Organisation) : this.organisations;
  }
}
