import { randomUUID } from "node:crypto";
import { Injectable, Logger, type OnApplicationBootstrap, type OnModuleInit } from "@nestjs/common";
import { Wallet } from "ethers";
import { DataSource, type EntityManager } from "typeorm";
import { ChainGateway } from "../chain/chain-gateway.service.js";
import { ChainOutcomes } from "../chain/chain-outcomes.js";
import { ChainProjectors } from "../chain/chain-projectors.js";
import { SuiteContracts } from "../chain/suite-contracts.js";
import { ConflictError, NotFoundError } from "../common/domain-error.js";
import { ApiKeys } from "./api-keys.service.js";
import { KeyVault } from "./key-vault.js";
import { OrganisationSigningKeys } from "./organisation-signing-keys.service.js";
import { type OnChainStatus, Organisation } from "./organisation.entity.js";
import { type Role, bytes16ToOrganisationId, organisationIdToBytes16, roleBits } from "./roles.js";

export interface OnboardingRequest {
  name: string;
  taxId?: string;
  roles: Role[];
  region?: string;
  industry?: string;
}

/**
 * Onboarding: the organisation, its signing account (key encrypted at rest), its first API key and the
 * participant-registry write signed by the operator are recorded in one database transaction. The
 * organisation is `pending` until the indexer sees OrganisationOnboarded.
 */
@Injectable()
export class ParticipantsService implements OnModuleInit, OnApplicationBootstrap {
  private readonly logger = new Logger(ParticipantsService.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly chainGateway: ChainGateway,
    private readonly projectors: ChainProjectors,
    private readonly outcomes: ChainOutcomes,
    private readonly contracts: SuiteContracts,
    private readonly apiKeys: ApiKeys,
    private readonly vault: KeyVault,
    private readonly signingKeys: OrganisationSigningKeys,
  ) {}

  onModuleInit(): void {
    const setStatus = (status: OnChainStatus) => async (manager: EntityManager, organisationId: unknown) => {
      await manager
        .getRepository(Organisation)
        .update({ id: bytes16ToOrganisationId(String(organisationId)) }, { onChainStatus: status });
    };
    this.projectors.on("OrganisationOnboarded", (manager, event) => setStatus("active")(manager, event.args.organisationId));
    this.projectors.on("OrganisationSuspended", (manager, event) => setStatus("suspended")(manager, event.args.organisationId));
    this.projectors.on("OrganisationReinstated", (manager, event) => setStatus("active")(manager, event.args.organisationId));
    this.outcomes.onFailure("participant.onboard", async (manager, operations) => {
      for (const operation of operations) await setStatus("failed")(manager, operation.payload.organisationId);
    });
  }

  /** The operator organisation exists from deployment (the registry's constructor onboards it): mirror it. */
  async onApplicationBootstrap(): Promise<void> {
    const parameters = (this.contracts.deployment as { parameters?: { operatorOrganisationId?: string } }).parameters;
    if (!parameters?.operatorOrganisationId) return;
    const id = bytes16ToOrganisationId(parameters.operatorOrganisationId);
    const operatorKey = (await this.signingKeys.walletFor(this.signingKeys.operatorAddress)).privateKey;
    await this.dataSource
      .createQueryBuilder()
      .insert()
      .into(Organisation)
      .values({
        id,
        name: "Platform operator",
        taxId: null,
        roles: ["operator"],
        region: null,
        industry: null,
        chainAddress: this.signingKeys.operatorAddress,
        encryptedPrivateKey: this.vault.encrypt(operatorKey),
        onChainStatus: "active",
      })
      .orIgnore()
      .execute();
  }

  async operatorOrganisationId(): Promise<string> {
    const operator = await this.dataSource
      .getRepository(Organisation)
      .findOne({ where: { chainAddress: this.signingKeys.operatorAddress } });
    if (!operator) throw new NotFoundError("OPERATOR_MISSING", "the platform operator organisation is not set up");
    return operator.id;
  }

  async onboard(request: OnboardingRequest): Promise<{ organisation: Organisation; apiKey: string }> {
    const wallet = Wallet.createRandom();
    const taxId = request.taxId?.trim().toUpperCase() ?? null;
    const result = await this.dataSource.transaction(async (manager) => {
      if (taxId && (await manager.getRepository(Organisation).exists({ where: { taxId } }))) {
        throw new ConflictError("ORGANISATION_TAX_ID_TAKEN", `an organisation with tax id ${taxId} is already onboarded`, { taxId });
      }
      const organisation = await manager.getRepository(Organisation).save(
        manager.getRepository(Organisation).create({
          id: randomUUID(),
          name: request.name.trim(),
          taxId,
          roles: request.roles,
          region: request.region ?? null,
          industry: request.industry ?? null,
          chainAddress: wallet.address,
          encryptedPrivateKey: this.vault.encrypt(wallet.privateKey),
          onChainStatus: "pending",
        }),
      );
      const apiKey = await this.apiKeys.issue(manager, organisation.id);
      await this.chainGateway.record(manager, [
        {
          businessKey: `participant.onboard:${organisation.id}`,
          kind: "participant.onboard",
          signer: this.signingKeys.operatorAddress,
          payload: {
            organisationId: organisationIdToBytes16(organisation.id),
            roles: roleBits(request.roles),
            accounts: [wallet.address],
          },
        },
      ]);
      return { organisation, apiKey };
    });
    await this.chainGateway.wake([this.signingKeys.operatorAddress]);
    this.logger.log(`onboarding ${result.organisation.name} (${result.organisation.id})`);
    return result;
  }

  async issueApiKey(organisationId: string): Promise<string> {
    return this.dataSource.transaction(async (manager) => {
      if (!(await manager.getRepository(Organisation).exists({ where: { id: organisationId } }))) {
        throw new NotFoundError("ORGANISATION_NOT_FOUND", `no organisation ${organisationId}`);
      }
      return this.apiKeys.issue(manager, organisationId);
    });
  }

  async get(id: string): Promise<Organisation> {
    const organisation = await this.dataSource.getRepository(Organisation).findOne({ where: { id } });
    if (!organisation) throw new NotFoundError("ORGANISATION_NOT_FOUND", `no organisation ${id}`);
    return organisation;
  }
}
