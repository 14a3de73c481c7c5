import { Injectable } from "@nestjs/common";
import type { EntityManager } from "typeorm";
import type { ChainOperation } from "./chain-operation.entity.js";

/**
 * Lets a business module react, in the same database transaction, when one of its chain operations fails
 * (e.g. the invoices module marks the invoice "issue failed" with the operation's error code). Successes
 * need no handler: the indexer projects them from the contracts' events.
 */
export type FailureHandler = (manager: EntityManager, operations: ChainOperation[]) => Promise<void>;

@Injectable()
export class ChainOutcomes {
  private readonly failureHandlers = new Map<string, FailureHandler>();

  onFailure(kind: string, handler: FailureHandler): void {
    this.failureHandlers.set(kind, handler);
  }

  async failed(manager: EntityManager, operations: ChainOperation[]): Promise<void> {
    const byKind = new Map<string, ChainOperation[]>();
    for (const operation of operations) byKind.set(operation.kind, [...(byKind.get(operation.kind) ?? []), operation]);
    for (const [kind, group] of byKind) await this.failureHandlers.get(kind)?.(manager, group);
  }
}
