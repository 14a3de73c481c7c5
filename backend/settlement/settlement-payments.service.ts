import { randomUUID } from "node:crypto";
import { Injectable } from "@nestjs/common";
import { isUUID } from "class-validator";
import { DataSource, type EntityManager } from "typeorm";
import { ChainGateway } from "../chain/chain-gateway.service.js";
import { ChainOperation } from "../chain/chain-operation.entity.js";
import { spendableCash } from "../cash/cash-funds.js";
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from "../common/domain-error.js";
import { isUniqueViolation } from "../common/unique-violation.js";
import type { AuthenticatedOrganisation } from "../participants/authenticated-organisation.js";
import { ParticipantsDirectory } from "../participants/participants-directory.service.js";
import { VoucherPart } from "../receivables/voucher-part.entity.js";
import { isPartId, isVoucherVisibleTo } from "../receivables/voucher-visibility.js";
import { Voucher } from "../receivables/voucher.entity.js";
import type { SettlementPaymentView } from "./dto/settlement-payment.dto.js";
import { SettlementPayment } from "./settlement-payment.entity.js";

/**
 * The debtor pays parts of a voucher from its cash: checked against the indexed state (debtor, status, parts,
 * cash), then recorded with a `voucher.pay` chain operation signed by the debtor's account, in one
 * transaction. What the checks cannot know (a payment executed but not yet indexed, a holder suspended on
 * chain) comes back as the contract's decoded error on the payment.
 */
@Injectable()
export class SettlementPayments {
  constructor(
    private readonly dataSource: DataSource,
    private readonly gateway: ChainGateway,
    private readonly directory: ParticipantsDirectory,
  ) {}

  /** `partIds` absent: every live part of the voucher. */
  async pay(
    debtor: AuthenticatedOrganisation,
    voucherId: string,
    partIds: string[] | undefined,
    idempotencyKey: string | undefined,
  ): Promise<SettlementPaymentView> {
    const replayed = await this.replay(debtor, voucherId, partIds, idempotencyKey);
    if (replayed) return replayed;
    let payment: SettlementPayment;
    try {
      payment = await this.dataSource.transaction((manager) => this.record(manager, debtor, voucherId, partIds, idempotencyKey));
    } catch (error) {
      if (idempotencyKey !== undefined && isUniqueViolation(error, "settlement_payments_idempotency")) {
        return (await this.replay(debtor, voucherId, partIds, idempotencyKey))!;
      }
      throw error;
    }
    await this.gateway.wake([debtor.chainAddress]);
    return this.view(payment);
  }

  async findVisible(organisation: AuthenticatedOrganisation, id: string): Promise<SettlementPaymentView> {
    const payment = isUUID(id)
      ? await this.dataSource.getRepository(SettlementPayment).findOne({ where: { id, organisationId: organisation.id } })
      : null;
    if (!payment) throw new NotFoundError("SETTLEMENT_PAYMENT_NOT_FOUND", "no such payment", { id });
    return this.view(payment);
  }

  private async replay(debtor: AuthenticatedOrganisation, voucherId: string, partIds: string[] | undefined, idempotencyKey: string | undefined) {
    if (idempotencyKey === undefined) return undefined;
    const existing = await this.dataSource
      .getRepository(SettlementPayment)
      .findOne({ where: { organisationId: debtor.id, idempotencyKey } });
    if (!existing) return undefined;
    const same =
      existing.voucherId === voucherId &&
      (partIds === undefined || [...new Set(partIds)].sort().join() === [...existing.partIds].sort().join());
    if (!same) {
      throw new ConflictError("IDEMPOTENCY_KEY_REUSED", "this Idempotency-Key was used for a different request", { paymentId: existing.id });
    }
    return this.view(existing);
  }

