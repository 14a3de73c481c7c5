import { Injectable } from "@nestjs/common";
import type { EntityManager } from "typeorm";

/** A contract event as the indexer hands it to projectors. Values are JSON-safe (bigints as strings). */
export interface IndexedEvent {
  contract: string;
  name: string;
  args: Record<string, unknown>;
  blockNumber: number;
  logIndex: number;
  txHash: string;
  blockTimestamp: Date;
}

export type Projector = (manager: EntityManager, event: IndexedEvent) => Promise<void>;

/**
 * Business modules turn the events they care about into their tables here. Projectors run inside the
 * indexer's database transaction, together with the event rows and the cursor: a block range is projected
 * completely or not at all.
 */
@Injectable()
export class ChainProjectors {
  private readonly projectors = new Map<string, Projector[]>();

  on(eventName: string, projector: Projector): void {
    this.projectors.set(eventName, [...(this.projectors.get(eventName) ?? []), projector]);
  }

  async project(manager: EntityManager, event: IndexedEvent): Promise<void> {
    for (const projector of this.projectors.get(event.name) ?? []) await projector(manager, event);
  }
}
