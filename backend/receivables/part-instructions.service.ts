import { randomUUID } from "node:crypto";
import { Injectable } from "@nestjs/common";
import { isUUID } from "class-validator";
import { DataSource, type EntityManager } from "typeorm";
import { ChainGateway } from "../chain/chain-gateway.service.js";
import { ChainOperation } from "../chain/chain-operation.entity.js";
import { ConflictError, ForbiddenError, NotFoundError } from "../common/domain-error.js";
import { isUniqueViolation } from "../common/unique-violation.js";
import type { AuthenticatedOrganisation } from "../participants/authenticated-organisation.js";
import { ParticipantsDirectory } from "../participants/participants-directory.service.js";
import type { PartInstructionView } from "./dto/part-instruction.dto.js";
import { type InstructionRecipient, PartInstruction } from "./part-instruction.entity.js";
import { type PartMove, checkPartMove } from "./part-move-checks.js";
import { VoucherPart } from "./voucher-part.entity.js";
import { isPartId, isVoucherVisibleTo } from "./voucher-visibility.js";
import { Voucher } from "./voucher.entity.js";

/**
 * A holder splits or transfers a part: checked against the indexed state, then recorded as an instruction
 * and a `voucher.split` / `voucher.transfer` chain operation signed by the holder, in one transaction.
 */
