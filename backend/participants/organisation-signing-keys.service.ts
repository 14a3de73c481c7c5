import { Inject, Injectable } from "@nestjs/common";
import { InjectRepository } from "@nestjs/typeorm";
import { Wallet, getAddress } from "ethers";
import type { Repository } from "typeorm";
import type { SigningKeys } from "../chain/signing-keys.js";
import { APP_CONFIG, type AppConfig } from "../config/config.js";
import { KeyVault } from "./key-vault.js";
import { Organisation } from "./organisation.entity.js";

/** The chain writer's keys: each organisation's own account (decrypted on first use), the operator's from config. */
@Injectable()
export class OrganisationSigningKeys implements SigningKeys {
  private readonly wallets = new Map<string, Wallet>();
  readonly operatorAddress: string;

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    @InjectRepository(Organisation) private readonly organisations: Repository<Organisation>,
    private readonly vault: KeyVault,
  ) {
    const operator = new Wallet(config.operatorPrivateKey);
    this.operatorAddress = operator.address;
    this.wallets.set(operator.address, operator);
  }

  async walletFor(address: string): Promise<Wallet> {
    const checksummed = getAddress(address);
    const cached = this.wallets.get(checksummed);
    if (cached) return cached;
    const organisation = await this.organisations.findOne({ where: { chainAddress: checksummed } });
    if (!organisation) throw new Error(`no signing key is held for ${checksummed}`);
    const wallet = new Wallet(this.vault.decrypt(organisation.encryptedPrivateKey));
    this.wallets.set(checksummed, wallet);
    return wallet;
  }
}
