import { randomUUID } from "node:crypto";
import { Injectable } from "@nestjs/common";
import { isUUID } from "class-validator";
import { DataSource, type EntityManager } from "typeorm";
import { ChainGateway } from "../chain/chain-gateway.service.js";
import { ChainOperation } from "../chain/chain-operation.entity.js";
import { ConflictError, NotFoundError } from "../common/domain-error.js";
import { isUniqueViolation } from "../common/unique-violation.js";
import type { AuthenticatedOrganisation } from "../participants/authenticated-organisation.js";
import { ParticipantsDirectory } from "../participants/participants-directory.service.js";
import { spendableCash } from "./cash-funds.js";
import { CashInstruction } from "./cash-instruction.entity.js";
import type { CashInstructionView } from "./dto/cash-instruction.dto.js";

export type CashRequest = { kind: "mint"; amount: string; recipientOrganisationId: string } | { kind: "burn"; amount: string };

/**
 * A bank mints cash against a deposit (to itself or to the depositor) or burns its own on a withdrawal:
 * checked against the indexed state, then recorded with a `cash.mint` / `cash.burn` chain operation signed
 * by the bank's own account (CashToken lets only banks call either), in one transaction.
 */
@Injectable()
export class CashInstructions {
  constructor(
    private readonly dataSource: DataSource,
    private readonly gateway: ChainGateway,
    private readonly directory: ParticipantsDirectory,
  ) {}

  async instruct(bank: AuthenticatedOrganisation, request: CashRequest, idempotencyKey: string | undefined): Promise<CashInstructionView> {
    const replayed = await this.replay(bank, request, idempotencyKey);
    if (replayed) return replayed;
    let instruction: CashInstruction;
    try {
      instruction = await this.dataSource.transaction((manager) => this.record(manager, bank, request, idempotencyKey));
    } catch (error) {
      if (idempotencyKey !== undefined && isUniqueViolation(error, "cash_instructions_idempotency")) {
        return (await this.replay(bank, request, idempotencyKey))!;
      }
      throw error;
    }
    await this.gateway.wake([bank.chainAddress]);
    return this.view(instruction);
  }

  async findVisible(organisation: AuthenticatedOrganisation, id: string): Promise<CashInstructionView> {
    const instruction = isUUID(id)
      ? await this.dataSource.getRepository(CashInstruction).findOne({ where: { id, organisationId: organisation.id } })
      : null;
    if (!instruction) throw new NotFoundError("CASH_INSTRUCTION_NOT_FOUND", "no such cash instruction", { id });
    return this.view(instruction);
  }

  private async replay(bank: AuthenticatedOrganisation, request: CashRequest, idempotencyKey: string | undefined) {
    if (idempotencyKey === undefined) return undefined;
    const existing = await this.dataSource.getRepository(CashInstruction).findOne({ where: { organisationId: bank.id, idempotencyKey } });
    if (!existing) return undefined;
    const same =
      existing.kind === request.kind &&
      existing.amount === request.amount &&
      (request.kind === "burn" || existing.recipientOrganisationId === request.recipientOrganisationId);
    if (!same) {
      throw new ConflictError("IDEMPOTENCY_KEY_REUSED", "this Idempotency-Key was used for a different request", {
        instructionId: existing.id,
      });
    }
    return this.view(existing);
  }

  private async record(
    manager: EntityManager,
    bank: AuthenticatedOrganisation,
    request: CashRequest,
    idempotencyKey: string | undefined,
  ): Promise<CashInstruction> {
    await this.requireActive(manager, bank.id, "CASH_SENDER_NOT_VERIFIED", "your organisation is not active on the network");
    let recipientAddress: string | null = null;
    if (request.kind === "mint") {
      recipientAddress = await this.requireActive(
        manager,
        request.recipientOrganisationId,
        "CASH_RECIPIENT_NOT_VERIFIED",
        "the recipient is not an onboarded, active organisation",
      );
    } else {
      const spendable = await spendableCash(manager, bank.chainAddress);
      if (spendable < BigInt(request.amount)) {
        throw new ConflictError("CASH_INSUFFICIENT", "the bank's own cash balance does not cover this burn", {
          amount: request.amount,
          spendable: spendable.toString(),
        });
      }
    }
    const id = randomUUID();
    const repository = manager.getRepository(CashInstruction);
    await repository.insert(
      repository.create({
        id,
        organisationId: bank.id,
        kind: request.kind,
        recipientOrganisationId: request.kind === "mint" ? request.recipientOrganisationId : null,
        recipientAddress,
        amount: request.amount,
        businessKey: `cash.${request.kind}:${id}`,
        idempotencyKey: idempotencyKey ?? null,
      }),
    );
    await this.gateway.record(manager, [
      {
        businessKey: `cash.${request.kind}:${id}`,
        kind: request.kind === "mint" ? "cash.mint" : "cash.burn",
        signer: bank.chainAddress,
        payload: request.kind === "mint" ? { to: recipientAddress, amount: request.amount } : { amount: request.amount },
      },
    ]);
    return repository.findOneByOrFail({ id });
  }

  private async requireActive(manager: EntityManager, organisationId: string, code: string, message: string): Promise<string> {
    const organisation = await this.directory.findById(organisationId, manager);
    if (!organisation || organisation.onChainStatus !== "active") {
      throw new ConflictError(code, message, { organisationId, onChainStatus: organisation?.onChainStatus ?? null });
    }
    return organisation.chainAddress;
  }

  private async view(instruction: CashInstruction): Promise<CashInstructionView> {
    const operation = await this.dataSource.getRepository(ChainOperation).findOne({ where: { businessKey: instruction.businessKey } });
    return {
      id: instruction.id,
      kind: instruction.kind,
      amount: instruction.amount,
      recipientOrganisationId: instruction.recipientOrganisationId,
      recipientAddress: instruction.recipientAddress,
      status: operation?.status === "confirmed" ? "confirmed" : operation?.status === "failed" ? "failed" : "pending",
      errorCode: operation?.errorCode ?? null,
      errorMessage: operation?.errorMessage ?? null,
      createdAt: instruction.createdAt.toISOString(),
    };
  }
}
