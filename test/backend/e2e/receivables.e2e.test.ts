import "reflect-metadata";
import { randomBytes, randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "@jest/globals";
import { Wallet } from "ethers";
import request from "supertest";
import { DataSource } from "typeorm";
import { Organisation } from "../../../backend/participants/organisation.entity.js";
import { type TestApp, createTestApp } from "./app.js";
import { registerAndAttestInvoices } from "./fixtures/chain-invoices.js";
import { type Participant, onboardActive, operatorApiKey } from "./fixtures/participants.js";
import { waitFor } from "./wait-for.js";

// The whole path: API -> chain operation -> writer -> chain -> indexer -> projector -> tables -> API.
// The tests run in order and build on each other: one voucher travels down a three-tier supply chain.

describe("receivables: confirmed payables become vouchers that are split and passed down the chain", () => {
  let testApp: TestApp;
  let dataSource: DataSource;
  let core: Participant, otherCore: Participant, tier1: Participant, tier2: Participant, tier3: Participant;
  let outsider: Participant;
  let invoiceA: string, invoiceB: string, invoiceC: string;
  let voucherA: string, tier2Part: string, tier3Part: string;
  const maturity = new Date(Date.now() + 90 * 24 * 3600 * 1000);
  maturity.setUTCMilliseconds(0);

  const http = () => request(testApp.app.getHttpServer());
  const as = (participant: Participant) => ({ Authorization: `Bearer ${participant.apiKey}` });
  const confirmation = (participant: Participant, id: string) =>
    http().get(`/v1/receivables/confirmations/${id}`).set(as(participant));
  const instruction = (participant: Participant, id: string) => http().get(`/v1/receivables/instructions/${id}`).set(as(participant));
  const part = (participant: Participant, partId: string) => http().get(`/v1/receivables/vouchers/${partId}`).set(as(participant));
  const untilSettled = (response: request.Response) => response.body.status !== "pending";

  beforeAll(async () => {
    testApp = await createTestApp();
    dataSource = testApp.app.get(DataSource);
    const operatorKey = await operatorApiKey(testApp.app);
    const unique = randomBytes(3).toString("hex").toUpperCase();
    let taxAuthority: Participant;
    [core, otherCore, tier1, tier2, tier3, outsider, taxAuthority] = await onboardActive(testApp.app, operatorKey, [
      { name: "Dongfeng Motor Works", taxId: `91420100CORE${unique}`, roles: ["core_enterprise"] },
      { name: "Wuhan Steel Group", taxId: `91420100STEEL${unique}`, roles: ["core_enterprise"] },
      { name: "Jianghan Parts Co.", taxId: `91420100TIER1${unique}`, roles: ["supplier"] },
      { name: "Hanyang Castings", taxId: `91420100TIER2${unique}`, roles: ["supplier"] },
      { name: "Caidian Fasteners", taxId: `91420100TIER3${unique}`, roles: ["supplier"] },
      { name: "Qingshan Plastics", taxId: `91420100OTHER${unique}`, roles: ["supplier"] },
      { name: "Hubei Tax Bureau", roles: ["tax_authority"] },
    ]);
    [invoiceA, invoiceB, invoiceC] = await registerAndAttestInvoices(testApp.app, taxAuthority!, [
      { seller: tier1, debtor: core, amount: 100_000n },
      { seller: tier1, debtor: core, amount: 50_000n },
      { seller: tier1, debtor: core, amount: 70_000n },
    ]);
  }, 180_000);
  afterAll(() => testApp?.close());

  it("confirms two payables in one request, issues both vouchers in one chain transaction, and shows them", async () => {
    const accepted = await http()
      .post("/v1/receivables/confirmations")
      .set(as(core))
      .send({
        items: [
          { invoiceKey: invoiceA, faceValue: "100000", maturity: maturity.toISOString() },
          { invoiceKey: invoiceB, faceValue: "45000", maturity: maturity.toISOString() },
        ],
      })
      .expect(202);
    const [first, second] = accepted.body.confirmations;
    expect(first).toMatchObject({ invoiceKey: invoiceA, status: "pending", holderAddress: tier1.chainAddress, faceValue: "100000" });

    const issuedA = await waitFor(() => confirmation(core, first.id), untilSettled);
    const issuedB = await waitFor(() => confirmation(core, second.id), untilSettled);
    expect(issuedA.body).toMatchObject({ status: "issued", errorCode: null });
    expect(issuedB.body.status).toBe("issued");
    voucherA = issuedA.body.voucherId;

    const transactions = await dataSource.query(
      `SELECT DISTINCT transaction_id FROM chain_operations WHERE kind = 'voucher.issue' AND business_key LIKE ANY($1)`,
      [[`voucher.issue:${invoiceA}:%`, `voucher.issue:${invoiceB}:%`]],
    );
    expect(transactions).toHaveLength(1);

    const held = await http().get("/v1/receivables/vouchers").set(as(tier1)).expect(200);
    expect(held.body.items.find((item: { partId: string }) => item.partId === voucherA)).toMatchObject({
      voucherId: voucherA,
      tier: 1,
      parentPartId: null,
      amount: "100000",
      status: "live",
      holderOrganisationId: tier1.id,
      voucher: { invoiceKey: invoiceA, debtorOrganisationId: core.id, faceValue: "100000", maturity: maturity.toISOString(), status: "active", frozen: false },
    });
    const owed = await http().get("/v1/receivables/vouchers").set(as(core)).expect(200);
    expect(owed.body.items.map((item: { voucher: { invoiceKey: string } }) => item.voucher.invoiceKey).sort()).toEqual(
      [invoiceA, invoiceB].sort(),
    );

    const again = await http()
      .post("/v1/receivables/confirmations")
      .set(as(core))
      .send({ items: [{ invoiceKey: invoiceA, faceValue: "100000", maturity: maturity.toISOString() }] })
      .expect(409);
    expect(again.body.error).toMatchObject({ code: "INVOICE_ALREADY_BACKS_VOUCHER", details: { voucherId: voucherA } });
  });

  it("splits a part to a tier-2 supplier; a retry with the same Idempotency-Key returns the same instruction", async () => {
    const split = () =>
      http()
        .post(`/v1/receivables/vouchers/${voucherA}/split`)
        .set(as(tier1))
        .set("Idempotency-Key", "split-to-tier2-1")
        .send({ parts: [{ amount: "40000", recipientOrganisationId: tier2.id }] });
    const accepted = await split().expect(202);
    expect(accepted.body).toMatchObject({
      kind: "split",
      partId: voucherA,
      recipients: [{ organisationId: tier2.id, address: tier2.chainAddress, amount: "40000" }],
    });
    expect((await split().expect(202)).body.id).toBe(accepted.body.id);
    const reused = await http()
      .post(`/v1/receivables/vouchers/${voucherA}/split`)
      .set(as(tier1))
      .set("Idempotency-Key", "split-to-tier2-1")
      .send({ parts: [{ amount: "1", recipientOrganisationId: tier2.id }] })
      .expect(409);
    expect(reused.body.error.code).toBe("IDEMPOTENCY_KEY_REUSED");

    expect((await waitFor(() => instruction(tier1, accepted.body.id), untilSettled)).body).toMatchObject({ status: "confirmed" });
    const root = await waitFor(() => part(tier1, voucherA), (response) => response.body.children?.length === 1);
    expect(root.body.part).toMatchObject({ amount: "60000", status: "live", tier: 1 });
    expect(root.body.children[0]).toMatchObject({ tier: 2, parentPartId: voucherA, amount: "40000", holderOrganisationId: tier2.id });
    tier2Part = root.body.children[0].partId;

    const held = await http().get("/v1/receivables/vouchers").set(as(tier2)).expect(200);
    expect(held.body.items.map((item: { partId: string }) => item.partId)).toEqual([tier2Part]);
  });

  it("splits on to tier 3 and transfers a part; the lineage shows ancestors, children, tiers and holders", async () => {
    const split = await http()
      .post(`/v1/receivables/vouchers/${tier2Part}/split`)
      .set(as(tier2))
      .send({ parts: [{ amount: "15000", recipientOrganisationId: tier3.id }] })
      .expect(202);
    expect((await waitFor(() => instruction(tier2, split.body.id), untilSettled)).body.status).toBe("confirmed");
    const transfer = await http()
      .post(`/v1/receivables/vouchers/${tier2Part}/transfer`)
      .set(as(tier2))
      .send({ recipientOrganisationId: tier3.id })
      .expect(202);
    expect(transfer.body).toMatchObject({ kind: "transfer", recipients: [{ organisationId: tier3.id }] });
    expect((await waitFor(() => instruction(tier2, transfer.body.id), untilSettled)).body.status).toBe("confirmed");

    const fromRoot = await waitFor(
      () => part(core, voucherA),
      (response) => response.body.children?.[0]?.holderOrganisationId === tier3.id && response.body.children[0].children.length === 1,
    );
    expect(fromRoot.body.voucher).toMatchObject({ voucherId: voucherA, faceValue: "100000", invoiceKey: invoiceA });
    expect(fromRoot.body.ancestors).toEqual([]);
    const [middle] = fromRoot.body.children;
    expect(middle).toMatchObject({ partId: tier2Part, tier: 2, amount: "25000", holderAddress: tier3.chainAddress });
    expect(middle.children).toEqual([
      expect.objectContaining({ tier: 3, parentPartId: tier2Part, amount: "15000", holderOrganisationId: tier3.id, children: [] }),
    ]);
    tier3Part = middle.children[0].partId;

    const fromLeaf = await part(tier3, tier3Part).expect(200);
    expect(fromLeaf.body.part).toMatchObject({ partId: tier3Part, tier: 3 });
    expect(fromLeaf.body.ancestors.map((ancestor: { partId: string; tier: number; holderOrganisationId: string }) => [
      ancestor.partId,
      ancestor.tier,
      ancestor.holderOrganisationId,
    ])).toEqual([
      [voucherA, 1, tier1.id],
      [tier2Part, 2, tier3.id],
    ]);
    expect(fromLeaf.body.children).toEqual([]);
  });

  it("refuses a confirmation by a core enterprise that is not the invoice's debtor", async () => {
    const denied = await http()
      .post("/v1/receivables/confirmations")
      .set(as(otherCore))
      .send({ items: [{ invoiceKey: invoiceC, faceValue: "70000", maturity: maturity.toISOString() }] })
      .expect(403);
    expect(denied.body.error).toMatchObject({ code: "VOUCHER_NOT_DEBTOR", details: { index: 0, invoiceKey: invoiceC } });

    const notCore = await http()
      .post("/v1/receivables/confirmations")
      .set(as(tier1))
      .send({ items: [{ invoiceKey: invoiceC, faceValue: "70000", maturity: maturity.toISOString() }] })
      .expect(403);
    expect(notCore.body.error.code).toBe("ROLE_REQUIRED");
  });

  it("records the contract's refusal as a failed confirmation with its error code", async () => {
    const unregistered = `0x${randomBytes(32).toString("hex")}`;
    const accepted = await http()
      .post("/v1/receivables/confirmations")
      .set(as(core))
      .send({ items: [{ invoiceKey: unregistered, faceValue: "1000", maturity: maturity.toISOString(), holder: tier1.chainAddress }] })
      .expect(202);
    const failed = await waitFor(() => confirmation(core, accepted.body.confirmations[0].id), untilSettled);
    expect(failed.body).toMatchObject({ status: "failed", errorCode: "INVOICE_STATUS_INVALID", voucherId: null });
    expect(failed.body.errorMessage).toMatch(/^InvoiceStatusInvalid\(/);
  });

  it("refuses a transfer to an organisation that is not verified, before going to the chain", async () => {
    const pending = await dataSource.getRepository(Organisation).save({
      id: randomUUID(),
      name: "Not yet onboarded Ltd.",
      taxId: null,
      roles: ["supplier"],
      region: null,
      industry: null,
      chainAddress: Wallet.createRandom().address,
      encryptedPrivateKey: "unused",
      onChainStatus: "pending",
    });
    // The caller's own: the maturity scan may record defaults (signed by the operator) at any moment.
    const operationsBefore = await dataSource.query(`SELECT count(*)::int AS n FROM chain_operations WHERE signer_address = $1`, [tier3.chainAddress]);
    for (const recipientOrganisationId of [pending.id, randomUUID()]) {
      const refused = await http()
        .post(`/v1/receivables/vouchers/${tier3Part}/transfer`)
        .set(as(tier3))
        .send({ recipientOrganisationId })
        .expect(409);
      expect(refused.body.error).toMatchObject({ code: "RECIPIENT_NOT_VERIFIED", details: { organisationId: recipientOrganisationId } });
    }
    expect(await dataSource.query(`SELECT count(*)::int AS n FROM chain_operations WHERE signer_address = $1`, [tier3.chainAddress])).toEqual(operationsBefore);
  });

  it("hides a voucher from a supplier with no part in it, and lets only the holder move a part", async () => {
    for (const partId of [voucherA, tier2Part, tier3Part, "999999"]) {
      const hidden = await part(outsider, partId).expect(404);
      expect(hidden.body.error.code).toBe("VOUCHER_PART_NOT_FOUND");
    }
    expect((await http().get("/v1/receivables/vouchers").set(as(outsider)).expect(200)).body.items).toEqual([]);
    await http()
      .post(`/v1/receivables/vouchers/${voucherA}/transfer`)
      .set(as(outsider))
      .send({ recipientOrganisationId: outsider.id })
      .expect(404);

    const notHeld = await http()
      .post(`/v1/receivables/vouchers/${voucherA}/split`)
      .set(as(tier3))
      .send({ parts: [{ amount: "1", recipientOrganisationId: tier3.id }] })
      .expect(403);
    expect(notHeld.body.error.code).toBe("VOUCHER_PART_NOT_HELD");

    const tooMuch = await http()
      .post(`/v1/receivables/vouchers/${voucherA}/split`)
      .set(as(tier1))
      .send({ parts: [{ amount: "60001", recipientOrganisationId: tier2.id }] })
      .expect(400);
    expect(tooMuch.body.error).toMatchObject({ code: "VOUCHER_AMOUNT_EXCEEDS_BALANCE", details: { available: "60000", needed: "60001" } });

    const [first] = (await http().get("/v1/receivables/vouchers").set(as(core)).expect(200)).body.items;
    expect(first).toBeDefined();
    const confirmations = await dataSource.query(`SELECT id FROM confirmations WHERE invoice_key = $1`, [invoiceA]);
    await confirmation(outsider, confirmations[0].id).expect(404);
    await confirmation(tier1, confirmations[0].id).expect(200);
  });
});
