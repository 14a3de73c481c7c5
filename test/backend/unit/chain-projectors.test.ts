import "reflect-metadata";
import { describe, expect, it } from "@jest/globals";
import type { EntityManager } from "typeorm";
import { ChainProjectors, type IndexedEvent } from "../../../backend/chain/chain-projectors.js";

const manager = {} as EntityManager;
let logIndex = 0;
const event = (name: string, key: string, contract = "InvoiceRegistry"): IndexedEvent => ({
  contract,
  name,
  args: { key },
  blockNumber: 1,
  logIndex: logIndex++,
  txHash: "0x",
  blockTimestamp: new Date(0),
});

/** Records what each projector saw, in the order it was called. */
function recording() {
  const calls: string[] = [];
  const projectors = new ChainProjectors();
  const batch = (name: string) => async (_: EntityManager, events: IndexedEvent[]) => {
    calls.push(`${name}[${events.map((e) => e.args.key).join(",")}]`);
  };
  const single = (name: string) => async (_: EntityManager, e: IndexedEvent) => {
    calls.push(`${name}(${String(e.args.key)})`);
  };
  return { calls, projectors, batch, single };
}

describe("ChainProjectors", () => {
  it("hands a run of batched events over together, before the next per-event projection", async () => {
    const { calls, projectors, batch, single } = recording();
    projectors.onBatch("Issued", batch("Issued"));
    projectors.onBatch("Consumed", batch("Consumed"));
    projectors.on("Split", single("Split"));
    await projectors.project(manager, [
      event("Consumed", "a"),
      event("Issued", "a"),
      event("Consumed", "b"),
      event("Issued", "b"),
      event("Split", "a"),
      event("Issued", "c"),
    ]);
    expect(calls).toEqual(["Consumed[a,b]", "Issued[a,b]", "Split(a)", "Issued[c]"]);
  });

  it("projects a batch before a later event of a name it must follow joins another batch", async () => {
    const { calls, projectors, batch } = recording();
    projectors.onBatch("Registered", batch("Registered"));
    projectors.onBatch("Attested", batch("Attested"), { after: ["Registered"] });
    // k1 registered in an earlier range; k2 registered and attested in this one.
    await projectors.project(manager, [event("Attested", "k1"), event("Registered", "k2"), event("Attested", "k2")]);
    expect(calls).toEqual(["Attested[k1]", "Registered[k2]", "Attested[k2]"]);
  });

  it("keeps one batch when the events it must follow come first", async () => {
    const { calls, projectors, batch } = recording();
    projectors.onBatch("Registered", batch("Registered"));
    projectors.onBatch("Attested", batch("Attested"), { after: ["Registered"] });
    await projectors.project(manager, [event("Registered", "k1"), event("Registered", "k2"), event("Attested", "k1"), event("Attested", "k2")]);
    expect(calls).toEqual(["Registered[k1,k2]", "Attested[k1,k2]"]);
  });

  it("skips events a registration filters out, without ending a batch", async () => {
    const { calls, projectors, batch, single } = recording();
    projectors.onBatch("Issued", batch("Issued"));
    projectors.on("Transfer", single("Transfer"), (e) => e.args.key !== "mint");
    await projectors.project(manager, [event("Transfer", "mint"), event("Issued", "a"), event("Transfer", "mint"), event("Issued", "b")]);
    expect(calls).toEqual(["Issued[a,b]"]);
    await projectors.project(manager, [event("Issued", "c"), event("Transfer", "move"), event("Issued", "d")]);
    expect(calls).toEqual(["Issued[a,b]", "Issued[c]", "Transfer(move)", "Issued[d]"]);
  });
});
