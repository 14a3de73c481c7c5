import "reflect-metadata";
import { randomBytes, randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "@jest/globals";
import { Contract, Wallet } from "ethers";
import request from "supertest";
import { DataSource } from "typeorm";
import { ChainProvider } from "../../../backend/chain/chain-provider.js";
import { SuiteContracts } from "../../../backend/chain/suite-contracts.js";
import { OrganisationSigningKeys } from "../../../backend/participants/organisation-signing-keys.service.js";
import { Organisation } from "../../../backend/participants/organisation.entity.js";
import { ChainClock } from "../../../backend/settlement/chain-clock.js";
import { MaturityScanner } from "../../../backend/settlement/maturity-scanner.service.js";
import { type TestApp, createTestApp } from "./app.js";
import { registerAndAttestInvoices } from "./fixtures/chain-invoices.js";
import { type Participant, onboardActive, operatorApiKey } from "./fixtures/participants.js";
import { type WebhookReceiver, startWebhookReceiver } from "./fixtures/webhook-receiver.js";
import { waitFor } from "./wait-for.js";

// The money loop on a real chain: a bank mints cash against deposits, a voucher split across three holders
// matures (on chain time), the debtor pays it and every holder receives exactly its part; balances reconcile
// with the chain to the unit. A second voucher goes overdue and, after the grace period, defaults.
// The tests run in order and build on each other.

describe("cash, maturity, settlement and default", () => {
  let testApp: TestApp;
  let dataSource: DataSource;
  let receiver: WebhookReceiver;
  let core: Participant, tier1: Participant, tier2: Participant, tier3: Participant, bank: Participant, outsider: Participant;
  let voucherA: string, voucherB: string, partTier2: string, partTier3: string;
  let maturitySeconds: number;

  const http = () => request(testApp.app.getHttpServer());
  const as = (participant: Participant) => ({ Authorization: `Bearer ${participant.apiKey}` });
  const settled = (response: request.Response) => response.body.status !== "pending";
  const balanceOf = async (participant: Participant) =>
    (await http().get("/v1/cash/balance").set(as(participant)).expect(200)).body.balance as string;
  const settlement = (participant: Participant, voucherId: string) =>
    http().get(`/v1/settlement/vouchers/${voucherId}`).set(as(participant));
  const rpc = () => testApp.app.get(ChainProvider).provider;
  /** Moves chain time so that the next block is at least `target` (unix seconds). */
  const advanceChainTo = async (target: number) => {
    const now = await testApp.app.get(ChainClock).now();
    if (target > now) await rpc().send("evm_increaseTime", [target - now]);
    await rpc().send("evm_mine", []);
  };
  const subscribe = async (participant: Participant, eventTypes: string[]) => {
    const path = `/${participant.id}`;
    const created = await http().post("/v1/webhooks/subscriptions").set(as(participant)).send({ url: receiver.url(path), eventTypes }).expect(201);
    receiver.secrets.set(path, created.body.secret);
  };
  const webhooksOf = (participant: Participant, type: string) =>
    receiver.accepted().filter((item) => item.path === `/${participant.id}` && item.type === type);

  beforeAll(async () => {
    testApp = await createTestApp((config) => ({ ...config, maturityScanEveryMs: 500, webhookSweepEveryMs: 200, webhookRetryBaseMs: 200 }));
    dataSource = testApp.app.get(DataSource);
    receiver = await startWebhookReceiver();
    const operatorKey = await operatorApiKey(testApp.app);
    const unique = randomBytes(3).toString("hex").toUpperCase();
    let taxAuthority: Participant;
    [core, tier1, tier2, tier3, bank, outsider, taxAuthority] = await onboardActive(testApp.app, operatorKey, [
      { name: "Dongfeng Motor Works", taxId: `91420100CORE${unique}`, roles: ["core_enterprise"] },
      { name: "Jianghan Parts Co.", taxId: `91420100TIER1${unique}`, roles: ["supplier"] },
      { name: "Hanyang Castings", taxId: `91420100TIER2${unique}`, roles: ["supplier"] },
      { name: "Caidian Fasteners", taxId: `91420100TIER3${unique}`, roles: ["supplier"] },
      { name: "Hankou Bank", roles: ["bank"] },
      { name: "Qingshan Plastics", taxId: `91420100OTHER${unique}`, roles: ["supplier"] },
      { name: "Hubei Tax Bureau", roles: ["tax_authority"] },
    ]);
    await subscribe(core, ["voucher.matured", "voucher.defaulted", "voucher.paid"]);
    await subscribe(tier2, ["voucher.paid", "voucher.part_paid", "cash.received"]);
    const [invoiceA, invoiceB] = await registerAndAttestInvoices(testApp.app, taxAuthority!, [
      { seller: tier1, debtor: core, amount: 100_000n },
      { seller: tier1, debtor: core, amount: 50_000n },
    ]);

    // Other test files may have moved the shared chain's clock: maturity is set from whichever is later.
    const chainNow = await testApp.app.get(ChainClock).now();
    maturitySeconds = Math.max(chainNow, Math.floor(Date.now() / 1000)) + 600;
    const maturity = new Date(maturitySeconds * 1000).toISOString();
    const accepted = await http()
      .post("/v1/receivables/confirmations")
      .set(as(core))
      .send({ items: [{ invoiceKey: invoiceA, faceValue: "100000", maturity }, { invoiceKey: invoiceB, faceValue: "50000", maturity }] })
      .expect(202);
    const confirmations = [];
    for (const confirmation of accepted.body.confirmations) {
      confirmations.push(
        await waitFor(() => http().get(`/v1/receivables/confirmations/${confirmation.id}`).set(as(core)), settled),
      );
    }
    [voucherA, voucherB] = confirmations.map((response) => response.body.voucherId as string);
    expect(voucherA).toBeDefined();

    const split = await http()
      .post(`/v1/receivables/vouchers/${voucherA}/split`)
      .set(as(tier1))
      .send({ parts: [{ amount: "30000", recipientOrganisationId: tier2.id }, { amount: "20000", recipientOrganisationId: tier3.id }] })
      .expect(202);
    await waitFor(() => http().get(`/v1/receivables/instructions/${split.body.id}`).set(as(tier1)), settled);
    const lineage = await waitFor(
      () => http().get(`/v1/receivables/vouchers/${voucherA}`).set(as(tier1)),
      (response) => response.body.children?.length === 2,
    );
    [partTier2, partTier3] = lineage.body.children.map((child: { partId: string }) => child.partId);
  }, 180_000);
  afterAll(async () => {
    await testApp?.close();
    await receiver?.close();
  });

  it("lets a bank mint against deposits (to itself and to a depositor) and burn; Idempotency-Key returns the first instruction", async () => {
    const mint = () =>
      http().post("/v1/cash/mint").set(as(bank)).set("Idempotency-Key", "deposit-1").send({ amount: "1000000" });
    const minted = await mint().expect(202);
    expect(minted.body).toMatchObject({ kind: "mint", amount: "1000000", recipientOrganisationId: bank.id, status: "pending" });
    expect((await mint().expect(202)).body.id).toBe(minted.body.id);
    const reused = await http().post("/v1/cash/mint").set(as(bank)).set("Idempotency-Key", "deposit-1").send({ amount: "5" }).expect(409);
    expect(reused.body.error.code).toBe("IDEMPOTENCY_KEY_REUSED");

    const toCore = await http().post("/v1/cash/mint").set(as(bank)).send({ amount: "120000", recipientOrganisationId: core.id }).expect(202);
    for (const id of [minted.body.id, toCore.body.id]) {
      expect((await waitFor(() => http().get(`/v1/cash/instructions/${id}`).set(as(bank)), settled)).body.status).toBe("confirmed");
    }
    await waitFor(() => balanceOf(bank), (balance) => balance === "1000000");

    const burn = await http().post("/v1/cash/burn").set(as(bank)).set("Idempotency-Key", "withdrawal-1").send({ amount: "200000" }).expect(202);
    const tooMuch = await http().post("/v1/cash/burn").set(as(bank)).send({ amount: "900000" }).expect(409);
    expect(tooMuch.body.error).toMatchObject({ code: "CASH_INSUFFICIENT", details: { spendable: "800000" } });
    expect((await waitFor(() => http().get(`/v1/cash/instructions/${burn.body.id}`).set(as(bank)), settled)).body.status).toBe("confirmed");

    expect(await waitFor(() => balanceOf(bank), (balance) => balance === "800000")).toBe("800000");
    expect(await waitFor(() => balanceOf(core), (balance) => balance === "120000")).toBe("120000");

    const first = await http().get("/v1/cash/movements?limit=1").set(as(bank)).expect(200);
    expect(first.body.items).toEqual([expect.objectContaining({ kind: "burn", direction: "out", amount: "200000", toAddress: null })]);
    const second = await http().get(`/v1/cash/movements?limit=1&cursor=${first.body.nextCursor}`).set(as(bank)).expect(200);
    expect(second.body.items).toEqual([expect.objectContaining({ kind: "mint", direction: "in", amount: "1000000", fromAddress: null })]);
    expect(second.body.nextCursor).toBeNull();
    const coreMovements = await http().get("/v1/cash/movements").set(as(core)).expect(200);
    expect(coreMovements.body.items).toEqual([expect.objectContaining({ kind: "mint", direction: "in", amount: "120000", toOrganisationId: core.id })]);
  });

  it("refuses cash operations by non-banks, and reports the contract's refusal of a mint with its decoded code", async () => {
    const notBank = await http().post("/v1/cash/mint").set(as(core)).send({ amount: "1" }).expect(403);
    expect(notBank.body.error.code).toBe("ROLE_REQUIRED");
    await http().post("/v1/cash/mint").set(as(bank)).send({ amount: "1.5" }).expect(400);

    // Active as far as this database knows, but never onboarded on chain: only the contract can tell.
    const ghost = await dataSource.getRepository(Organisation).save({
      id: randomUUID(),
      name: "Ghost Trading Ltd.",
      taxId: null,
      roles: ["supplier"],
      region: null,
      industry: null,
      chainAddress: Wallet.createRandom().address,
      encryptedPrivateKey: "unused",
      onChainStatus: "active",
    });
    const minted = await http().post("/v1/cash/mint").set(as(bank)).send({ amount: "10", recipientOrganisationId: ghost.id }).expect(202);
    const failed = await waitFor(() => http().get(`/v1/cash/instructions/${minted.body.id}`).set(as(bank)), settled);
    expect(failed.body).toMatchObject({ status: "failed", errorCode: "CASH_RECIPIENT_NOT_VERIFIED" });
  });

  it("shows both vouchers as due before maturity, and refuses payment by anyone but the debtor", async () => {
    expect((await settlement(tier3, voucherA).expect(200)).body).toMatchObject({ status: "due", outstanding: "100000", paid: "0" });
    const list = await http().get("/v1/settlement/vouchers?status=due").set(as(core)).expect(200);
    expect(list.body.items.map((item: { voucherId: string }) => item.voucherId).sort()).toEqual([voucherA, voucherB].sort());

    const notDebtor = await http().post(`/v1/settlement/vouchers/${voucherA}/pay`).set(as(tier1)).send({}).expect(403);
    expect(notDebtor.body.error.code).toBe("SETTLEMENT_NOT_DEBTOR");
    const hidden = await http().post(`/v1/settlement/vouchers/${voucherA}/pay`).set(as(outsider)).send({}).expect(404);
    expect(hidden.body.error.code).toBe("VOUCHER_NOT_FOUND");
    await settlement(outsider, voucherA).expect(404);
    const foreignPart = await http().post(`/v1/settlement/vouchers/${voucherB}/pay`).set(as(core)).send({ partIds: [partTier2] }).expect(400);
    expect(foreignPart.body.error.code).toBe("SETTLEMENT_PART_NOT_OF_VOUCHER");
  });

  it("marks vouchers overdue once chain time passes maturity, and tells the debtor", async () => {
    await advanceChainTo(maturitySeconds + 1);
    const report = await testApp.app.get(MaturityScanner).scan();
    expect(report.chainTime).toBeGreaterThanOrEqual(maturitySeconds);
    for (const voucherId of [voucherA, voucherB]) {
      const overdue = await waitFor(() => settlement(core, voucherId), (response) => response.body.status === "overdue");
      expect(overdue.body.defaultableAt).not.toBeNull();
    }
    const matured = await waitFor(async () => webhooksOf(core, "voucher.matured"), (items) => items.length === 2);
    expect(matured.map((item) => item.data.voucherId).sort()).toEqual([voucherA, voucherB].sort());
  });

  it("the debtor pays every part of a voucher; each holder receives exactly its part, once", async () => {
    const before = { tier1: await balanceOf(tier1), tier2: await balanceOf(tier2), tier3: await balanceOf(tier3) };
    expect(before).toEqual({ tier1: "0", tier2: "0", tier3: "0" });

    const pay = () => http().post(`/v1/settlement/vouchers/${voucherA}/pay`).set(as(core)).set("Idempotency-Key", "pay-A").send({});
    const accepted = await pay().expect(202);
    expect(accepted.body).toMatchObject({ voucherId: voucherA, amount: "100000", status: "pending" });
    expect(accepted.body.partIds.sort()).toEqual([voucherA, partTier2, partTier3].sort());
    expect((await pay().expect(202)).body.id).toBe(accepted.body.id);
    // 120,000 minus the 100,000 on its way leaves too little for voucher B's 50,000.
    const short = await http().post(`/v1/settlement/vouchers/${voucherB}/pay`).set(as(core)).send({}).expect(409);
    expect(short.body.error).toMatchObject({ code: "CASH_INSUFFICIENT", details: { needed: "50000", spendable: "20000" } });

    const done = await waitFor(() => http().get(`/v1/settlement/payments/${accepted.body.id}`).set(as(core)), settled);
    expect(done.body).toMatchObject({ status: "confirmed", errorCode: null });
    const paid = await waitFor(() => settlement(tier2, voucherA), (response) => response.body.status === "paid");
    expect(paid.body).toMatchObject({ paid: "100000", outstanding: "0", outstandingParts: [] });
    expect(
      paid.body.payments.map((payment: { partId: string; holderOrganisationId: string; holderAmount: string; beneficiaryAmount: string }) => [
        payment.partId,
        payment.holderOrganisationId,
        payment.holderAmount,
        payment.beneficiaryAmount,
      ]),
    ).toEqual([
      [voucherA, tier1.id, "50000", "0"],
      [partTier2, tier2.id, "30000", "0"],
      [partTier3, tier3.id, "20000", "0"],
    ]);

    expect(await waitFor(() => balanceOf(tier1), (balance) => balance !== "0")).toBe("50000");
    expect(await balanceOf(tier2)).toBe("30000");
    expect(await balanceOf(tier3)).toBe("20000");
    expect(await balanceOf(core)).toBe("20000");

    const again = await http().post(`/v1/settlement/vouchers/${voucherA}/pay`).set(as(core)).send({}).expect(409);
    expect(again.body.error.code).toBe("VOUCHER_ALREADY_PAID");

    const tier2News = await waitFor(
      async () => receiver.accepted().filter((item) => item.path === `/${tier2.id}`),
      (items) => ["voucher.part_paid", "cash.received", "voucher.paid"].every((type) => items.some((item) => item.type === type)),
    );
    expect(tier2News.every((item) => item.signatureValid && item.organisationId === tier2.id)).toBe(true);
    expect(webhooksOf(tier2, "cash.received").map((item) => item.data.amount)).toEqual(["30000"]);
    expect(webhooksOf(tier2, "voucher.part_paid").map((item) => item.data.partId)).toEqual([partTier2]);
  });

  it("balances in the platform's table reconcile with the chain to the unit", async () => {
    const chainToken = new Contract(
      testApp.app.get(SuiteContracts).addresses.CashToken,
      testApp.app.get(SuiteContracts).interfaces.CashToken,
      rpc(),
    );
    const snapshot = await dataSource.transaction("REPEATABLE READ", async (manager) => ({
      block: Number((await manager.query(`SELECT last_indexed_block FROM chain_cursors WHERE name = 'suite'`))[0].last_indexed_block),
      accounts: (await manager.query(`SELECT address, balance FROM cash_accounts`)) as Array<{ address: string; balance: string }>,
    }));
    const total = snapshot.accounts.reduce((sum, account) => sum + BigInt(account.balance), 0n);
    expect(total).toBe(await chainToken.getFunction("totalSupply").staticCall({ blockTag: snapshot.block }));
    for (const account of snapshot.accounts) {
      expect([account.address, BigInt(account.balance)]).toEqual([
        account.address,
        await chainToken.getFunction("balanceOf").staticCall(account.address, { blockTag: snapshot.block }),
      ]);
    }
    expect(snapshot.accounts.map((account) => account.address)).toEqual(
      expect.arrayContaining([bank, core, tier1, tier2, tier3].map((participant) => participant.chainAddress)),
    );
  });

  it("declares an unpaid voucher in default after the grace period (scheduled job), and it can still be paid late", async () => {
    const grace = await testApp.app.get(ChainClock).gracePeriodSeconds();
    await advanceChainTo(maturitySeconds + grace + 2);
    const defaulted = await waitFor(() => settlement(tier1, voucherB), (response) => response.body.status === "defaulted");
    expect(defaulted.body).toMatchObject({ defaultedOutstanding: "50000", outstanding: "50000" });
    // Only this voucher's: the shared chain may carry other files' unpaid vouchers, which the scan declares too.
    const operation = await dataSource.query(
      `SELECT signer_address, status FROM chain_operations WHERE kind = 'voucher.declareDefault' AND payload->>'voucherId' = $1`,
      [voucherB],
    );
    expect(operation).toEqual([{ signer_address: testApp.app.get(OrganisationSigningKeys).operatorAddress, status: "confirmed" }]);
    const news = await waitFor(async () => webhooksOf(core, "voucher.defaulted"), (items) => items.length === 1);
    expect(news[0]!.data).toMatchObject({ voucherId: voucherB, outstanding: "50000" });

    await http().post("/v1/cash/mint").set(as(bank)).send({ amount: "30000", recipientOrganisationId: core.id }).expect(202);
    await waitFor(() => balanceOf(core), (balance) => balance === "50000");
    const late = await http().post(`/v1/settlement/vouchers/${voucherB}/pay`).set(as(core)).send({}).expect(202);
    expect((await waitFor(() => http().get(`/v1/settlement/payments/${late.body.id}`).set(as(core)), settled)).body.status).toBe("confirmed");
    await waitFor(() => settlement(core, voucherB), (response) => response.body.status === "paid");
    expect(await waitFor(() => balanceOf(tier1), (balance) => balance === "100000")).toBe("100000");
    const paidNews = await waitFor(async () => webhooksOf(core, "voucher.paid"), (items) => items.length === 2);
    expect(paidNews.map((item) => item.data.voucherId).sort()).toEqual([voucherA, voucherB].sort());
  });
});
