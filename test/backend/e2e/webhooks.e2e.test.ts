import "reflect-metadata";
import { afterAll, beforeAll, describe, expect, it } from "@jest/globals";
import request from "supertest";
import { DataSource } from "typeorm";
import { type TestApp, createTestApp } from "./app.js";
import { type Participant, onboardActive, operatorApiKey } from "./fixtures/participants.js";
import { type WebhookReceiver, startWebhookReceiver } from "./fixtures/webhook-receiver.js";
import { waitFor } from "./wait-for.js";

// Signed webhooks end to end: chain events -> indexer -> publisher (outbox rows in the projector's
// transaction) -> delivery sweep -> a real HTTP receiver in this process, which refuses the first two attempts
// of every event. Every event must arrive exactly once accepted, correctly signed, to its own organisation only.

const FAIL_FIRST = 2;

describe("webhooks: signed, retried, logged, replayable deliveries", () => {
  let testApp: TestApp;
  let dataSource: DataSource;
  let receiver: WebhookReceiver;
  let bank: Participant, supplier: Participant, bystander: Participant;
  const subscriptionIds: Record<string, string> = {};

  const http = () => request(testApp.app.getHttpServer());
  const as = (participant: Participant) => ({ Authorization: `Bearer ${participant.apiKey}` });
  const subscribe = async (participant: Participant, path: string, eventTypes: string[]) => {
    const created = await http().post("/v1/webhooks/subscriptions").set(as(participant)).send({ url: receiver.url(path), eventTypes }).expect(201);
    expect(created.body).toMatchObject({ url: receiver.url(path), active: true, secret: expect.stringMatching(/^whsec_/) });
    receiver.secrets.set(path, created.body.secret);
    subscriptionIds[path] = created.body.id;
  };
  const mint = async (amount: string, recipient: Participant) => {
    const accepted = await http().post("/v1/cash/mint").set(as(bank)).send({ amount, recipientOrganisationId: recipient.id }).expect(202);
    return accepted.body.id as string;
  };
  const allDeliveries = async (participant: Participant) => {
    const items: Array<{ id: string; status: string; eventKey: string; eventType: string; subscriptionId: string }> = [];
    let cursor: string | null = null;
    do {
      const page: request.Response = await http()
        .get(`/v1/webhooks/deliveries?limit=2${cursor ? `&cursor=${cursor}` : ""}`)
        .set(as(participant))
        .expect(200);
      items.push(...page.body.items);
      cursor = page.body.nextCursor;
    } while (cursor !== null);
    return items;
  };

  beforeAll(async () => {
    testApp = await createTestApp((config) => ({ ...config, webhookSweepEveryMs: 100, webhookRetryBaseMs: 100, webhookMaxAttempts: 5 }));
    dataSource = testApp.app.get(DataSource);
    receiver = await startWebhookReceiver({ failFirst: FAIL_FIRST });
    [bank, supplier, bystander] = await onboardActive(testApp.app, await operatorApiKey(testApp.app), [
      { name: "Hankou Bank", roles: ["bank"] },
      { name: "Jianghan Parts Co.", roles: ["supplier"] },
      { name: "Wuchang Textiles", roles: ["supplier"] },
    ]);
    await subscribe(bank, "/bank/all", ["cash.minted", "cash.burned"]);
    await subscribe(bank, "/bank/burns", ["cash.burned"]);
    await subscribe(supplier, "/supplier", ["cash.minted", "cash.received"]);
    await subscribe(bystander, "/bystander", ["cash.minted", "cash.burned", "cash.received"]);
  }, 120_000);
  afterAll(async () => {
    await testApp?.close();
    await receiver?.close();
  });

  it("delivers every event once to each matching subscription of its own organisation, after retrying refused attempts", async () => {
    const instructions = [await mint("1000", bank), await mint("2000", bank), await mint("300", supplier), await mint("400", supplier)];
    for (const id of instructions) {
      await waitFor(() => http().get(`/v1/cash/instructions/${id}`).set(as(bank)), (response) => response.body.status === "confirmed");
    }
    // "confirmed" is the receipt; the burn's balance check reads what the indexer has written since.
    await waitFor(() => http().get("/v1/cash/balance").set(as(bank)), (response) => BigInt(response.body.balance) >= 3000n);
    const burn = await http().post("/v1/cash/burn").set(as(bank)).send({ amount: "500" }).expect(202);
    await waitFor(() => http().get(`/v1/cash/instructions/${burn.body.id}`).set(as(bank)), (response) => response.body.status === "confirmed");

    const expected = { "/bank/all": 5, "/bank/burns": 1, "/supplier": 2, "/bystander": 0 };
    const bankDeliveries = await waitFor(
      () => allDeliveries(bank),
      (items) => items.length === 6 && items.every((item) => item.status === "delivered"),
    );
    const supplierDeliveries = await waitFor(
      () => allDeliveries(supplier),
      (items) => items.length === 2 && items.every((item) => item.status === "delivered"),
    );
    expect(new Set(bankDeliveries.map((item) => item.id)).size).toBe(6);
    expect(supplierDeliveries.map((item) => item.eventType)).toEqual(["cash.minted", "cash.minted"]);
    expect((await allDeliveries(bystander)).length).toBe(0);

    for (const [path, count] of Object.entries(expected)) {
      const accepted = receiver.accepted().filter((item) => item.path === path);
      expect([path, accepted.length]).toEqual([path, count]);
      // No event accepted twice, and every accepted one took exactly FAIL_FIRST refusals first.
      expect(new Set(accepted.map((item) => item.eventId)).size).toBe(count);
      for (const item of accepted) {
        const attempts = receiver.received.filter((other) => other.path === path && other.eventId === item.eventId);
        expect(attempts.map((attempt) => attempt.answered)).toEqual([500, 500, 200]);
      }
    }
    expect(receiver.received.every((item) => item.signatureValid)).toBe(true);
    const bankOwn = receiver.accepted().filter((item) => item.path.startsWith("/bank/"));
    expect(bankOwn.every((item) => item.organisationId === bank.id && item.data.bankOrganisationId === bank.id)).toBe(true);
    const supplierOwn = receiver.accepted().filter((item) => item.path === "/supplier");
    expect(supplierOwn.every((item) => item.organisationId === supplier.id && item.data.toOrganisationId === supplier.id)).toBe(true);
    expect(supplierOwn.map((item) => item.data.amount).sort()).toEqual(["300", "400"]);
  });

  it("logs every attempt of a delivery, and hides it from other organisations", async () => {
    const [delivery] = (await allDeliveries(supplier)).filter((item) => item.eventType === "cash.minted");
    const detail = await http().get(`/v1/webhooks/deliveries/${delivery!.id}`).set(as(supplier)).expect(200);
    expect(detail.body).toMatchObject({ status: "delivered", attempts: 3, replays: 0, lastStatusCode: 200, subscriptionId: subscriptionIds["/supplier"] });
    expect(detail.body.attemptLog.map((attempt: { number: number; statusCode: number; succeeded: boolean }) => [
      attempt.number,
      attempt.statusCode,
      attempt.succeeded,
    ])).toEqual([
      [1, 500, false],
      [2, 500, false],
      [3, 200, true],
    ]);
    const hidden = await http().get(`/v1/webhooks/deliveries/${delivery!.id}`).set(as(bank)).expect(404);
    expect(hidden.body.error.code).toBe("WEBHOOK_DELIVERY_NOT_FOUND");
    await http().post(`/v1/webhooks/deliveries/${delivery!.id}/replay`).set(as(bank)).expect(404);
    const listed = await http().get("/v1/webhooks/subscriptions").set(as(supplier)).expect(200);
    expect(listed.body.items).toEqual([expect.not.objectContaining({ secret: expect.anything() })]);
  });

  it("replays a delivery: the same event again, signed with a new timestamp", async () => {
    const [delivery] = (await allDeliveries(supplier)).filter((item) => item.eventType === "cash.minted");
    const detail = await http().get(`/v1/webhooks/deliveries/${delivery!.id}`).set(as(supplier)).expect(200);
    const eventId = detail.body.eventId as string;
    const original = receiver.accepted().find((item) => item.path === "/supplier" && item.eventId === eventId)!;
    // Signatures carry whole seconds: wait for the clock to pass the original's second, so "new" is observable.
    await waitFor(async () => Math.floor(Date.now() / 1000), (now) => now > original.timestamp, { intervalMs: 50 });

    const replayed = await http().post(`/v1/webhooks/deliveries/${delivery!.id}/replay`).set(as(supplier)).expect(202);
    expect(replayed.body).toMatchObject({ status: "pending", attempts: 0, replays: 1 });
    const again = await waitFor(
      async () => receiver.accepted().filter((item) => item.path === "/supplier" && item.eventId === eventId),
      (items) => items.length === 2,
    );
    expect(again[1]).toMatchObject({ signatureValid: true, eventKey: original.eventKey, data: original.data });
    expect(again[1]!.timestamp).toBeGreaterThan(original.timestamp);
    const after = await waitFor(
      () => http().get(`/v1/webhooks/deliveries/${delivery!.id}`).set(as(supplier)),
      (response) => response.body.status === "delivered" && response.body.attemptLog.length === 4,
    );
    expect(after.body.attemptLog[3]).toMatchObject({ number: 4, statusCode: 200, signedTimestamp: String(again[1]!.timestamp) });
  });

  it("stops delivering to a deleted subscription", async () => {
    await http().delete(`/v1/webhooks/subscriptions/${subscriptionIds["/supplier"]}`).set(as(supplier)).expect(200);
    const id = await mint("700", supplier);
    await waitFor(() => http().get(`/v1/cash/instructions/${id}`).set(as(bank)), (response) => response.body.status === "confirmed");
    // The bank's subscription still gets its own notice of the same mint, so once it has, the event was published.
    await waitFor(() => allDeliveries(bank), (items) => items.length === 7 && items.every((item) => item.status === "delivered"));
    const events = await dataSource.query(`SELECT count(*)::int AS n FROM webhook_events WHERE organisation_id = $1`, [supplier.id]);
    expect(events).toEqual([{ n: 3 }]);
    expect(await allDeliveries(supplier)).toHaveLength(2);
  });
});
