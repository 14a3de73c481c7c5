import { randomUUID } from "node:crypto";
import { Injectable } from "@nestjs/common";
import { isUUID } from "class-validator";
import { DataSource, type EntityManager, In } from "typeorm";
import { ChainGateway } from "../chain/chain-gateway.service.js";
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from "../common/domain-error.js";
import type { AuthenticatedOrganisation } from "../participants/authenticated-organisation.js";
import { ParticipantsDirectory } from "../participants/participants-directory.service.js";
import { organisationIdToBytes16 } from "../participants/roles.js";
import { VoucherPart } from "../receivables/voucher-part.entity.js";
import { isPartId, isVoucherVisibleTo } from "../receivables/voucher-visibility.js";
import { Voucher } from "../receivables/voucher.entity.js";
import type { CreateFinancingRequest, FinancingRequestGroupView, FinancingRequestView } from "./dto/financing-request.dto.js";
import { CHAIN_FINANCING_KIND, FinancingRequest } from "./financing-request.entity.js";
import { OPEN_STATUSES, financingOfPart } from "./financing-statuses.js";
import { financingRequestView } from "./financing-view-mapping.js";

/**
 * The holder's side: ask one or several banks to finance a part, and withdraw a request no bank has decided.
 * Each request is a row and a `financing.request` chain operation signed by the holder's own account, recorded
 * in one database transaction; the on-chain financing id arrives with the FinancingRequested event.
 */
