import "reflect-metadata";
import { randomBytes, randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "@jest/globals";
import request from "supertest";
import { DataSource } from "typeorm";
import { assessRisk } from "../../../backend/financing/risk-pricing.js";
import { type TestApp, createTestApp } from "./app.js";
import { registerAndAttestInvoices } from "./fixtures/chain-invoices.js";
import { advanceChainTime, cashBalanceOf, chainTime, gracePeriodSeconds, mintCash, recordAndConfirm } from "./fixtures/financing-chain.js";
import { TaxReferenceAdminClient } from "../../../backend/tax-reference-service/admin-client.js";
import { type Participant, onboardActive, operatorApiKey } from "./fixtures/participants.js";
import { type WebhookReceiver, startWebhookReceiver } from "./fixtures/webhook-receiver.js";
import { waitFor } from "./wait-for.js";

// A supplier's voucher is financed, guaranteed, defaults and is claimed; the tests run in order and build on
// each other. Every cash movement is checked on chain against an expected ledger kept by the test, to the unit.

describe("financing: requests, bank decisions, guarantees, default and subrogation", () => {
  let testApp: TestApp;
  let dataSource: DataSource;
  let core: Participant, supplier: Participant, outsider: Participant, bankA: Participant, bankB: Participant;
  let guarantor: Participant, regulator: Participant, bankWithoutCash: Participant;
  let voucher1: string, voucher2: string, voucher3: string;
  let maturitySeconds: number;
  let requestA: string, requestB: string, guaranteeId: string;
  let receiver: WebhookReceiver;
  let financingIdA: string, onChainGuaranteeId: string;
  const FINANCING_WEBHOOKS = [
    "financing.requested",
    "financing.rejected",
    "financing.approved",
    "financing.disbursed",
    "guarantee.issued",
    "guarantee.claimed",
    "guarantee.paid",
  ];
  const expected = new Map<string, bigint>();

  const http = () => request(testApp.app.getHttpServer());
  const as = (participant: Participant) => ({ Authorization: `Bearer ${participant.apiKey}` });
  const financingRequest = (participant: Participant, id: string) => http().get(`/v1/financing/requests/${id}`).set(as(participant));
  const guarantee = (participant: Participant, id: string) => http().get(`/v1/guarantees/${id}`).set(as(participant));
  const statusIs = (status: string) => (response: request.Response) => response.body.status === status;
  const move = (from: Participant, to: Participant, amount: bigint) => {
    expected.set(from.chainAddress, expected.get(from.chainAddress)! - amount);
    expected.set(to.chainAddress, expected.get(to.chainAddress)! + amount);
  };
  const expectBalancesReconcile = async () => {
    for (const participant of [supplier, bankA, bankB, guarantor, core]) {
      expect({ name: participant.name, balance: await cashBalanceOf(testApp.app, participant) }).toEqual({
        name: participant.name,
        balance: expected.get(participant.chainAddress),
      });
    }
  };

  beforeAll(async () => {
    testApp = await createTestApp();
    dataSource = testApp.app.get(DataSource);
    const operatorKey = await operatorApiKey(testApp.app);
    const unique = randomBytes(3).toString("hex").toUpperCase();
    let taxAuthority: Participant;
    [core, supplier, outsider, bankA, bankB, guarantor, regulator, taxAuthority, bankWithoutCash] = await onboardActive(testApp.app, operatorKey, [
      { name: "Dongfeng Motor Works", taxId: `91420100FCORE${unique}`, roles: ["core_enterprise"] },
      { name: "Jianghan Parts Co.", taxId: `91420100FSUP${unique}`, roles: ["supplier"] },
      { name: "Qingshan Plastics", taxId: `91420100FOUT${unique}`, roles: ["supplier"] },
      { name: "Hankou Bank", roles: ["bank"] },
      { name: "Wuchang Commercial Bank", roles: ["bank"] },
      { name: "Hubei Credit Guarantee", roles: ["guarantor"] },
      { name: "Hubei Financial Regulator", roles: ["regulator"] },
      { name: "Hubei Tax Bureau", roles: ["tax_authority"] },
      { name: "Jiangxia Rural Bank", roles: ["bank"] },
    ]);
    const invoices = await registerAndAttestInvoices(testApp.app, taxAuthority!, [
      { seller: supplier, debtor: core, amount: 100_000n },
      { seller: supplier, debtor: core, amount: 80_000n },
      { seller: supplier, debtor: core, amount: 60_000n },
    ]);
    // Relative to the chain's clock, which earlier test files may have moved ahead of the wall clock; short, so
    // the default below moves the shared clock as little as it can (maturity plus the grace period).
    maturitySeconds = Math.max(await chainTime(testApp.app), Math.floor(Date.now() / 1000)) + 10 * 24 * 3600;
    const maturity = new Date(maturitySeconds * 1000).toISOString();
    const confirmed = await http()
      .post("/v1/receivables/confirmations")
      .set(as(core))
      .send({ items: invoices.map((invoiceKey, index) => ({ invoiceKey, faceValue: ["100000", "80000", "60000"][index], maturity })) })
      .expect(202);
    const issued = await Promise.all(
      confirmed.body.confirmations.map((confirmation: { id: string }) =>
        waitFor(() => http().get(`/v1/receivables/confirmations/${confirmation.id}`).set(as(core)), statusIs("issued")),
      ),
    );
    [voucher1, voucher2, voucher3] = issued.map((response) => response.body.voucherId as string);

    for (const participant of [core, supplier, outsider, bankA, bankB, guarantor]) expected.set(participant.chainAddress, 0n);
    await mintCash(testApp.app, bankA, bankA, 1_000_000n);
    await mintCash(testApp.app, bankB, bankB, 1_000_000n);
    await mintCash(testApp.app, bankA, guarantor, 200_000n);
    expected.set(bankA.chainAddress, 1_000_000n);
    expected.set(bankB.chainAddress, 1_000_000n);
    expected.set(guarantor.chainAddress, 200_000n);
    await expectBalancesReconcile();

    receiver = await startWebhookReceiver();
    for (const [participant, path] of [[bankA, "/bank"], [supplier, "/supplier"], [guarantor, "/guarantor"]] as const) {
      const created = await http()
        .post("/v1/webhooks/subscriptions")
        .set(as(participant))
        .send({ url: receiver.url(path), eventTypes: FINANCING_WEBHOOKS })
        .expect(201);
      receiver.secrets.set(path, created.body.secret);
    }
  }, 180_000);
  afterAll(async () => {
    await testApp?.close();
    await receiver?.close();
  });

  it("lets a holder ask two banks at once, and refuses a party that does not hold the part", async () => {
    const ask = (participant: Participant, key: string) =>
      http()
        .post("/v1/financing/requests")
        .set(as(participant))
        .set("Idempotency-Key", key)
        .send({ partId: voucher1, bankOrganisationIds: [bankA.id, bankB.id], kind: "factoring", recourse: false, minAdvance: "90000" });

    const notHeld = await ask(core, "core-asks").expect(403);
    expect(notHeld.body.error).toMatchObject({ code: "VOUCHER_PART_NOT_HELD", details: { partId: voucher1 } });
    expect((await ask(outsider, "outsider-asks").expect(404)).body.error.code).toBe("VOUCHER_PART_NOT_FOUND");

    const accepted = await ask(supplier, "ask-1").expect(202);
    expect(accepted.body.requests).toHaveLength(2);
    expect(accepted.body.requests[0]).toMatchObject({ status: "requesting", kind: "factoring", amount: "100000", partId: voucher1 });
    const replay = await ask(supplier, "ask-1").expect(202);
    expect(replay.body.groupId).toBe(accepted.body.groupId);
    // This holder's only: requests other files made on the shared chain are projected here too.
    expect(await dataSource.query(`SELECT count(*)::int AS n FROM financing_requests WHERE holder_organisation_id = $1`, [supplier.id])).toEqual([
      { n: 2 },
    ]);

    requestA = accepted.body.requests.find((item: { bankOrganisationId: string }) => item.bankOrganisationId === bankA.id).id;
    requestB = accepted.body.requests.find((item: { bankOrganisationId: string }) => item.bankOrganisationId === bankB.id).id;
    for (const id of [requestA, requestB]) {
      const onChain = await waitFor(() => financingRequest(supplier, id), statusIs("requested"));
      expect(onChain.body.financingId).toMatch(/^[0-9]+$/);
      if (id === requestA) financingIdA = onChain.body.financingId;
    }
  });

  it("shows each bank only its own requests, filtered, with the data to decide and a reproducible price", async () => {
    const inbox = (bank: Participant, query: Record<string, string> = {}) =>
      http().get("/v1/financing/inbox").query(query).set(as(bank)).expect(200);
    const ids = (response: request.Response) => response.body.items.map((item: { id: string }) => item.id);
    expect(ids(await inbox(bankA))).toEqual([requestA]);
    expect(ids(await inbox(bankB))).toEqual([requestB]);
    expect(ids(await inbox(bankA, { status: "requested", kind: "factoring", debtorOrganisationId: core.id }))).toEqual([requestA]);
    expect(ids(await inbox(bankA, { status: "active" }))).toEqual([]);
    expect(ids(await inbox(bankA, { kind: "pledge_loan" }))).toEqual([]);
    expect(ids(await inbox(bankA, { debtorOrganisationId: randomUUID() }))).toEqual([]);
    expect(ids(await inbox(bankA, { createdFrom: new Date(Date.now() + 60_000).toISOString() }))).toEqual([]);
    expect(ids(await inbox(bankA, { createdTo: new Date(Date.now() + 60_000).toISOString() }))).toEqual([requestA]);
    expect((await http().get("/v1/financing/inbox").set(as(supplier)).expect(403)).body.error.code).toBe("ROLE_REQUIRED");

    const data = await http().get(`/v1/financing/inbox/${requestA}/decision-data`).set(as(bankA)).expect(200);
    expect(data.body.request).toMatchObject({ id: requestA, status: "requested", amount: "100000" });
    expect(data.body.voucher.voucher).toMatchObject({ voucherId: voucher1, faceValue: "100000", debtorOrganisationId: core.id });
    expect(data.body.voucher.part).toMatchObject({ partId: voucher1, tier: 1, holderOrganisationId: supplier.id });
    expect(data.body.voucher.ancestors).toEqual([]);
    expect(data.body.invoice).toMatchObject({ status: "valid", attestedAmount: "100000" });
    expect(data.body.debtorPaymentRecord).toMatchObject({
      debtorOrganisationId: core.id,
      paidCount: 0,
      defaultedCount: 0,
      overdueCount: 0,
      outstandingCount: 3,
      outstandingAmount: "240000",
    });
    expect(data.body.exposure).toMatchObject({ exposure: "0", exposureAfterApproval: "100000", withinLimit: true });
    expect(data.body.guaranteeCover).toEqual({ active: "0", offered: "0" });
    // Without the holder's consent the bank gets the tax summary's refusal, not the summary.
    expect(data.body.supplierSharedData).toMatchObject({ status: "not_shared", code: "CONSENT_REQUIRED", taxSummary: null });
    expect(data.body.risk.model).toBe("risk-v1");
    expect(data.body.risk.reasonCodes).toContain("DEBTOR_NO_HISTORY");
    // The bank can recompute the suggestion from the response alone.
    expect(assessRisk(data.body.risk.inputs)).toEqual(data.body.risk);

    // Another bank cannot see, let alone decide, a request addressed to someone else.
    const foreign = await http().get(`/v1/financing/inbox/${requestA}/decision-data`).set(as(bankB)).expect(404);
    expect(foreign.body.error.code).toBe("FINANCING_REQUEST_NOT_FOUND");
    const foreignApproval = await http()
      .post(`/v1/financing/inbox/${requestA}/approve`)
      .set(as(bankB))
      .send({ advance: "95000", rateBps: 600 })
      .expect(404);
    expect(foreignApproval.body.error.code).toBe("FINANCING_REQUEST_NOT_FOUND");
  });

  it("adds the holder's tax summary once the holder consents, and logs that read against the request", async () => {
    await new TaxReferenceAdminClient(testApp.config.taxServiceUrl, process.env.TAX_SERVICE_ADMIN_TOKEN!).registerEnterprise({
      taxId: supplier.taxId!,
      name: "Jianghan Parts Co.",
      taxArrears: 0n,
    });
    await http()
      .post("/v1/data-sharing/consents")
      .set(as(supplier))
      .send({
        granteeOrganisationId: bankA.id,
        categories: ["tax_summary"],
        purpose: "Factoring of voucher receivables",
        expiresAt: new Date(Date.now() + 3_600_000).toISOString(),
      })
      .expect(201);
    const data = await http().get(`/v1/financing/inbox/${requestA}/decision-data`).set(as(bankA)).expect(200);
    expect(data.body.supplierSharedData).toMatchObject({ status: "shared", code: null });
    expect(data.body.supplierSharedData.taxSummary.summary).toMatchObject({ taxId: supplier.taxId, taxArrears: "0" });

    const log = await http().get("/v1/data-sharing/access-log").set(as(supplier)).expect(200);
    const entry = log.body.items.find((item: { id: string }) => item.id === data.body.supplierSharedData.taxSummary.accessLogEntryId);
    expect(entry).toMatchObject({ accessorOrganisationId: bankA.id, category: "tax_summary", financingRequestId: requestA });
    // The other bank has no consent: the same request's data shows it nothing.
    const other = await http().get(`/v1/financing/inbox/${requestB}/decision-data`).set(as(bankB)).expect(200);
    expect(other.body.supplierSharedData).toMatchObject({ status: "not_shared", code: "CONSENT_REQUIRED" });
  });

  it("approves with an Idempotency-Key: the advance is paid once, however often the approval is replayed", async () => {
    const approve = (body: Record<string, unknown> = { advance: "95000", rateBps: 600, recourse: false }) =>
      http().post(`/v1/financing/inbox/${requestA}/approve`).set(as(bankA)).set("Idempotency-Key", "approve-A-1").send(body);
    const first = await approve().expect(202);
    expect(first.body).toMatchObject({ outcome: "approve", advance: "95000", rateBps: 600, repaymentAmount: "100000", status: "pending" });
    expect((await approve().expect(202)).body.id).toBe(first.body.id);

    const active = await waitFor(() => financingRequest(supplier, requestA), statusIs("active"));
    expect(active.body).toMatchObject({ advance: "95000", rateBps: 600, repaymentAmount: "100000" });
    expect(active.body.approvedTxHash).toMatch(/^0x[0-9a-f]{64}$/);
    const replayed = await approve().expect(202);
    expect(replayed.body).toMatchObject({ id: first.body.id, status: "confirmed", request: { status: "active" } });
    const reused = await approve({ advance: "96000", rateBps: 600 }).expect(409);
    expect(reused.body.error.code).toBe("IDEMPOTENCY_KEY_REUSED");

    move(bankA, supplier, 95_000n);
    await expectBalancesReconcile();
    expect(
      await dataSource.query(`SELECT count(*)::int AS n FROM chain_operations WHERE kind = 'financing.approveFactoring'`),
    ).toEqual([{ n: 1 }]);

    // Delivery versus payment: the part went to the bank in the same transaction.
    const part = await waitFor(
      () => http().get(`/v1/receivables/vouchers/${voucher1}`).set(as(bankA)),
      (response) => response.body.part?.holderOrganisationId === bankA.id,
    );
    expect(part.body.part).toMatchObject({ amount: "100000", status: "live" });
    const exposure = await http().get(`/v1/compliance/exposure-limits/${bankA.id}/${core.id}`).set(as(bankA)).expect(200);
    expect(exposure.body.exposure).toBe("100000");

    // The other bank's request for the same part can no longer be approved; it is rejected instead.
    const late = await http().post(`/v1/financing/inbox/${requestB}/approve`).set(as(bankB)).send({ advance: "95000", rateBps: 550 }).expect(409);
    expect(late.body.error.code).toBe("VOUCHER_PART_FINANCED");
    const rejected = await http()
      .post(`/v1/financing/inbox/${requestB}/reject`)
      .set(as(bankB))
      .set("Idempotency-Key", "reject-B")
      .send({ reason: "PART_ALREADY_FINANCED" })
      .expect(202);
    expect(rejected.body).toMatchObject({ outcome: "reject", reason: "PART_ALREADY_FINANCED" });
    await waitFor(() => financingRequest(bankB, requestB), statusIs("rejected"));
    await expectBalancesReconcile();
  });

  it("refuses an approval beyond the regulator's exposure limit, cleanly; a holder withdraws a request", async () => {
    const set = await http()
      .put(`/v1/compliance/exposure-limits/${bankA.id}/${core.id}`)
      .set(as(regulator))
      .send({ limit: "150000" })
      .expect(202);
    await waitFor(() => http().get(`/v1/compliance/instructions/${set.body.operationId}`).set(as(regulator)), statusIs("confirmed"));
    const limit = await http().get(`/v1/compliance/exposure-limits/${bankA.id}/${core.id}`).set(as(regulator)).expect(200);
    expect(limit.body).toEqual({ bankOrganisationId: bankA.id, debtorOrganisationId: core.id, exposure: "100000", limit: "150000" });
    await http().put(`/v1/compliance/exposure-limits/${bankA.id}/${core.id}`).set(as(bankA)).send({ limit: "1" }).expect(403);

    const asked = await http()
      .post("/v1/financing/requests")
      .set(as(supplier))
      .send({ partId: voucher2, bankOrganisationIds: [bankA.id], kind: "factoring", recourse: true, minAdvance: "0" })
      .expect(202);
    const requestId = asked.body.requests[0].id;
    await waitFor(() => financingRequest(supplier, requestId), statusIs("requested"));

    const data = await http().get(`/v1/financing/inbox/${requestId}/decision-data`).set(as(bankA)).expect(200);
    expect(data.body.exposure).toEqual({ exposure: "100000", limit: "150000", exposureAfterApproval: "180000", withinLimit: false });
    expect(data.body.risk.reasonCodes).toContain("EXPOSURE_LIMIT_EXCEEDED");

    // The caller's own: the maturity scan may record defaults (signed by the operator) at any moment.
    const operationsBefore = await dataSource.query(`SELECT count(*)::int AS n FROM chain_operations WHERE signer_address = $1`, [bankA.chainAddress]);
    const refused = await http()
      .post(`/v1/financing/inbox/${requestId}/approve`)
      .set(as(bankA))
      .set("Idempotency-Key", "approve-over-limit")
      .send({ advance: "75000", rateBps: 700 })
      .expect(409);
    expect(refused.body.error).toMatchObject({
      code: "COMPLIANCE_EXPOSURE_LIMIT_EXCEEDED",
      details: { exposure: "100000", amount: "80000", limit: "150000" },
    });
    expect(await dataSource.query(`SELECT count(*)::int AS n FROM chain_operations WHERE signer_address = $1`, [bankA.chainAddress])).toEqual(operationsBefore);
    expect(await dataSource.query(`SELECT count(*)::int AS n FROM financing_decisions WHERE request_id = $1`, [requestId])).toEqual([{ n: 0 }]);
    expect((await financingRequest(supplier, requestId).expect(200)).body.status).toBe("requested");
    await expectBalancesReconcile();

    await http().post(`/v1/financing/requests/${requestId}/withdraw`).set(as(bankA)).expect(403);
    await http().post(`/v1/financing/requests/${requestId}/withdraw`).set(as(supplier)).expect(202);
    await waitFor(() => financingRequest(supplier, requestId), statusIs("withdrawn"));
    const afterWithdrawal = await http().post(`/v1/financing/inbox/${requestId}/approve`).set(as(bankA)).send({ advance: "75000", rateBps: 700 }).expect(409);
    expect(afterWithdrawal.body.error.code).toBe("FINANCING_REQUEST_NOT_DECIDABLE");
  });

  it("puts a request the chain refused to settle back in the inbox, decidable, with the contract's error code", async () => {
    const asked = await http()
      .post("/v1/financing/requests")
      .set(as(supplier))
      .send({ partId: voucher2, bankOrganisationIds: [bankWithoutCash.id], kind: "factoring", recourse: false, minAdvance: "0" })
      .expect(202);
    const requestId = asked.body.requests[0].id;
    await waitFor(() => financingRequest(supplier, requestId), statusIs("requested"));
    // A bank with no cash passes every check the API can make; the DvP transfer itself fails on chain.
    const approval = await http()
      .post(`/v1/financing/inbox/${requestId}/approve`)
      .set(as(bankWithoutCash))
      .set("Idempotency-Key", "approve-without-cash")
      .send({ advance: "75000", rateBps: 700 })
      .expect(202);
    const failed = await waitFor(
      () => http().post(`/v1/financing/inbox/${requestId}/approve`).set(as(bankWithoutCash)).set("Idempotency-Key", "approve-without-cash").send({ advance: "75000", rateBps: 700 }),
      statusIs("failed"),
    );
    expect(failed.body).toMatchObject({ id: approval.body.id, errorCode: "ERC20_INSUFFICIENT_BALANCE", request: { status: "requested" } });
    const back = await financingRequest(supplier, requestId).expect(200);
    expect(back.body).toMatchObject({ status: "requested", errorCode: "ERC20_INSUFFICIENT_BALANCE", advance: null });
    await expectBalancesReconcile();

    await http().post(`/v1/financing/inbox/${requestId}/reject`).set(as(bankWithoutCash)).send({ reason: "NO_FUNDS" }).expect(202);
    await waitFor(() => financingRequest(supplier, requestId), statusIs("rejected"));
  });

  it("lends against a pledge: the advance against a hold on the part, which stays with the holder", async () => {
    const asked = await http()
      .post("/v1/financing/requests")
      .set(as(supplier))
      .send({ partId: voucher3, bankOrganisationIds: [bankB.id], kind: "pledge_loan", recourse: false, pledgeAmount: "50000", minAdvance: "40000" })
      .expect(202);
    const requestId = asked.body.requests[0].id;
    await waitFor(() => financingRequest(supplier, requestId), statusIs("requested"));
    const outOfRange = await http().post(`/v1/financing/inbox/${requestId}/approve`).set(as(bankB)).send({ advance: "45000", rateBps: 500 }).expect(400);
    expect(outOfRange.body.error.code).toBe("FINANCING_REPAYMENT_OUT_OF_RANGE");
    await http()
      .post(`/v1/financing/inbox/${requestId}/approve`)
      .set(as(bankB))
      .set("Idempotency-Key", "loan-1")
      .send({ advance: "45000", rateBps: 500, repaymentAmount: "48000" })
      .expect(202);
    await waitFor(() => financingRequest(supplier, requestId), statusIs("active"));
    const part = await waitFor(
      () => http().get(`/v1/receivables/vouchers/${voucher3}`).set(as(supplier)),
      (response) => response.body.part?.heldAmount === "48000",
    );
    expect(part.body.part).toMatchObject({ holderOrganisationId: supplier.id, amount: "60000", holdBeneficiary: bankB.chainAddress });
    move(bankB, supplier, 45_000n);
    await expectBalancesReconcile();
  });

  it("issues a guarantee within the guarantor's capacity, refuses one beyond it, and the bank pays the fee", async () => {
    const capacity = await http()
      .put(`/v1/compliance/guarantor-capacities/${guarantor.id}`)
      .set(as(regulator))
      .send({ capacity: "60000" })
      .expect(202);
    await waitFor(() => http().get(`/v1/compliance/instructions/${capacity.body.operationId}`).set(as(regulator)), statusIs("confirmed"));
    const offer = (coveredAmount: string, key: string) =>
      http()
        .post("/v1/guarantees")
        .set(as(guarantor))
        .set("Idempotency-Key", key)
        .send({ financingRequestId: requestA, coveredAmount, fee: "1500" });

    const beyond = await offer("80000", "offer-too-big").expect(409);
    expect(beyond.body.error).toMatchObject({
      code: "COMPLIANCE_GUARANTOR_CAPACITY_EXCEEDED",
      details: { used: "0", amount: "80000", capacity: "60000" },
    });
    const offered = await offer("50000", "offer-1").expect(202);
    expect((await offer("50000", "offer-1").expect(202)).body.id).toBe(offered.body.id);
    guaranteeId = offered.body.id;
    // The open offer counts against the capacity too.
    expect((await offer("20000", "offer-2").expect(409)).body.error.code).toBe("COMPLIANCE_GUARANTOR_CAPACITY_EXCEEDED");
    await waitFor(() => guarantee(guarantor, guaranteeId), statusIs("offered"));

    await http().post(`/v1/guarantees/${guaranteeId}/accept`).set(as(bankB)).expect(404);
    await http().post(`/v1/guarantees/${guaranteeId}/accept`).set(as(guarantor)).expect(403);
    await http().post(`/v1/guarantees/${guaranteeId}/accept`).set(as(bankA)).expect(202);
    const active = await waitFor(() => guarantee(bankA, guaranteeId), statusIs("active"));
    onChainGuaranteeId = active.body.guaranteeId;
    expect(active.body).toMatchObject({ coveredAmount: "50000", fee: "1500", beneficiaryAddress: bankA.chainAddress });
    move(bankA, guarantor, 1_500n);
    await expectBalancesReconcile();

    const used = await http().get(`/v1/compliance/guarantor-capacities/${guarantor.id}`).set(as(guarantor)).expect(200);
    expect(used.body).toMatchObject({ capacity: "60000", used: "50000" });
    const data = await http().get(`/v1/financing/inbox/${requestA}/decision-data`).set(as(bankA)).expect(200);
    expect(data.body.guaranteeCover).toEqual({ active: "50000", offered: "0" });
  });

  it("on default the bank claims, the guarantor pays and takes over the covered part of the claim", async () => {
    const early = await http().post(`/v1/guarantees/${guaranteeId}/claim`).set(as(bankA)).expect(409);
    expect(early.body.error.code).toBe("GUARANTEE_VOUCHER_NOT_DEFAULTED");

    const defaultableAt = maturitySeconds + (await gracePeriodSeconds(testApp.app));
    await advanceChainTime(testApp.config.chainRpcUrl, Math.max(1, defaultableAt - (await chainTime(testApp.app)) + 60));
    await recordAndConfirm(testApp.app, [{ kind: "voucher.declareDefault", signer: bankA.chainAddress, payload: { voucherId: voucher1 } }]);
    await waitFor(
      () => http().get(`/v1/receivables/vouchers/${voucher1}`).set(as(bankA)),
      (response) => response.body.voucher?.status === "defaulted",
    );

    await http().post(`/v1/guarantees/${guaranteeId}/claim`).set(as(guarantor)).expect(403);
    await http().post(`/v1/guarantees/${guaranteeId}/claim`).set(as(bankA)).expect(202);
    await waitFor(() => guarantee(bankA, guaranteeId), statusIs("claimed"));
    await http().post(`/v1/guarantees/${guaranteeId}/pay`).set(as(guarantor)).expect(202);
    const paid = await waitFor(() => guarantee(guarantor, guaranteeId), statusIs("paid"));
    const subrogatedPartId = paid.body.subrogatedPartId as string;
    expect(subrogatedPartId).toMatch(/^[0-9]+$/);
    move(guarantor, bankA, 50_000n);
    await expectBalancesReconcile();

    // Subrogation: the guarantor now holds the covered value of the bank's claim on the debtor.
    const lineage = await waitFor(
      () => http().get(`/v1/receivables/vouchers/${subrogatedPartId}`).set(as(guarantor)),
      (response) => response.status === 200,
    );
    expect(lineage.body.part).toMatchObject({ partId: subrogatedPartId, amount: "50000", holderOrganisationId: guarantor.id, tier: 2 });
    expect(lineage.body.ancestors.map((ancestor: { partId: string }) => ancestor.partId)).toEqual([voucher1]);
    const bankPart = await http().get(`/v1/receivables/vouchers/${voucher1}`).set(as(bankA)).expect(200);
    expect(bankPart.body.part).toMatchObject({ holderOrganisationId: bankA.id, amount: "50000" });
    const capacity = await http().get(`/v1/compliance/guarantor-capacities/${guarantor.id}`).set(as(regulator)).expect(200);
    expect(capacity.body.used).toBe("0");

    const data = await http().get(`/v1/financing/inbox/${requestB}/decision-data`).set(as(bankB)).expect(200);
    expect(data.body.debtorPaymentRecord).toMatchObject({ defaultedCount: 1, defaultedAmount: "100000" });
  });

  it("told the bank, the holder and the guarantor by signed webhooks, each only of what concerns it", async () => {
    const keys = (path: string) =>
      receiver
        .accepted()
        .filter((item) => item.path === path)
        .map((item) => item.eventKey);
    const forRequestA = (type: string) => `${type}:${financingIdA}`;
    const bankExpects = [
      forRequestA("financing.requested"),
      forRequestA("financing.approved"),
      forRequestA("financing.disbursed"),
      `guarantee.issued:${onChainGuaranteeId}`,
      `guarantee.claimed:${onChainGuaranteeId}`,
      `guarantee.paid:${onChainGuaranteeId}`,
    ];
    await waitFor(
      async () => keys("/bank"),
      (received) => bankExpects.every((key) => received.includes(key)),
    );
    await waitFor(
      async () => keys("/supplier"),
      (received) => [forRequestA("financing.requested"), forRequestA("financing.approved"), forRequestA("financing.disbursed")].every((key) => received.includes(key)),
    );
    await waitFor(
      async () => keys("/guarantor"),
      (received) => [`guarantee.issued:${onChainGuaranteeId}`, `guarantee.paid:${onChainGuaranteeId}`].every((key) => received.includes(key)),
    );
    expect(receiver.received.every((item) => item.signatureValid)).toBe(true);
    // The holder is no party to the guarantee, and the guarantor none to the financing request.
    expect(keys("/supplier").some((key) => key.startsWith("guarantee."))).toBe(false);
    expect(keys("/guarantor").some((key) => key.startsWith("financing."))).toBe(false);
    // One delivery per event and subscription.
    for (const path of ["/bank", "/supplier", "/guarantor"]) expect(new Set(keys(path)).size).toBe(keys(path).length);
  });
});
