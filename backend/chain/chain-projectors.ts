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
export type BatchProjector = (manager: EntityManager, events: IndexedEvent[]) => Promise<void>;

interface Registration<P> {
  project: P;
  /** Which events of that name it wants, e.g. only one contract's `Transfer`. */
  when: (event: IndexedEvent) => boolean;
}

export interface BatchOptions {
  /** Which events of that name it wants, e.g. only one contract's `Transfer`. */
  when?: (event: IndexedEvent) => boolean;
  /**
   * Batched events this projection must follow when they come first in the log (an attestation after its
   * invoice's registration): a batch is projected before a later event of these names joins another batch.
   */
  after?: readonly string[];
}

/**
 * Business modules turn the events they care about into their tables here. Projectors run inside the
 * indexer's database transaction, together with the event rows and the cursor: a block range is projected
 * completely or not at all.
 *
 * Two kinds, so that a range of thousands of issuances costs a few statements rather than thousands:
 * - `on`: called once per event, in log order. Use it when the projection depends on what earlier events
 *   wrote (a split needs its parent's row) or must come before later ones.
 * - `onBatch`: called with every event of that name from a run of events between two per-event
 *   projections, in log order, before the next per-event projection runs. Batches are projected in the order
 *   their first events came, so a batch may run before another name's batch whose events came first: use it
 *   for events whose projection touches rows no other batch projector touches (a voucher's own insert), or
 *   name the events it must follow in `after`.
 */
@Injectable()
export class ChainProjectors {
  private readonly single = new Map<string, Array<Registration<Projector>>>();
  private readonly batched = new Map<string, Array<Registration<BatchProjector> & { after: readonly string[] }>>();

  on(eventName: string, project: Projector, when: (event: IndexedEvent) => boolean = () => true): void {
    this.single.set(eventName, [...(this.single.get(eventName) ?? []), { project, when }]);
  }

  onBatch(eventName: string, project: BatchProjector, { when = () => true, after = [] }: BatchOptions = {}): void {
    this.batched.set(eventName, [...(this.batched.get(eventName) ?? []), { project, when, after }]);
  }

  /** Projects a block range's events, in log order. */
  async project(manager: EntityManager, events: readonly IndexedEvent[]): Promise<void> {
    const pending = new Map<Registration<BatchProjector> & { after: readonly string[] }, IndexedEvent[]>();
    const flush = async () => {
      for (const [registration, batch] of pending) await registration.project(manager, batch);
      pending.clear();
    };
    for (const event of events) {
      // A batch waiting for events it must follow would otherwise be projected before this one.
      if ([...pending.keys()].some((registration) => registration.after.includes(event.name))) await flush();
      for (const registration of this.batched.get(event.name) ?? []) {
        if (!registration.when(event)) continue;
        const batch = pending.get(registration);
        if (batch) batch.push(event);
        else pending.set(registration, [event]);
      }
      const singles = (this.single.get(event.name) ?? []).filter((registration) => registration.when(event));
      if (singles.length === 0) continue;
      await flush();
      for (const registration of singles) await registration.project(manager, event);
    }
    await flush();
  }
}