@Injectable()
export class PartInstructionsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly gateway: ChainGateway,
    private readonly directory: ParticipantsDirectory,
  ) {}

  async instruct(
    holder: AuthenticatedOrganisation,
    partId: string,
    move: PartMove,
    idempotencyKey: string | undefined,
  ): Promise<PartInstructionView> {
    const replayed = await this.replay(holder, partId, move, idempotencyKey);
    if (replayed) return replayed;
    let instruction: PartInstruction;
    try {
      instruction = await this.dataSource.transaction((manager) => this.record(manager, holder, partId, move, idempotencyKey));
    } catch (error) {
      // The same key raced in from a retry: answer from the request that won.
      if (idempotencyKey !== undefined && isUniqueViolation(error, "part_instructions_idempotency")) {
        return (await this.replay(holder, partId, move, idempotencyKey))!;
      }
      throw error;
    }
    await this.gateway.wake([holder.chainAddress]);
    return this.view(instruction);
  }

  async findVisible(organisation: AuthenticatedOrganisation, id: string): Promise<PartInstructionView> {
    const instruction = isUUID(id)
      ? await this.dataSource.getRepository(PartInstruction).findOne({ where: { id, organisationId: organisation.id } })
      : null;
    if (!instruction) throw new NotFoundError("INSTRUCTION_NOT_FOUND", "no such instruction", { id });
    return this.view(instruction);
  }

  private async replay(holder: AuthenticatedOrganisation, partId: string, move: PartMove, idempotencyKey: string | undefined) {
    if (idempotencyKey === undefined) return undefined;
    const existing = await this.dataSource
      .getRepository(PartInstruction)
      .findOne({ where: { organisationId: holder.id, idempotencyKey } });
    if (!existing) return undefined;
    if (!sameRequest(existing, partId, move)) {
      throw new ConflictError("IDEMPOTENCY_KEY_REUSED", "this Idempotency-Key was used for a different request", {
        instructionId: existing.id,
      });
    }
    return this.view(existing);
  }

  private async record(
    manager: EntityManager,
    holder: AuthenticatedOrganisation,
    partId: string,
    move: PartMove,
    idempotencyKey: string | undefined,
  ): Promise<PartInstruction> {
    // The row lock serialises instructions on one part, so two cannot both pass the pending check below.
    const part = isPartId(partId)
      ? await manager.getRepository(VoucherPart).findOne({ where: { id: partId }, lock: { mode: "pessimistic_write" } })
      : null;
    const voucher = part ? await manager.getRepository(Voucher).findOne({ where: { id: part.voucherId } }) : null;
    if (!part || !voucher || !(await isVoucherVisibleTo(manager, holder.id, voucher))) {
      throw new NotFoundError("VOUCHER_PART_NOT_FOUND", "no such voucher part", { partId });
    }
    if (part.holderOrganisationId !== holder.id) {
      throw new ForbiddenError("VOUCHER_PART_NOT_HELD", "only the part's holder can split or transfer it", { partId });
    }
    const amounts = checkPartMove(part, voucher, move, holder.id);
    await this.requireActive(manager, holder.id, "SENDER_NOT_VERIFIED", "your organisation is not active on the network");
    const recipients: InstructionRecipient[] = [];
    for (const [index, piece] of move.pieces.entries()) {
      const address = await this.requireActive(
        manager,
        piece.recipientOrganisationId,
        "RECIPIENT_NOT_VERIFIED",
        "the recipient is not an onboarded, active organisation",
      );
      recipients.push({ organisationId: piece.recipientOrganisationId, address, amount: amounts[index]! });
    }
    await this.refuseWhilePending(manager, partId);

    const id = randomUUID();
    const instruction = manager.getRepository(PartInstruction).create({
      id,
      organisationId: holder.id,
      kind: move.kind,
      partId,
      recipients,
      businessKey: `voucher.${move.kind}:${id}`,
      idempotencyKey: idempotencyKey ?? null,
    });
    await manager.getRepository(PartInstruction).insert(instruction);
    await this.gateway.record(manager, [
      {
        businessKey: instruction.businessKey,
        kind: move.kind === "split" ? "voucher.split" : "voucher.transfer",
        signer: holder.chainAddress,
        payload:
          move.kind === "split"
            ? { partId, amounts: recipients.map((r) => r.amount), recipients: recipients.map((r) => r.address) }
            : { partId, to: recipients[0]!.address },
      },
    ]);
    return manager.getRepository(PartInstruction).findOneByOrFail({ id });
  }

  /** The organisation's signing account, if it is onboarded and active on chain. */
  private async requireActive(manager: EntityManager, organisationId: string, code: string, message: string): Promise<string> {
    const organisation = await this.directory.findById(organisationId, manager);
    if (!organisation || organisation.onChainStatus !== "active") {
      throw new ConflictError(code, message, { organisationId, onChainStatus: organisation?.onChainStatus ?? null });
    }
    return organisation.chainAddress;
  }

  /** A move still on its way to the chain would change the part under this one's feet. */
  private async refuseWhilePending(manager: EntityManager, partId: string): Promise<void> {
    const pending: Array<{ id: string }> = await manager.query(
      `SELECT instruction.id FROM part_instructions instruction
         JOIN chain_operations operation ON operation.business_key = instruction.business_key
        WHERE instruction.part_id = $1 AND operation.status IN ('pending', 'sent')
        LIMIT 1`,
      [partId],
    );
    if (pending.length > 0) {
      throw new ConflictError("PART_INSTRUCTION_PENDING", "an earlier split or transfer of this part is still being executed", {
        partId,
        instructionId: pending[0]!.id,
      });
    }
  }

  private async view(instruction: PartInstruction): Promise<PartInstructionView> {
    const operation = await this.dataSource
      .getRepository(ChainOperation)
      .findOne({ where: { businessKey: instruction.businessKey } });
    const status = operation?.status === "confirmed" ? "confirmed" : operation?.status === "failed" ? "failed" : "pending";
    return {
      id: instruction.id,
      kind: instruction.kind,
      partId: instruction.partId,
      recipients: instruction.recipients,
      status,
      errorCode: operation?.errorCode ?? null,
      errorMessage: operation?.errorMessage ?? null,
      createdAt: instruction.createdAt.toISOString(),
    };
  }
}

function sameRequest(instruction: PartInstruction, partId: string, move: PartMove): boolean {
  return (
    instruction.kind === move.kind &&
    instruction.partId === partId &&
    instruction.recipients.length === move.pieces.length &&
    instruction.recipients.every(
      (recipient, index) =>
        recipient.organisationId === move.pieces[index]!.recipientOrganisationId &&
        (move.pieces[index]!.amount === undefined || recipient.amount === move.pieces[index]!.amount),
    )
  );
}