  private async record(
    manager: EntityManager,
    debtor: AuthenticatedOrganisation,
    voucherId: string,
    requestedPartIds: string[] | undefined,
    idempotencyKey: string | undefined,
  ): Promise<SettlementPayment> {
    // The voucher's row lock serialises payments of one voucher, so two cannot both pass the pending check.
    const voucher = isPartId(voucherId)
      ? await manager.getRepository(Voucher).findOne({ where: { id: voucherId }, lock: { mode: "pessimistic_write" } })
      : null;
    if (!voucher || !(await isVoucherVisibleTo(manager, debtor.id, voucher))) {
      throw new NotFoundError("VOUCHER_NOT_FOUND", "no such voucher", { voucherId });
    }
    if (voucher.debtorOrganisationId !== debtor.id) {
      throw new ForbiddenError("SETTLEMENT_NOT_DEBTOR", "only the voucher's debtor pays it", { voucherId });
    }
    if (voucher.status === "paid") throw new ConflictError("VOUCHER_ALREADY_PAID", "this voucher is paid", { voucherId });
    if (voucher.frozen) throw new ConflictError("VOUCHER_FROZEN", "a frozen voucher cannot be paid until it is unfrozen", { voucherId });
    await this.refuseWhilePending(manager, voucherId);

    const parts = await this.partsToPay(manager, voucherId, requestedPartIds);
    const amount = parts.reduce((sum, part) => sum + BigInt(part.amount), 0n);
    const organisation = await this.directory.findById(debtor.id, manager);
    if (!organisation || organisation.onChainStatus !== "active") {
      throw new ConflictError("SETTLEMENT_DEBTOR_NOT_ACTIVE", "your organisation is not active on the network", {
        onChainStatus: organisation?.onChainStatus ?? null,
      });
    }
    const spendable = await spendableCash(manager, debtor.chainAddress);
    if (spendable < amount) {
      throw new ConflictError("CASH_INSUFFICIENT", "your cash balance does not cover these parts: pay fewer parts or get cash first", {
        voucherId,
        needed: amount.toString(),
        spendable: spendable.toString(),
      });
    }

    const id = randomUUID();
    const partIds = parts.map((part) => part.id);
    const repository = manager.getRepository(SettlementPayment);
    await repository.insert(
      repository.create({
        id,
        organisationId: debtor.id,
        voucherId,
        partIds,
        amount: amount.toString(),
        businessKey: `voucher.pay:${id}`,
        idempotencyKey: idempotencyKey ?? null,
      }),
    );
    await this.gateway.record(manager, [
      {
        businessKey: `voucher.pay:${id}`,
        kind: "voucher.pay",
        signer: debtor.chainAddress,
        // `amount` is not a call argument: spending checks count it while the payment is pending (cash-funds.ts).
        payload: { voucherId, partIds, amount: amount.toString() },
      },
    ]);
    return repository.findOneByOrFail({ id });
  }

  /** The live parts named (or all of them), refusing parts of other vouchers and parts already paid or split away. */
  private async partsToPay(manager: EntityManager, voucherId: string, requested: string[] | undefined): Promise<VoucherPart[]> {
    const parts = await manager.getRepository(VoucherPart).find({ where: { voucherId }, order: { id: "ASC" } });
    const live = parts.filter((part) => part.status === "live" && BigInt(part.amount) > 0n);
    if (requested === undefined) {
      if (live.length === 0) throw new ConflictError("SETTLEMENT_NOTHING_TO_PAY", "nothing is outstanding on this voucher", { voucherId });
      return live;
    }
    if (new Set(requested).size !== requested.length) {
      throw new ValidationError("SETTLEMENT_PART_DUPLICATE", "each part may appear once", { voucherId });
    }
    const byId = new Map(parts.map((part) => [part.id, part]));
    return requested.map((partId) => {
      const part = byId.get(partId);
      if (!part) throw new ValidationError("SETTLEMENT_PART_NOT_OF_VOUCHER", "this part does not belong to the voucher", { voucherId, partId });
      if (part.status !== "live" || BigInt(part.amount) === 0n) {
        throw new ConflictError("VOUCHER_PART_INACTIVE", "this part was already paid or fully split", { voucherId, partId, status: part.status });
      }
      return part;
    });
  }

  private async refuseWhilePending(manager: EntityManager, voucherId: string): Promise<void> {
    const pending: Array<{ id: string }> = await manager.query(
      `SELECT payment.id FROM settlement_payments payment
         JOIN chain_operations operation ON operation.business_key = payment.business_key
        WHERE payment.voucher_id = $1 AND operation.status IN ('pending', 'sent')
        LIMIT 1`,
      [voucherId],
    );
    if (pending.length > 0) {
      throw new ConflictError("SETTLEMENT_PAYMENT_PENDING", "an earlier payment of this voucher is still being executed", {
        voucherId,
        paymentId: pending[0]!.id,
      });
    }
  }

  private async view(payment: SettlementPayment): Promise<SettlementPaymentView> {
    const operation = await this.dataSource.getRepository(ChainOperation).findOne({ where: { businessKey: payment.businessKey } });
    return {
      id: payment.id,
      voucherId: payment.voucherId,
      partIds: payment.partIds.map(String),
      amount: payment.amount,
      status: operation?.status === "confirmed" ? "confirmed" : operation?.status === "failed" ? "failed" : "pending",
      errorCode: operation?.errorCode ?? null,
      errorMessage: operation?.errorMessage ?? null,
      createdAt: payment.createdAt.toISOString(),
    };
  }
}
