import "reflect-metadata";
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "@jest/globals";
import { Contract, getAddress } from "ethers";
import request from "supertest";
import { ChainProvider } from "../../../backend/chain/chain-provider.js";
import { SuiteContracts } from "../../../backend/chain/suite-contracts.js";
import { MaturityScanner } from "../../../backend/settlement/maturity-scanner.service.js";
import { type TestApp, createTestApp } from "./app.js";
import { registerAndAttestInvoices } from "./fixtures/chain-invoices.js";
import { advanceChainTime, cashBalanceOf, chainTime, gracePeriodSeconds, mintCash } from "./fixtures/financing-chain.js";
import { type Participant, onboardActive, operatorApiKey } from "./fixtures/participants.js";
import { type WebhookReceiver, startWebhookReceiver } from "./fixtures/webhook-receiver.js";
import { waitFor } from "./wait-for.js";

// The life of a financing after approval, on a real chain: a pledge loan repaid by its holder, another closed by
// its bank, and after the debtor defaults a third loan's pledge enforced and a factoring with recourse sold back
// to the seller (first refused by the contract for want of cash, then done). Every cash movement is checked on
// chain against a ledger kept by the test, and every part against the chain's own record, to the unit.
// The tests run in order and build on each other.

describe("financing after approval: loans repaid and closed, pledges enforced and recourse exercised after default", () => {
  let testApp: TestApp;
  let core: Participant, supplier: Participant, bankA: Participant, bankB: Participant;
  let voucherRecourse: string, voucherNoRecourse: string, voucherLoans: string, voucherPledged: string;
  let maturitySeconds: number;
  let recourseRequest: string, noRecourseRequest: string, repaidLoan: string, closedLoan: string, enforcedLoan: string;
  let seizedPartId: string;
  let receiver: WebhookReceiver;
  const financingIds = new Map<string, string>();
  const LIFE_WEBHOOKS = ["financing.repaid", "financing.recourse_exercised", "financing.pledge_enforced"];
  const expected = new Map<string, bigint>();

  const http = () => request(testApp.app.getHttpServer());
  const as = (participant: Participant) => ({ Authorization: `Bearer ${participant.apiKey}` });
  const statusIs = (status: string) => (response: request.Response) => response.body.status === status;
  const financingRequest = (participant: Participant, id: string) => http().get(`/v1/financing/requests/${id}`).set(as(participant));
  const action = (participant: Participant, id: string) => http().get(`/v1/financing/actions/${id}`).set(as(participant));
  const settledAction = (participant: Participant, id: string) =>
    waitFor(() => action(participant, id), (response) => response.body.status !== "pending");
  const inboxStep = (bank: Participant, id: string, step: "recourse" | "close" | "enforce-pledge", key?: string) => {
    const call = http().post(`/v1/financing/inbox/${id}/${step}`).set(as(bank));
    return key === undefined ? call : call.set("Idempotency-Key", key);
  };
  const repay = (participant: Participant, id: string, key?: string) => {
    const call = http().post(`/v1/financing/requests/${id}/repay`).set(as(participant));
    return key === undefined ? call : call.set("Idempotency-Key", key);
  };
  const voucherView = (participant: Participant, partId: string) => http().get(`/v1/receivables/vouchers/${partId}`).set(as(participant));
  const move = (from: Participant, to: Participant, amount: bigint) => {
    expected.set(from.chainAddress, expected.get(from.chainAddress)! - amount);
    expected.set(to.chainAddress, expected.get(to.chainAddress)! + amount);
  };
  const expectBalancesReconcile = async () => {
    for (const participant of [supplier, bankA, bankB, core]) {
      expect({ name: participant.name, balance: await cashBalanceOf(testApp.app, participant) }).toEqual({
        name: participant.name,
        balance: expected.get(participant.chainAddress),
      });
    }
  };
  /** The part as the chain records it, and as the API shows it to its holder: they must agree to the unit. */
  const expectPartReconciles = async (partId: string, holder: Participant, amount: bigint, heldAmount: bigint) => {
    const contracts = testApp.app.get(SuiteContracts);
    const token = new Contract(contracts.addresses.VoucherToken, contracts.interfaces.VoucherToken, testApp.app.get(ChainProvider).provider);
    const onChain = await token.getFunction("partOf").staticCall(partId);
    expect({ holder: getAddress(onChain.holder), amount: onChain.amount as bigint, heldAmount: onChain.heldAmount as bigint }).toEqual({
      holder: getAddress(holder.chainAddress),
      amount,
      heldAmount,
    });
    const indexed = await waitFor(
      () => voucherView(holder, partId),
      (response) =>
        response.body.part?.holderOrganisationId === holder.id &&
        response.body.part?.amount === amount.toString() &&
        response.body.part?.heldAmount === heldAmount.toString(),
    );
    expect(indexed.body.part).toMatchObject({
      partId,
      holderOrganisationId: holder.id,
      amount: amount.toString(),
      heldAmount: heldAmount.toString(),
    });
  };
  const askAndApprove = async (
    bank: Participant,
    body: Record<string, unknown>,
    approval: Record<string, unknown>,
  ): Promise<string> => {
    const asked = await http()
      .post("/v1/financing/requests")
      .set(as(supplier))
      .send({ bankOrganisationIds: [bank.id], ...body })
      .expect(202);
    const requestId = asked.body.requests[0].id as string;
    const requested = await waitFor(() => financingRequest(supplier, requestId), statusIs("requested"));
    financingIds.set(requestId, requested.body.financingId);
    await http().post(`/v1/financing/inbox/${requestId}/approve`).set(as(bank)).send(approval).expect(202);
    await waitFor(() => financingRequest(supplier, requestId), statusIs("active"));
    return requestId;
  };

  beforeAll(async () => {
    testApp = await createTestApp((config) => ({ ...config, webhookSweepEveryMs: 200, webhookRetryBaseMs: 200 }));
    const operatorKey = await operatorApiKey(testApp.app);
    const unique = randomBytes(3).toString("hex").toUpperCase();
    let taxAuthority: Participant;
    [core, supplier, bankA, bankB, taxAuthority] = await onboardActive(testApp.app, operatorKey, [
      { name: "Xiangyang Axle Works", taxId: `91420600DCORE${unique}`, roles: ["core_enterprise"] },
      { name: "Fancheng Bearings", taxId: `91420600DSUP${unique}`, roles: ["supplier"] },
      { name: "Xiangyang Commercial Bank", roles: ["bank"] },
      { name: "Hanjiang Rural Bank", roles: ["bank"] },
      { name: "Xiangyang Tax Bureau", roles: ["tax_authority"] },
    ]);
    const faceValues = ["500000", "80000", "60000", "50000"];
    const invoices = await registerAndAttestInvoices(
      testApp.app,
      taxAuthority!,
      faceValues.map((amount) => ({ seller: supplier, debtor: core, amount: BigInt(amount) })),
    );
    // Relative to the chain's clock, which earlier test files may have moved ahead of the wall clock.
    maturitySeconds = Math.max(await chainTime(testApp.app), Math.floor(Date.now() / 1000)) + 10 * 24 * 3600;
    const maturity = new Date(maturitySeconds * 1000).toISOString();
    const confirmed = await http()
      .post("/v1/receivables/confirmations")
      .set(as(core))
      .send({ items: invoices.map((invoiceKey, index) => ({ invoiceKey, faceValue: faceValues[index], maturity })) })
      .expect(202);
    const issued = await Promise.all(
      confirmed.body.confirmations.map((confirmation: { id: string }) =>
        waitFor(() => http().get(`/v1/receivables/confirmations/${confirmation.id}`).set(as(core)), statusIs("issued")),
      ),
    );
    [voucherRecourse, voucherNoRecourse, voucherLoans, voucherPledged] = issued.map((response) => response.body.voucherId as string);

    for (const participant of [core, supplier, bankA, bankB]) expected.set(participant.chainAddress, 0n);
    await mintCash(testApp.app, bankA, bankA, 1_000_000n);
    await mintCash(testApp.app, bankB, bankB, 1_000_000n);
    expected.set(bankA.chainAddress, 1_000_000n);
    expected.set(bankB.chainAddress, 1_000_000n);

    receiver = await startWebhookReceiver();
    for (const [participant, path] of [[bankA, "/bankA"], [bankB, "/bankB"], [supplier, "/supplier"]] as const) {
      const created = await http()
        .post("/v1/webhooks/subscriptions")
        .set(as(participant))
        .send({ url: receiver.url(path), eventTypes: LIFE_WEBHOOKS })
        .expect(201);
      receiver.secrets.set(path, created.body.secret);
    }

    // Factoring with recourse (bank A), factoring without (bank B), and a loan against a pledge (bank A).
    recourseRequest = await askAndApprove(
      bankA,
      { partId: voucherRecourse, kind: "factoring", recourse: true, minAdvance: "250000" },
      { advance: "300000", rateBps: 900 },
    );
    move(bankA, supplier, 300_000n);
    noRecourseRequest = await askAndApprove(
      bankB,
      { partId: voucherNoRecourse, kind: "factoring", recourse: false, minAdvance: "60000" },
      { advance: "70000", rateBps: 700 },
    );
    move(bankB, supplier, 70_000n);
    repaidLoan = await askAndApprove(
      bankA,
      { partId: voucherLoans, kind: "pledge_loan", recourse: false, pledgeAmount: "50000", minAdvance: "40000" },
      { advance: "45000", rateBps: 500, repaymentAmount: "48000" },
    );
    move(bankA, supplier, 45_000n);
    await expectBalancesReconcile();
  }, 180_000);
  afterAll(async () => {
    await testApp?.close();
    await receiver?.close();
  });

  it("lets the holder repay a loan once, with an Idempotency-Key: the hold's value to the bank, the hold lifted", async () => {
    const byBank = await repay(bankA, repaidLoan).expect(403);
    expect(byBank.body.error).toMatchObject({ code: "FINANCING_NOT_REQUESTER", details: { requestId: repaidLoan } });
    expect((await repay(bankB, repaidLoan).expect(404)).body.error.code).toBe("FINANCING_REQUEST_NOT_FOUND");
    expect((await repay(supplier, recourseRequest).expect(409)).body.error).toMatchObject({
      code: "FINANCING_KIND_MISMATCH",
      details: { kind: "factoring" },
    });
    expect((await repay(supplier, repaidLoan, "bad key with spaces").expect(400)).body.error.code).toBe("IDEMPOTENCY_KEY_INVALID");
    const early = await inboxStep(bankA, repaidLoan, "enforce-pledge").expect(409);
    expect(early.body.error).toMatchObject({ code: "FINANCING_VOUCHER_NOT_DEFAULTED", details: { voucherId: voucherLoans, status: "active" } });

    const first = await repay(supplier, repaidLoan, "repay-loan-1").expect(202);
    expect(first.body).toMatchObject({ action: "repay", organisationId: supplier.id, requestId: repaidLoan, request: { status: "active" } });
    expect(["pending", "confirmed"]).toContain(first.body.status);
    expect((await repay(supplier, repaidLoan, "repay-loan-1").expect(202)).body.id).toBe(first.body.id);
    const confirmed = await settledAction(supplier, first.body.id);
    expect(confirmed.body).toMatchObject({ status: "confirmed", errorCode: null });
    const repaid = await waitFor(() => financingRequest(bankA, repaidLoan), statusIs("repaid"));
    expect(repaid.body).toMatchObject({ repaymentAmount: "48000", partId: voucherLoans });
    // Replayed after the fact: the same action, confirmed; the key cannot be reused for another step.
    expect((await repay(supplier, repaidLoan, "repay-loan-1").expect(202)).body).toMatchObject({ id: first.body.id, status: "confirmed" });
    expect((await repay(supplier, noRecourseRequest, "repay-loan-1").expect(409)).body.error.code).toBe("IDEMPOTENCY_KEY_REUSED");
    expect((await repay(supplier, repaidLoan, "repay-loan-2").expect(409)).body.error).toMatchObject({
      code: "FINANCING_NOT_ACTIVE",
      details: { status: "repaid" },
    });
    expect((await inboxStep(bankA, repaidLoan, "close").expect(409)).body.error.code).toBe("FINANCING_NOT_ACTIVE");

    move(supplier, bankA, 48_000n);
    await expectBalancesReconcile();
    await expectPartReconciles(voucherLoans, supplier, 60_000n, 0n);
    const exposure = await http().get(`/v1/compliance/exposure-limits/${bankA.id}/${core.id}`).set(as(bankA)).expect(200);
    expect(exposure.body.exposure).toBe("500000");
  });

  it("lets the bank close a loan repaid outside the platform: the hold is lifted, no cash moves", async () => {
    closedLoan = await askAndApprove(
      bankB,
      { partId: voucherLoans, kind: "pledge_loan", recourse: false, pledgeAmount: "45000", minAdvance: "35000" },
      { advance: "40000", rateBps: 450, repaymentAmount: "42000" },
    );
    move(bankB, supplier, 40_000n);
    await expectPartReconciles(voucherLoans, supplier, 60_000n, 42_000n);

    expect((await http().post(`/v1/financing/inbox/${closedLoan}/close`).set(as(supplier)).expect(403)).body.error.code).toBe("ROLE_REQUIRED");
    expect((await inboxStep(bankA, closedLoan, "close").expect(404)).body.error.code).toBe("FINANCING_REQUEST_NOT_FOUND");
    expect((await inboxStep(bankB, noRecourseRequest, "close").expect(409)).body.error.code).toBe("FINANCING_KIND_MISMATCH");

    const closing = await inboxStep(bankB, closedLoan, "close", "close-loan-1").expect(202);
    expect(closing.body).toMatchObject({ action: "close", organisationId: bankB.id });
    expect((await inboxStep(bankB, closedLoan, "close", "close-loan-1").expect(202)).body.id).toBe(closing.body.id);
    expect((await settledAction(bankB, closing.body.id)).body.status).toBe("confirmed");
    // The holder follows the bank's step too.
    expect((await action(supplier, closing.body.id).expect(200)).body).toMatchObject({ status: "confirmed", request: { status: "repaid" } });
    expect((await action(bankA, closing.body.id).expect(404)).body.error.code).toBe("FINANCING_ACTION_NOT_FOUND");

    await expectBalancesReconcile();
    await expectPartReconciles(voucherLoans, supplier, 60_000n, 0n);
  });

  it("after default, the bank enforces its pledge: the held value becomes a part it holds; repaying is then refused", async () => {
    enforcedLoan = await askAndApprove(
      bankA,
      { partId: voucherPledged, kind: "pledge_loan", recourse: false, pledgeAmount: "30000", minAdvance: "20000" },
      { advance: "25000", rateBps: 550, repaymentAmount: "28000" },
    );
    move(bankA, supplier, 25_000n);
    const tooEarly = await inboxStep(bankA, recourseRequest, "recourse").expect(409);
    expect(tooEarly.body.error).toMatchObject({ code: "FINANCING_VOUCHER_NOT_DEFAULTED", details: { voucherId: voucherRecourse } });

    // Past maturity and the grace period on the chain's clock; the settlement module's scan declares the defaults.
    const defaultableAt = maturitySeconds + (await gracePeriodSeconds(testApp.app));
    await advanceChainTime(testApp.config.chainRpcUrl, Math.max(1, defaultableAt - (await chainTime(testApp.app)) + 60));
    await testApp.app.get(MaturityScanner).scan();
    for (const voucherId of [voucherRecourse, voucherNoRecourse, voucherPledged]) {
      await waitFor(() => voucherView(core, voucherId), (response) => response.body.voucher?.status === "defaulted");
    }

    expect((await inboxStep(bankB, enforcedLoan, "enforce-pledge").expect(404)).body.error.code).toBe("FINANCING_REQUEST_NOT_FOUND");
    expect((await inboxStep(bankA, repaidLoan, "enforce-pledge").expect(409)).body.error.code).toBe("FINANCING_NOT_ACTIVE");
    const enforcing = await inboxStep(bankA, enforcedLoan, "enforce-pledge", "enforce-1").expect(202);
    expect(enforcing.body).toMatchObject({ action: "enforce_pledge", organisationId: bankA.id });
    expect((await settledAction(bankA, enforcing.body.id)).body.status).toBe("confirmed");
    // The financing now follows the seized part, as on chain; it stays active until that part is paid or closed.
    const followed = await waitFor(() => financingRequest(bankA, enforcedLoan), (response) => response.body.partId !== voucherPledged);
    expect(followed.body.status).toBe("active");
    seizedPartId = followed.body.partId;
    expect(seizedPartId).toMatch(/^[0-9]+$/);

    await expectPartReconciles(seizedPartId, bankA, 28_000n, 0n);
    await expectPartReconciles(voucherPledged, supplier, 22_000n, 0n);
    expect((await repay(supplier, enforcedLoan).expect(409)).body.error).toMatchObject({
      code: "FINANCING_HOLD_MISSING",
      details: { partId: seizedPartId },
    });
    expect((await inboxStep(bankA, enforcedLoan, "enforce-pledge", "enforce-2").expect(409)).body.error.code).toBe("FINANCING_HOLD_MISSING");
    await expectBalancesReconcile();
  });

  it("refuses recourse cleanly: without recourse, on another bank's request, on a loan, to a non-bank", async () => {
    const withoutRecourse = await inboxStep(bankB, noRecourseRequest, "recourse").expect(409);
    expect(withoutRecourse.body.error).toMatchObject({ code: "FINANCING_WITHOUT_RECOURSE", details: { requestId: noRecourseRequest } });
    const foreign = await inboxStep(bankB, recourseRequest, "recourse").expect(404);
    expect(foreign.body.error).toMatchObject({ code: "FINANCING_REQUEST_NOT_FOUND", details: { requestId: recourseRequest } });
    expect((await inboxStep(bankA, enforcedLoan, "recourse").expect(409)).body.error.code).toBe("FINANCING_KIND_MISMATCH");
    expect((await inboxStep(bankA, "not-a-uuid", "recourse").expect(404)).body.error.code).toBe("FINANCING_REQUEST_NOT_FOUND");
    const bySupplier = await http().post(`/v1/financing/inbox/${recourseRequest}/recourse`).set(as(supplier)).expect(403);
    expect(bySupplier.body.error.code).toBe("ROLE_REQUIRED");
    await expectBalancesReconcile();
  });

  it("exercises recourse: refused by the contract while the seller lacks the cash, done once it has it", async () => {
    // The seller holds less than the part's value: only the contract's transfer can tell, and its error is kept.
    const supplierCash = expected.get(supplier.chainAddress)!;
    expect(supplierCash).toBeLessThan(500_000n);
    const attempt = await inboxStep(bankA, recourseRequest, "recourse", "recourse-1").expect(202);
    expect(attempt.body).toMatchObject({ action: "exercise_recourse", organisationId: bankA.id });
    const failed = await settledAction(bankA, attempt.body.id);
    expect(failed.body).toMatchObject({ status: "failed", errorCode: "ERC20_INSUFFICIENT_BALANCE", request: { status: "active" } });
    expect(failed.body.errorMessage).toContain(`balance=${supplierCash}`);
    expect(failed.body.request.errorCode).toBe("ERC20_INSUFFICIENT_BALANCE");
    // The same key answers with the failed attempt; trying again takes a new key.
    expect((await inboxStep(bankA, recourseRequest, "recourse", "recourse-1").expect(202)).body).toMatchObject({
      id: attempt.body.id,
      status: "failed",
    });
    await expectBalancesReconcile();
    await expectPartReconciles(voucherRecourse, bankA, 500_000n, 0n);

    await mintCash(testApp.app, bankA, supplier, 100_000n);
    expected.set(supplier.chainAddress, supplierCash + 100_000n);
    const retried = await inboxStep(bankA, recourseRequest, "recourse", "recourse-2").expect(202);
    expect(retried.body.id).not.toBe(attempt.body.id);
    expect((await settledAction(bankA, retried.body.id)).body).toMatchObject({ status: "confirmed", errorCode: null });
    const exercised = await waitFor(() => financingRequest(supplier, recourseRequest), statusIs("recourse_exercised"));
    expect(exercised.body).toMatchObject({ errorCode: null, partId: voucherRecourse });
    expect((await inboxStep(bankA, recourseRequest, "recourse", "recourse-3").expect(409)).body.error.code).toBe("FINANCING_NOT_ACTIVE");

    move(supplier, bankA, 500_000n);
    await expectBalancesReconcile();
    await expectPartReconciles(voucherRecourse, supplier, 500_000n, 0n);
    await expectPartReconciles(voucherNoRecourse, bankB, 80_000n, 0n);

    // Exposure reconciles with the financings still active: bank A's enforced loan (its pledged amount), bank B's factoring.
    const exposureA = await http().get(`/v1/compliance/exposure-limits/${bankA.id}/${core.id}`).set(as(bankA)).expect(200);
    expect(exposureA.body.exposure).toBe("30000");
    const exposureB = await http().get(`/v1/compliance/exposure-limits/${bankB.id}/${core.id}`).set(as(bankB)).expect(200);
    expect(exposureB.body.exposure).toBe("80000");
  });

  it("told the holder and the bank of each step by signed webhooks, and no other bank", async () => {
    // Delivery is at least once: the events are compared as a set, each organisation's exactly.
    const received = (path: string) => [
      ...new Set(
        receiver
          .accepted()
          .filter((item) => item.path === path)
          .map((item) => item.eventKey),
      ),
    ].sort();
    const key = (type: string, requestId: string) => `${type}:${financingIds.get(requestId)}`;
    const bankAExpects = [
      key("financing.repaid", repaidLoan),
      key("financing.pledge_enforced", enforcedLoan),
      key("financing.recourse_exercised", recourseRequest),
    ].sort();
    const bankBExpects = [key("financing.repaid", closedLoan)];
    const supplierExpects = [...bankAExpects, ...bankBExpects].sort();
    const hasAll = (keys: string[], wanted: string[]) => wanted.every((wantedKey) => keys.includes(wantedKey));
    await waitFor(
      async () => [received("/bankA"), received("/bankB"), received("/supplier")],
      ([a, b, s]) => hasAll(a!, bankAExpects) && hasAll(b!, bankBExpects) && hasAll(s!, supplierExpects),
    );
    expect(received("/bankA")).toEqual(bankAExpects);
    expect(received("/bankB")).toEqual(bankBExpects);
    expect(received("/supplier")).toEqual(supplierExpects);
    expect(receiver.received.every((item) => item.signatureValid)).toBe(true);

    const byKey = (path: string, eventKey: string) => receiver.accepted().find((item) => item.path === path && item.eventKey === eventKey)!;
    expect(byKey("/supplier", key("financing.repaid", repaidLoan)).data).toMatchObject({
      requestId: repaidLoan,
      status: "repaid",
      repaidAmount: "48000",
      closedBy: "holder",
    });
    expect(byKey("/bankB", key("financing.repaid", closedLoan)).data).toMatchObject({
      requestId: closedLoan,
      repaidAmount: "42000",
      closedBy: "bank",
    });
    expect(byKey("/bankA", key("financing.pledge_enforced", enforcedLoan)).data).toMatchObject({
      requestId: enforcedLoan,
      seizedPartId,
      partId: seizedPartId,
      status: "active",
    });
    expect(byKey("/supplier", key("financing.recourse_exercised", recourseRequest)).data).toMatchObject({
      requestId: recourseRequest,
      status: "recourse_exercised",
      recourseAmount: "500000",
      holderOrganisationId: supplier.id,
      bankOrganisationId: bankA.id,
    });
  });
});
