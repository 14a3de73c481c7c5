import "reflect-metadata";
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "@jest/globals";
import request from "supertest";
import { DataSource } from "typeorm";
import { type RiskAssessment, assessRisk } from "../../../backend/financing/risk-pricing.js";
import { type TestApp, createTestApp } from "./app.js";
import { registerAndAttestInvoices } from "./fixtures/chain-invoices.js";
import { cashBalanceOf, chainTime, mintCash } from "./fixtures/financing-chain.js";
import { type Participant, onboardActive, operatorApiKey } from "./fixtures/participants.js";
import { waitFor } from "./wait-for.js";

// Banks' auto-decision policies: a matching request is approved by the platform through the bank's own decision
// path (cash to the holder on chain), a miss stays in the inbox with its reasons, a policy acts only on
// requests addressed to its own bank, and switching it off stops it. The tests run in order.

describe("financing: per-bank auto-decision policies", () => {
  let testApp: TestApp;
  let dataSource: DataSource;
  let core: Participant, supplier: Participant, autoBank: Participant, otherBank: Participant, plainBank: Participant;
  let withinPolicy: string, abovePolicy: string, elsewhere: string, afterSwitchOff: string;

  const http = () => request(testApp.app.getHttpServer());
  const as = (participant: Participant) => ({ Authorization: `Bearer ${participant.apiKey}` });
  const policy = {
    enabled: true,
    kinds: ["factoring"],
    maxAmount: "200000",
    maxRiskScore: 60,
    maxDaysToMaturity: 120,
    requireWithinLimit: true,
    pricing: "suggested",
  };
  /** Asks one bank to factor a whole voucher; answers the request id once it is `requested` on chain. */
  const askAndWaitRequested = async (voucherId: string, bank: Participant): Promise<string> => {
    const asked = await http()
      .post("/v1/financing/requests")
      .set(as(supplier))
      .set("Idempotency-Key", `auto-${voucherId}-${bank.id}`)
      .send({ partId: voucherId, bankOrganisationIds: [bank.id], kind: "factoring", recourse: false, minAdvance: "80000" })
      .expect(202);
    const requestId = asked.body.requests[0].id as string;
    // Approval may follow at once: any state past `requesting` means the FinancingRequested event was projected.
    await waitFor(
      () => http().get(`/v1/financing/requests/${requestId}`).set(as(supplier)),
      (response) => !["requesting"].includes(response.body.status),
    );
    return requestId;
  };
  const autoDecisionOf = (bank: Participant, requestId: string) =>
    http().get(`/v1/financing/inbox/${requestId}/auto-decision`).set(as(bank));

  beforeAll(async () => {
    testApp = await createTestApp();
    dataSource = testApp.app.get(DataSource);
    const operatorKey = await operatorApiKey(testApp.app);
    const unique = randomBytes(3).toString("hex").toUpperCase();
    let taxAuthority: Participant;
    [core, supplier, autoBank, otherBank, plainBank, taxAuthority] = await onboardActive(testApp.app, operatorKey, [
      { name: "Xiangyang Axle Works", taxId: `91420600ACORE${unique}`, roles: ["core_enterprise"] },
      { name: "Xiangyang Bearings", taxId: `91420600ASUP${unique}`, roles: ["supplier"] },
      { name: "Hanjiang Automatic Bank", roles: ["bank"] },
      { name: "Xiangzhou Policy Bank", roles: ["bank"] },
      { name: "Fancheng Manual Bank", roles: ["bank"] },
      { name: "Xiangyang Tax Bureau", roles: ["tax_authority"] },
    ]);
    const amounts = [100_000n, 300_000n, 100_000n, 100_000n];
    const invoices = await registerAndAttestInvoices(
      testApp.app,
      taxAuthority!,
      amounts.map((amount) => ({ seller: supplier, debtor: core, amount })),
    );
    // Relative to the chain's clock, which earlier test files may have moved ahead of the wall clock.
    const maturitySeconds = Math.max(await chainTime(testApp.app), Math.floor(Date.now() / 1000)) + 30 * 24 * 3600;
    const maturity = new Date(maturitySeconds * 1000).toISOString();
    const confirmed = await http()
      .post("/v1/receivables/confirmations")
      .set(as(core))
      .send({ items: invoices.map((invoiceKey, index) => ({ invoiceKey, faceValue: amounts[index]!.toString(), maturity })) })
      .expect(202);
    const issued = await Promise.all(
      confirmed.body.confirmations.map((confirmation: { id: string }) =>
        waitFor(
          () => http().get(`/v1/receivables/confirmations/${confirmation.id}`).set(as(core)),
          (response) => response.body.status === "issued",
        ),
      ),
    );
    [withinPolicy, abovePolicy, elsewhere, afterSwitchOff] = issued.map((response) => response.body.voucherId as string);
    await mintCash(testApp.app, autoBank, autoBank, 1_000_000n);
  }, 180_000);
  afterAll(async () => {
    await testApp?.close();
  });

  it("lets only banks set a policy, and versions every change", async () => {
    const refused = await http().put("/v1/financing/auto-decision-policy").set(as(supplier)).send(policy).expect(403);
    expect(refused.body.error.code).toBe("ROLE_REQUIRED");
    expect((await http().get("/v1/financing/auto-decision-policy").set(as(core)).expect(403)).body.error.code).toBe("ROLE_REQUIRED");
    expect((await http().delete("/v1/financing/auto-decision-policy").set(as(supplier)).expect(403)).body.error.code).toBe("ROLE_REQUIRED");
    const none = await http().get("/v1/financing/auto-decision-policy").set(as(autoBank)).expect(404);
    expect(none.body.error.code).toBe("AUTO_DECISION_POLICY_NOT_FOUND");
    const invalid = await http()
      .put("/v1/financing/auto-decision-policy")
      .set(as(autoBank))
      .send({ ...policy, kinds: ["leasing"], maxRiskScore: 101 })
      .expect(400);
    expect(invalid.body.error.code).toBe("VALIDATION_FAILED");

    const draft = await http().put("/v1/financing/auto-decision-policy").set(as(autoBank)).send({ ...policy, maxAmount: "1" }).expect(200);
    expect(draft.body).toMatchObject({ bankOrganisationId: autoBank.id, version: 1, maxAmount: "1" });
    const set = await http().put("/v1/financing/auto-decision-policy").set(as(autoBank)).send(policy).expect(200);
    expect(set.body).toMatchObject({ ...policy, bankOrganisationId: autoBank.id, version: 2 });
    expect((await http().get("/v1/financing/auto-decision-policy").set(as(autoBank)).expect(200)).body).toEqual(set.body);
    // Another bank's generous policy, which must never act on requests addressed to other banks.
    await http()
      .put("/v1/financing/auto-decision-policy")
      .set(as(otherBank))
      .send({ ...policy, maxAmount: "10000000", maxRiskScore: 100, maxDaysToMaturity: null, requireWithinLimit: false })
      .expect(200);
  });

  it("approves a request within the policy at the suggested price, and the advance reaches the holder on chain", async () => {
    const holderBefore = await cashBalanceOf(testApp.app, supplier);
    const bankBefore = await cashBalanceOf(testApp.app, autoBank);
    const requestId = await askAndWaitRequested(withinPolicy, autoBank);
    const active = await waitFor(
      () => http().get(`/v1/financing/requests/${requestId}`).set(as(supplier)),
      (response) => response.body.status === "active",
    );
    const outcome = await autoDecisionOf(autoBank, requestId).expect(200);
    const risk = outcome.body.risk as RiskAssessment;
    // The platform applied the bank's own assessment, which anyone can recompute from its inputs.
    expect(assessRisk(risk.inputs)).toEqual(risk);
    expect(risk.score).toBeLessThanOrEqual(policy.maxRiskScore);
    expect(outcome.body).toMatchObject({
      requestId,
      outcome: "approved",
      reasons: [],
      policyVersion: 2,
      policy: { version: 2, maxAmount: "200000", maxRiskScore: 60, pricing: "suggested" },
      decision: {
        outcome: "approve",
        status: "confirmed",
        advance: risk.suggestedAdvance,
        rateBps: risk.suggestedRateBps,
        repaymentAmount: "100000",
        autoPolicy: { version: 2, kinds: ["factoring"] },
      },
    });
    expect(active.body).toMatchObject({ advance: risk.suggestedAdvance, rateBps: risk.suggestedRateBps, bankOrganisationId: autoBank.id });
    const advance = BigInt(risk.suggestedAdvance);
    expect(await cashBalanceOf(testApp.app, supplier)).toBe(holderBefore + advance);
    expect(await cashBalanceOf(testApp.app, autoBank)).toBe(bankBefore - advance);
    // One approval, under the deterministic key a retried sweep would replay.
    expect(
      await dataSource.query(`SELECT idempotency_key, status FROM financing_decisions WHERE request_id = $1`, [requestId]),
    ).toEqual([{ idempotency_key: `auto:${requestId}`, status: "confirmed" }]);
  });

  it("leaves a request above the policy's amount in the inbox, with the reason", async () => {
    const requestId = await askAndWaitRequested(abovePolicy, autoBank);
    const outcome = await waitFor(
      () => autoDecisionOf(autoBank, requestId),
      (response) => response.status === 200 && response.body.outcome !== "pending",
    );
    expect(outcome.body).toMatchObject({ outcome: "referred", reasons: ["AMOUNT_ABOVE_POLICY"], policyVersion: 2, decision: null });
    const inbox = await http().get("/v1/financing/inbox").query({ status: "requested" }).set(as(autoBank)).expect(200);
    expect(inbox.body.items).toEqual([
      expect.objectContaining({ id: requestId, status: "requested", autoDecision: { outcome: "referred", reasons: ["AMOUNT_ABOVE_POLICY"] } }),
    ]);
    expect(await dataSource.query(`SELECT count(*)::int AS n FROM financing_decisions WHERE request_id = $1`, [requestId])).toEqual([{ n: 0 }]);
  });

  it("does not let a bank's policy act on requests addressed to another bank", async () => {
    const requestId = await askAndWaitRequested(elsewhere, plainBank);
    // The outbox row would have been written with the request's `requested` state, in the same transaction.
    expect((await autoDecisionOf(plainBank, requestId).expect(404)).body.error.code).toBe("AUTO_DECISION_NOT_FOUND");
    expect((await autoDecisionOf(otherBank, requestId).expect(404)).body.error.code).toBe("FINANCING_REQUEST_NOT_FOUND");
    expect(await dataSource.query(`SELECT count(*)::int AS n FROM financing_auto_decisions WHERE request_id = $1`, [requestId])).toEqual([
      { n: 0 },
    ]);
    const stillThere = await http().get(`/v1/financing/requests/${requestId}`).set(as(supplier)).expect(200);
    expect(stillThere.body.status).toBe("requested");
    expect(stillThere.body.autoDecision).toBeUndefined();
    const inbox = await http().get("/v1/financing/inbox").set(as(plainBank)).expect(200);
    expect(inbox.body.items).toEqual([expect.objectContaining({ id: requestId, autoDecision: null })]);
  });

  it("stops acting once the bank switches its policy off", async () => {
    await http().delete("/v1/financing/auto-decision-policy").set(as(autoBank)).expect(204);
    const off = await http().get("/v1/financing/auto-decision-policy").set(as(autoBank)).expect(200);
    expect(off.body).toMatchObject({ enabled: false, version: 3, maxAmount: "200000" });
    const requestId = await askAndWaitRequested(afterSwitchOff, autoBank);
    expect((await autoDecisionOf(autoBank, requestId).expect(404)).body.error.code).toBe("AUTO_DECISION_NOT_FOUND");
    const inbox = await http().get("/v1/financing/inbox").query({ status: "requested" }).set(as(autoBank)).expect(200);
    expect(inbox.body.items.map((item: { id: string }) => item.id).sort()).toEqual([requestId, (await referredRequestId())].sort());
    expect(await dataSource.query(`SELECT count(*)::int AS n FROM financing_decisions WHERE request_id = $1`, [requestId])).toEqual([{ n: 0 }]);

    // A request queued while the policy was on, and reached by the worker after the switch-off, is not approved.
    await dataSource.query(`INSERT INTO financing_auto_decisions (request_id, bank_organisation_id) VALUES ($1, $2)`, [requestId, autoBank.id]);
    const skipped = await waitFor(
      () => autoDecisionOf(autoBank, requestId),
      (response) => response.status === 200 && response.body.outcome !== "pending",
    );
    expect(skipped.body).toMatchObject({ outcome: "skipped", reasons: ["POLICY_OFF"], decision: null });
    const after = await http().get(`/v1/financing/requests/${requestId}`).set(as(supplier)).expect(200);
    expect(after.body.status).toBe("requested");
  });

  async function referredRequestId(): Promise<string> {
    const [row] = (await dataSource.query(
      `SELECT request_id FROM financing_auto_decisions WHERE bank_organisation_id = $1 AND status = 'referred'`,
      [autoBank.id],
    )) as Array<{ request_id: string }>;
    return row!.request_id;
  }
});
