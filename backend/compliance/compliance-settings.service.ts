import { randomUUID } from "node:crypto";
import { Injectable } from "@nestjs/common";
import { isUUID } from "class-validator";
import { DataSource } from "typeorm";
import { ChainGateway, type ChainWriteRequest } from "../chain/chain-gateway.service.js";
import { ChainOperation } from "../chain/chain-operation.entity.js";
import { ForbiddenError, NotFoundError } from "../common/domain-error.js";
import type { AuthenticatedOrganisation } from "../participants/authenticated-organisation.js";
import { ParticipantsDirectory } from "../participants/participants-directory.service.js";
import type { Role } from "../participants/roles.js";
import { organisationIdToBytes16 } from "../participants/roles.js";
import { ComplianceRulesReader } from "./compliance-rules.reader.js";
import type { ComplianceInstructionView, ExposureView, GuarantorCapacityView } from "./dto/compliance.dto.js";

/**
 * The regulator's settings, sent on chain signed by the regulator's own account (ComplianceRules accepts them
 * only from a regulator), and reads of them for the regulator and the party they concern.
 */
@Injectable()
export class ComplianceSettingsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly gateway: ChainGateway,
    private readonly directory: ParticipantsDirectory,
    private readonly reader: ComplianceRulesReader,
  ) {}

  async setExposureLimit(
    regulator: AuthenticatedOrganisation,
    bankId: string,
    debtorId: string,
    limit: string,
    idempotencyKey: string | undefined,
  ): Promise<ComplianceInstructionView> {
    await this.requireOrganisation(bankId, "bank");
    await this.requireOrganisation(debtorId);
    return this.send(regulator, idempotencyKey, {
      kind: "compliance.setExposureLimit",
      payload: { bankOrganisation: organisationIdToBytes16(bankId), debtorOrganisation: organisationIdToBytes16(debtorId), limit },
    });
  }

  async setGuarantorCapacity(
    regulator: AuthenticatedOrganisation,
    guarantorId: string,
    capacity: string,
    idempotencyKey: string | undefined,
  ): Promise<ComplianceInstructionView> {
    await this.requireOrganisation(guarantorId, "guarantor");
    return this.send(regulator, idempotencyKey, {
      kind: "compliance.setGuarantorCapacity",
      payload: { guarantorOrganisation: organisationIdToBytes16(guarantorId), capacity },
    });
  }

  async exposure(caller: AuthenticatedOrganisation, bankId: string, debtorId: string): Promise<ExposureView> {
    if (!caller.roles.includes("regulator") && caller.id !== bankId) {
      throw new ForbiddenError("EXPOSURE_NOT_VISIBLE", "only the regulator and the bank itself see a bank's exposure", { bankId });
    }
    await this.requireOrganisation(bankId, "bank");
    await this.requireOrganisation(debtorId);
    const { exposure, limit } = await this.reader.exposure(bankId, debtorId);
    return { bankOrganisationId: bankId, debtorOrganisationId: debtorId, exposure: exposure.toString(), limit: limit.toString() };
  }

  async guarantorCapacity(caller: AuthenticatedOrganisation, guarantorId: string): Promise<GuarantorCapacityView> {
    if (!caller.roles.includes("regulator") && caller.id !== guarantorId) {
      throw new ForbiddenError("CAPACITY_NOT_VISIBLE", "only the regulator and the guarantor itself see its capacity", { guarantorId });
    }
    await this.requireOrganisation(guarantorId, "guarantor");
    const { capacity, used } = await this.reader.guarantorCapacity(guarantorId);
    return { guarantorOrganisationId: guarantorId, capacity: capacity.toString(), used: used.toString() };
  }

  async instruction(regulator: AuthenticatedOrganisation, operationId: string): Promise<ComplianceInstructionView> {
    const operation = isUUID(operationId)
      ? await this.dataSource.getRepository(ChainOperation).findOne({ where: { id: operationId, signerAddress: regulator.chainAddress } })
      : null;
    if (!operation || !operation.kind.startsWith("compliance.")) {
      throw new NotFoundError("COMPLIANCE_INSTRUCTION_NOT_FOUND", "no such instruction of yours", { operationId });
    }
    return { operationId: operation.id, status: operation.status, errorCode: operation.errorCode };
  }

  /**
   * Each setting is a new business action; with an Idempotency-Key a retry maps onto the same operation (its
   * business key), so it is recorded once and the retry is answered with its state.
   */
  private async send(
    regulator: AuthenticatedOrganisation,
    idempotencyKey: string | undefined,
    write: Pick<ChainWriteRequest, "kind" | "payload">,
  ): Promise<ComplianceInstructionView> {
    const businessKey = `${write.kind}:${regulator.id}:${idempotencyKey ?? randomUUID()}`;
    await this.dataSource.transaction((manager) =>
      this.gateway.record(manager, [{ businessKey, signer: regulator.chainAddress, ...write }]),
    );
    await this.gateway.wake([regulator.chainAddress]);
    const operation = await this.dataSource.getRepository(ChainOperation).findOneByOrFail({ businessKey });
    return { operationId: operation.id, status: operation.status, errorCode: operation.errorCode };
  }

  private async requireOrganisation(id: string, role?: Role): Promise<void> {
    const organisation = isUUID(id) ? await this.directory.findById(id) : null;
    if (!organisation || (role !== undefined && !organisation.roles.includes(role))) {
      throw new NotFoundError("ORGANISATION_NOT_FOUND", role ? `no ${role} organisation with this id` : "no organisation with this id", {
        organisationId: id,
      });
    }
  }
}