@Injectable()
export class FinancingRequestsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly gateway: ChainGateway,
    private readonly directory: ParticipantsDirectory,
  ) {}

  async create(
    holder: AuthenticatedOrganisation,
    body: CreateFinancingRequest,
    idempotencyKey: string | undefined,
  ): Promise<FinancingRequestGroupView> {
    const rows = await this.dataSource.transaction(async (manager) => {
      if (idempotencyKey !== undefined) {
        // Serialises retries of one key: the group is several rows, so no single unique index can.
        await manager.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [`financing.request:${holder.id}:${idempotencyKey}`]);
        const replayed = await manager.getRepository(FinancingRequest).find({
          where: { holderOrganisationId: holder.id, idempotencyKey },
          order: { seq: "ASC" },
        });
        if (replayed.length > 0) {
          if (!sameRequest(replayed, body)) {
            throw new ConflictError("IDEMPOTENCY_KEY_REUSED", "this Idempotency-Key was used for a different request", {
              groupId: replayed[0]!.groupId,
            });
          }
          return { rows: replayed, recorded: false };
        }
      }
      return { rows: await this.record(manager, holder, body, idempotencyKey), recorded: true };
    });
    if (rows.recorded) await this.gateway.wake([holder.chainAddress]);
    return { groupId: rows.rows[0]!.groupId, requests: rows.rows.map(financingRequestView) };
  }

  async withdraw(holder: AuthenticatedOrganisation, requestId: string): Promise<FinancingRequestView> {
    const request = await this.dataSource.transaction(async (manager) => {
      const request = isUUID(requestId)
        ? await manager.getRepository(FinancingRequest).findOne({ where: { id: requestId }, lock: { mode: "pessimistic_write" } })
        : null;
      if (!request || (request.holderOrganisationId !== holder.id && request.bankOrganisationId !== holder.id)) {
        throw new NotFoundError("FINANCING_REQUEST_NOT_FOUND", "no such financing request", { requestId });
      }
      if (request.holderOrganisationId !== holder.id) {
        throw new ForbiddenError("FINANCING_NOT_REQUESTER", "only the holder who asked can withdraw a request", { requestId });
      }
      if (request.status === "withdrawing") return request;
      if (request.status !== "requested") {
        throw new ConflictError("FINANCING_REQUEST_NOT_WITHDRAWABLE", `a ${request.status} request cannot be withdrawn`, {
          requestId,
          status: request.status,
        });
      }
      await this.gateway.record(manager, [
        {
          businessKey: `financing.withdraw:${request.id}:${randomUUID()}`,
          kind: "financing.withdraw",
          signer: holder.chainAddress,
          payload: { financingId: request.financingId },
        },
      ]);
      await manager.getRepository(FinancingRequest).update({ id: request.id }, { status: "withdrawing", errorCode: null, errorMessage: null });
      return manager.getRepository(FinancingRequest).findOneByOrFail({ id: request.id });
    });
    await this.gateway.wake([holder.chainAddress]);
    return financingRequestView(request);
  }

  private async record(
    manager: EntityManager,
    holder: AuthenticatedOrganisation,
    body: CreateFinancingRequest,
    idempotencyKey: string | undefined,
  ): Promise<FinancingRequest[]> {
    // The part's row lock orders this against splits and transfers of the same part (they take it too).
    const part = isPartId(body.partId)
      ? await manager.getRepository(VoucherPart).findOne({ where: { id: body.partId }, lock: { mode: "pessimistic_write" } })
      : null;
    const voucher = part ? await manager.getRepository(Voucher).findOne({ where: { id: part.voucherId } }) : null;
    if (!part || !voucher || !(await isVoucherVisibleTo(manager, holder.id, voucher))) {
      throw new NotFoundError("VOUCHER_PART_NOT_FOUND", "no such voucher part", { partId: body.partId });
    }
    if (part.holderOrganisationId !== holder.id || part.status !== "live") {
      throw new ForbiddenError("VOUCHER_PART_NOT_HELD", "only the holder of a live part can ask to finance it", { partId: part.id });
    }
    if (voucher.status !== "active" || voucher.frozen || voucher.maturity.getTime() <= Date.now()) {
      throw new ConflictError("FINANCING_VOUCHER_NOT_FINANCEABLE", "only an active, unfrozen voucher before maturity can be financed", {
        voucherId: voucher.id,
        status: voucher.status,
        frozen: voucher.frozen,
      });
    }
    const amount = this.financedAmount(body, part);
    if (BigInt(body.minAdvance) > BigInt(amount)) {
      throw new ValidationError("FINANCING_MIN_ADVANCE_EXCEEDS_AMOUNT", "minAdvance cannot exceed the amount financed", {
        minAdvance: body.minAdvance,
        amount,
      });
    }
    const banks = await this.requireBanks(manager, body.bankOrganisationIds);
    await this.refuseOpenOrFinanced(manager, part.id, body.bankOrganisationIds);

    const groupId = randomUUID();
    const rows: FinancingRequest[] = [];
    for (const bankId of body.bankOrganisationIds) {
      const id = randomUUID();
      const row = manager.getRepository(FinancingRequest).create({
        id,
        groupId,
        holderOrganisationId: holder.id,
        holderAddress: holder.chainAddress,
        bankOrganisationId: bankId,
        debtorOrganisationId: voucher.debtorOrganisationId,
        voucherId: voucher.id,
        partId: part.id,
        kind: body.kind,
        recourse: body.recourse,
        amount,
        minAdvance: body.minAdvance,
        status: "requesting",
        businessKey: `financing.request:${id}`,
        idempotencyKey: idempotencyKey ?? null,
      });
      await manager.getRepository(FinancingRequest).insert(row);
      await this.gateway.record(manager, [
        {
          businessKey: row.businessKey!,
          kind: "financing.request",
          signer: holder.chainAddress,
          payload: {
            partId: part.id,
            bankOrganisation: organisationIdToBytes16(banks.get(bankId)!),
            kind: CHAIN_FINANCING_KIND[body.kind],
            recourse: body.recourse,
            pledgeAmount: body.kind === "pledge_loan" ? amount : "0",
            minAdvance: body.minAdvance,
          },
        },
      ]);
      rows.push(await manager.getRepository(FinancingRequest).findOneByOrFail({ id }));
    }
    return rows;
  }

  /** Factoring sells the whole part; a loan pledges up to the part's unheld value. */
  private financedAmount(body: CreateFinancingRequest, part: VoucherPart): string {
    const free = BigInt(part.amount) - BigInt(part.heldAmount);
    if (body.kind === "factoring") {
      if (body.pledgeAmount !== undefined) {
        throw new ValidationError("FINANCING_PLEDGE_AMOUNT_UNEXPECTED", "factoring sells the whole part: leave pledgeAmount out", {});
      }
      if (BigInt(part.heldAmount) > 0n) {
        throw new ConflictError("VOUCHER_PART_HELD", "a part under a hold cannot be sold; split off its free value first", {
          partId: part.id,
          heldAmount: part.heldAmount,
        });
      }
      return part.amount;
    }
    if (body.pledgeAmount === undefined) {
      throw new ValidationError("FINANCING_PLEDGE_AMOUNT_REQUIRED", "a pledge loan needs pledgeAmount", {});
    }
    if (BigInt(body.pledgeAmount) > free) {
      throw new ValidationError("VOUCHER_AMOUNT_EXCEEDS_BALANCE", "pledgeAmount exceeds the part's unheld value", {
        partId: part.id,
        available: free.toString(),
        needed: body.pledgeAmount,
      });
    }
    return body.pledgeAmount;
  }

  private async requireBanks(manager: EntityManager, bankIds: readonly string[]): Promise<Map<string, string>> {
    const banks = new Map<string, string>();
    for (const bankId of bankIds) {
      const bank = await this.directory.findById(bankId, manager);
      if (!bank || !bank.roles.includes("bank") || bank.onChainStatus !== "active") {
        throw new ValidationError("FINANCING_BANK_INVALID", "each bank must be an onboarded, active bank", { bankOrganisationId: bankId });
      }
      banks.set(bankId, bank.id);
    }
    return banks;
  }

  private async refuseOpenOrFinanced(manager: EntityManager, partId: string, bankIds: readonly string[]): Promise<void> {
    const financed = await financingOfPart(manager, partId);
    if (financed) {
      throw new ConflictError("VOUCHER_PART_FINANCED", "this part is already financed, or a bank's approval is on its way", {
        partId,
        requestId: financed,
      });
    }
    const open = await manager
      .getRepository(FinancingRequest)
      .findOne({ where: { partId, bankOrganisationId: In([...bankIds]), status: In(OPEN_STATUSES) } });
    if (open) {
      throw new ConflictError("FINANCING_REQUEST_OPEN", "this bank already has an open request for this part", {
        requestId: open.id,
        bankOrganisationId: open.bankOrganisationId,
      });
    }
  }
}

function sameRequest(rows: readonly FinancingRequest[], body: CreateFinancingRequest): boolean {
  const first = rows[0]!;
  const banks = rows.map((row) => row.bankOrganisationId).sort();
  return (
    first.partId === body.partId &&
    first.kind === body.kind &&
    first.recourse === body.recourse &&
    first.minAdvance === body.minAdvance &&
    (body.kind === "factoring" || first.amount === body.pledgeAmount) &&
    JSON.stringify(banks) === JSON.stringify([...body.bankOrganisationIds].sort())
  );
}
