import { randomUUID } from "node:crypto";
import { Injectable, type OnModuleInit } from "@nestjs/common";
import { isUUID } from "class-validator";
import { DataSource, type EntityManager, In } from "typeorm";
import { ChainGateway } from "../chain/chain-gateway.service.js";
import type { ChainOperation } from "../chain/chain-operation.entity.js";
import { ChainOutcomes } from "../chain/chain-outcomes.js";
import { ConflictError, NotFoundError } from "../common/domain-error.js";
import { isUniqueViolation } from "../common/unique-violation.js";
import type { AuthenticatedOrganisation } from "../participants/authenticated-organisation.js";
import { ParticipantsDirectory } from "../participants/participants-directory.service.js";
import { Confirmation } from "./confirmation.entity.js";
import type { PayableToConfirm } from "./dto/confirm-payables.dto.js";
import { InvoiceFactsReader } from "./invoice-facts.js";
import { type CheckedPayable, checkPayables } from "./payable-checks.js";

/**
 * A core enterprise confirms payables: each becomes a confirmation and a `voucher.issue` chain operation
 * signed by the debtor's account, in one database transaction. The writer puts up to 50 of one signer's
 * issues in one transaction; the indexer marks confirmations issued, the failure handler marks them failed.
 */
@Injectable()
export class ConfirmationsService implements OnModuleInit {
  constructor(
    private readonly dataSource: DataSource,
    private readonly gateway: ChainGateway,
    private readonly outcomes: ChainOutcomes,
    private readonly invoiceFacts: InvoiceFactsReader,
    private readonly directory: ParticipantsDirectory,
  ) {}

  onModuleInit(): void {
    this.outcomes.onFailure("voucher.issue", (manager, operations) => this.markFailed(manager, operations));
  }

  async confirm(debtor: AuthenticatedOrganisation, items: readonly PayableToConfirm[]): Promise<Confirmation[]> {
    const facts = await this.invoiceFacts.lookup(items.map((item) => item.invoiceKey));
    const sellerAccounts = new Map<string, string>();
    for (const sellerId of new Set([...facts.values()].map((fact) => fact.sellerOrganisationId))) {
      const seller = await this.directory.findById(sellerId);
      if (seller) sellerAccounts.set(sellerId, seller.chainAddress);
    }
    const payables = checkPayables(items, { debtorOrganisationId: debtor.id, facts, sellerAccounts, now: new Date() });

    let confirmations: Confirmation[];
    try {
      confirmations = await this.record(debtor, payables);
    } catch (error) {
      // A concurrent request recorded one of these first: a second pass finds it and answers from it.
      if (!isUniqueViolation(error, "confirmations_live")) throw error;
      confirmations = await this.record(debtor, payables);
    }
    await this.gateway.wake([debtor.chainAddress]);
    return confirmations;
  }

  /** Visible to the debtor that confirmed it and to the seller it names. */
  async findVisible(organisation: AuthenticatedOrganisation, id: string): Promise<Confirmation> {
    const confirmation = isUUID(id)
      ? await this.dataSource.getRepository(Confirmation).findOne({ where: { id } })
      : null;
    const visible =
      confirmation !== null &&
      (confirmation.debtorOrganisationId === organisation.id || confirmation.holderAddress === organisation.chainAddress);
    if (!visible) throw new NotFoundError("CONFIRMATION_NOT_FOUND", "no such confirmation", { id });
    return confirmation;
  }

  private record(debtor: AuthenticatedOrganisation, payables: CheckedPayable[]): Promise<Confirmation[]> {
    return this.dataSource.transaction(async (manager) => {
      const repository = manager.getRepository(Confirmation);
      const live = await repository.find({
        where: { debtorOrganisationId: debtor.id, invoiceKey: In(payables.map((payable) => payable.invoiceKey)), status: In(["pending", "issued"]) },
      });
      const liveByKey = new Map(live.map((confirmation) => [confirmation.invoiceKey, confirmation]));
      const created: Confirmation[] = [];
      const result = payables.map((payable, index) => {
        const existing = liveByKey.get(payable.invoiceKey);
        if (existing) return sameTerms(existing, payable) ? existing : conflict(existing, index);
        const id = randomUUID();
        const confirmation = repository.create({
          id,
          invoiceKey: payable.invoiceKey,
          debtorOrganisationId: debtor.id,
          holderAddress: payable.holder,
          faceValue: payable.faceValue,
          maturity: payable.maturity,
          status: "pending",
          // Per confirmation, not per invoice: a refused confirmation (not yet attested, or someone else's
          // invoice) must not take the key that the debtor's later, valid confirmation needs.
          businessKey: `voucher.issue:${payable.invoiceKey}:${id}`,
        });
        created.push(confirmation);
        return confirmation;
      });
      if (created.length > 0) {
        await repository.insert(created);
        await this.gateway.record(
          manager,
          created.map((confirmation) => ({
            businessKey: confirmation.businessKey,
            kind: "voucher.issue" as const,
            signer: debtor.chainAddress,
            payload: {
              invoiceKey: confirmation.invoiceKey,
              holder: confirmation.holderAddress,
              faceValue: confirmation.faceValue,
              maturity: Math.floor(confirmation.maturity.getTime() / 1000).toString(),
            },
          })),
        );
      }
      const stored = new Map((await repository.findBy({ id: In(result.map((row) => row.id)) })).map((row) => [row.id, row]));
      return result.map((row) => stored.get(row.id)!);
    });
  }

  private async markFailed(manager: EntityManager, operations: ChainOperation[]): Promise<void> {
    for (const operation of operations) {
      await manager.getRepository(Confirmation).update(
        { businessKey: operation.businessKey, status: "pending" },
        { status: "failed", errorCode: operation.errorCode, errorMessage: operation.errorMessage },
      );
    }
  }
}

function sameTerms(existing: Confirmation, payable: CheckedPayable): boolean {
  return (
    existing.faceValue === payable.faceValue &&
    existing.maturity.getTime() === payable.maturity.getTime() &&
    existing.holderAddress === payable.holder
  );
}

function conflict(existing: Confirmation, index: number): never {
  throw new ConflictError("CONFIRMATION_EXISTS", "this invoice already has a confirmation with other terms", {
    index,
    invoiceKey: existing.invoiceKey,
    confirmationId: existing.id,
    status: existing.status,
  });
}
