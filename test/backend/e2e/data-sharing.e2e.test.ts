import "reflect-metadata";
import { randomBytes, randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "@jest/globals";
import { AbiCoder, Contract, JsonRpcProvider, concat, keccak256, toUtf8Bytes } from "ethers";
import request from "supertest";
import { DataSource } from "typeorm";
import { AccessLogAnchoring } from "../../../backend/data-sharing/access-log-anchoring.service.js";
import { SHARED_DATA_BASE_PATH, SHARED_DATA_ENDPOINTS } from "../../../backend/data-sharing/shared-data-endpoints.js";
import { TaxReferenceAdminClient } from "../../../backend/tax-reference-service/admin-client.js";
import { type TestApp, createTestApp } from "./app.js";
import { type Participant, onboardActive, operatorApiKey } from "./fixtures/participants.js";
import { waitFor } from "./wait-for.js";

// Consents, the one read path that checks them and logs every read, and the log's anchoring on chain,
// verified the way an outside party would: from the proof endpoint's answer and the contract's storage.
// The tests run in order and build on each other.

const ENDPOINTS = Object.values(SHARED_DATA_ENDPOINTS);
const freshTaxId = () => `91420100${randomBytes(4).toString("hex").toUpperCase()}X`;
const bytes16 = (uuid: string | null) => (uuid === null ? `0x${"00".repeat(16)}` : `0x${uuid.replaceAll("-", "")}`);

/** The leaf as documented by the API, recomputed here independently of the backend's code. */
function leafOf(entry: Record<string, string | null>, accessedAtMillis: string): string {
  const encoded = AbiCoder.defaultAbiCoder().encode(
    ["bytes16", "uint64", "bytes16", "bytes16", "string", "string", "string", "bytes16", "bytes16"],
    [
      bytes16(entry.id!),
      BigInt(accessedAtMillis),
      bytes16(entry.accessorOrganisationId!),
      bytes16(entry.ownerOrganisationId!),
      entry.category,
      entry.resource,
      entry.purpose,
      bytes16(entry.consentId ?? null),
      bytes16(entry.financingRequestId ?? null),
    ],
  );
  return keccak256(concat([keccak256(encoded)]));
}

/** What OpenZeppelin's MerkleProof.processProof computes. */
function walk(leaf: string, proof: string[]): string {
  return proof.reduce((node, sibling) => {
    const [low, high] = BigInt(node) < BigInt(sibling) ? [node, sibling] : [sibling, node];
    return keccak256(concat([low, high]));
  }, leaf);
}

describe("data sharing: consents, logged reads, and the access log anchored on chain", () => {
  let testApp: TestApp;
  let dataSource: DataSource;
  let ledger: Contract;
  let provider: JsonRpcProvider;
  let supplier: Participant, core: Participant, bank: Participant, otherBank: Participant;
  let guarantor: Participant, regulator: Participant;
  let bankConsent: { id: string; consentHash: string };
  const bankReads: string[] = [];
  const financingRequestId = randomUUID();

  const http = () => request(testApp.app.getHttpServer());
  const as = (participant: Participant) => ({ Authorization: `Bearer ${participant.apiKey}` });
  const sharedPath = (route: string, ownerId = supplier.id) => `/${SHARED_DATA_BASE_PATH.replace(":ownerId", ownerId)}/${route}`;
  const read = (who: Participant, route: string, query: Record<string, string> = {}) =>
    http().get(sharedPath(route)).query(query).set(as(who));
  const grant = (grantee: Participant, expiresAt: Date, categories = ["invoices", "tax_summary", "voucher_history"]) =>
    http()
      .post("/v1/data-sharing/consents")
      .set(as(supplier))
      .send({ granteeOrganisationId: grantee.id, categories, purpose: `Credit assessment by ${grantee.name}`, expiresAt: expiresAt.toISOString() });
  const proofOf = (who: Participant, entryId: string) => http().get(`/v1/data-sharing/access-log/${entryId}/proof`).set(as(who));
  const inHour = () => new Date(Date.now() + 3600_000);

  beforeAll(async () => {
    // The schedule is pushed out of the way so that the test decides when a batch is cut (it calls the
    // same method the job runs); the chain writer and the indexer run as usual.
    testApp = await createTestApp((config) => ({ ...config, accessLogAnchorIntervalMs: 86_400_000 }));
    dataSource = testApp.app.get(DataSource);
    const operatorKey = await operatorApiKey(testApp.app);
    const supplierTaxId = freshTaxId();
    [supplier, core, bank, otherBank, guarantor, regulator] = await onboardActive(testApp.app, operatorKey, [
      { name: "Jianghan Parts Co.", taxId: supplierTaxId, roles: ["supplier"] },
      { name: "Dongfeng Motor Works", taxId: freshTaxId(), roles: ["core_enterprise"] },
      { name: "Hankou Bank", roles: ["bank"] },
      { name: "Wuchang Bank", roles: ["bank"] },
      { name: "Hubei Guarantee Co.", roles: ["guarantor"] },
      { name: "Hubei Financial Regulator", roles: ["regulator"] },
    ]);
    await new TaxReferenceAdminClient(process.env.TAX_SERVICE_URL!, process.env.TAX_SERVICE_ADMIN_TOKEN!).registerEnterprise({
      taxId: supplierTaxId,
      name: "Jianghan Parts Co.",
      taxArrears: 12_345n,
    });
    await http()
      .post("/v1/invoices")
      .set(as(supplier))
      .send({
        sellerTaxId: supplierTaxId,
        buyerTaxId: core.taxId,
        invoiceCode: "4200261130",
        invoiceNumber: `${Date.now() % 100_000_000}`.padStart(8, "0"),
        amount: "125000",
        issueDate: "2026-11-02",
        dueDate: "2027-02-28",
      })
      .expect(201);
    const deployment = JSON.parse(readFileSync(testApp.config.chainDeploymentFile, "utf8"));
    provider = new JsonRpcProvider(testApp.config.chainRpcUrl, undefined, { cacheTimeout: -1 });
    ledger = new Contract(deployment.contracts.DataSharingLedger, JSON.parse(readFileSync("abi/DataSharingLedger.json", "utf8")), provider);
  }, 180_000);
  afterAll(async () => {
    provider?.destroy();
    await testApp?.close();
  });

  it("records a consent: its hash is on chain, signed by the grantor's organisation", async () => {
    const granted = await grant(bank, inHour()).expect(201);
    expect(granted.body).toMatchObject({ grantorOrganisationId: supplier.id, granteeOrganisationId: bank.id, status: "active" });
    bankConsent = granted.body;
    const recorded = await waitFor(
      () => http().get(`/v1/data-sharing/consents/${bankConsent.id}`).set(as(bank)),
      (response) => response.body.chain?.recordedTxHash !== null,
      { timeoutMs: 45_000 },
    );
    expect(recorded.body.chain.errorCode).toBeNull();
    const onChain = await ledger.consent(bankConsent.consentHash);
    expect(onChain.grantorOrganisation).toBe(bytes16(supplier.id));
    expect(onChain.revokedAt).toBe(0n);
  });

  it("refuses consents to parties that are not active banks or guarantors, or that expire in the past", async () => {
    const toCore = await grant(core, inHour()).expect(400);
    expect(toCore.body.error.code).toBe("CONSENT_GRANTEE_INVALID");
    const past = await grant(bank, new Date(Date.now() - 1000)).expect(400);
    expect(past.body.error.code).toBe("CONSENT_EXPIRY_NOT_IN_FUTURE");
  });

  it("serves a bank with a live consent every kind of shared data, and logs each read", async () => {
    const invoices = await read(bank, "invoices", { financingRequestId }).expect(200);
    expect(invoices.body.items).toHaveLength(1);
    expect(invoices.body.items[0]).toMatchObject({ sellerOrganisationId: supplier.id, amount: "125000" });
    const tax = await read(bank, "tax-summary", { consentId: bankConsent.id }).expect(200);
    expect(tax.body.summary).toMatchObject({ taxId: supplier.taxId, taxArrears: "12345" });
    expect(tax.body.summary.months).toHaveLength(12);
    expect(tax.body.evidence.signature).toEqual(expect.any(String));
    const vouchers = await read(bank, "vouchers").expect(200);
    expect(vouchers.body).toMatchObject({ items: [], nextCursor: null });
    bankReads.push(invoices.body.accessLogEntryId, tax.body.accessLogEntryId, vouchers.body.accessLogEntryId);
    // Batches are cut by the (here, daily) job: until its batch is on chain an entry has no proof.
    const unanchored = await proofOf(bank, bankReads[0]!).expect(409);
    expect(unanchored.body.error.code).toBe("ACCESS_LOG_ENTRY_NOT_ANCHORED");

    const log = await http().get("/v1/data-sharing/access-log").set(as(supplier)).expect(200);
    expect(log.body.items.map((entry: { id: string }) => entry.id)).toEqual([...bankReads].reverse());
    expect(log.body.items.at(-1)).toMatchObject({
      accessorOrganisationId: bank.id,
      accessorName: "Hankou Bank",
      ownerOrganisationId: supplier.id,
      category: "invoices",
      resource: "GET /v1/shared/organisations/{ownerId}/invoices",
      purpose: "Credit assessment by Hankou Bank",
      consentId: bankConsent.id,
      financingRequestId,
    });
    expect(log.body.items.map((entry: { category: string }) => entry.category)).toEqual(["voucher_history", "tax_summary", "invoices"]);
  });

  it("refuses every shared-data endpoint without a consent, after expiry, and to other roles; logs none of it", async () => {
    const shortLived = await grant(guarantor, new Date(Date.now() + 2000)).expect(201);
    for (const endpoint of ENDPOINTS) {
      const none = await read(otherBank, endpoint.route).expect(403);
      expect(none.body.error).toMatchObject({ code: "CONSENT_REQUIRED", details: { ownerId: supplier.id, category: endpoint.category } });
      const unknown = await read(otherBank, endpoint.route, { consentId: bankConsent.id }).expect(404);
      expect(unknown.body.error.code).toBe("CONSENT_NOT_FOUND");
      const notABank = await read(core, endpoint.route).expect(403);
      expect(notABank.body.error.code).toBe("ROLE_REQUIRED");
    }
    // Waiting on the consent itself, not on reads: a read before the expiry would be served (and logged).
    await waitFor(
      () => http().get(`/v1/data-sharing/consents/${shortLived.body.id}`).set(as(guarantor)),
      (response) => response.body.status === "expired",
      { timeoutMs: 10_000 },
    );
    for (const endpoint of ENDPOINTS) {
      const expired = await read(guarantor, endpoint.route).expect(403);
      expect(expired.body.error).toMatchObject({ code: "CONSENT_EXPIRED", details: { consentId: shortLived.body.id } });
    }
    const [{ count }] = await dataSource.query(
      `SELECT count(*)::int AS count FROM access_log_entries WHERE accessor_organisation_id = ANY($1)`,
      [[otherBank.id, core.id, guarantor.id]],
    );
    expect(count).toBe(0);
  });

  it("lists every route under the shared-data path in SHARED_DATA_ENDPOINTS, so the denial test covers them all", async () => {
    const document = await http().get("/openapi.json").expect(200);
    const prefix = `/${SHARED_DATA_BASE_PATH.replace(":ownerId", "{ownerId}")}/`;
    const documented = Object.keys(document.body.paths)
      .filter((path) => path.startsWith("/v1/shared/"))
      .sort();
    expect(documented).toEqual(ENDPOINTS.map((endpoint) => `${prefix}${endpoint.route}`).sort());
    for (const path of documented) expect(Object.keys(document.body.paths[path])).toEqual(["get"]);
  });

  it("logs the regulator's supervisory reads, which need a stated purpose but no consent", async () => {
    const unstated = await read(regulator, "invoices").expect(400);
    expect(unstated.body.error.code).toBe("SUPERVISORY_PURPOSE_REQUIRED");
    const supervised = await read(regulator, "invoices", { purpose: "Annual exposure review" }).expect(200);
    const all = await http().get("/v1/data-sharing/access-log").query({ ownerId: supplier.id }).set(as(regulator)).expect(200);
    expect(all.body.items[0]).toMatchObject({
      id: supervised.body.accessLogEntryId,
      accessorOrganisationId: regulator.id,
      purpose: "Annual exposure review",
      consentId: null,
    });
    expect(all.body.items).toHaveLength(4);
    // A bank sees its own reads, not the regulator's.
    const banks = await http().get("/v1/data-sharing/access-log").set(as(bank)).expect(200);
    expect(banks.body.items.map((entry: { id: string }) => entry.id).sort()).toEqual([...bankReads].sort());
  });

  it("exports the owner's view of the log as CSV", async () => {
    const csv = await http().get("/v1/data-sharing/access-log/export.csv").set(as(supplier)).expect(200);
    expect(csv.headers["content-type"]).toMatch(/^text\/csv/);
    const lines = csv.text.trimEnd().split("\r\n");
    expect(lines[0]).toMatch(/^entry_id,accessed_at,accessor_organisation_id,accessor_name,/);
    expect(lines).toHaveLength(5);
    expect(lines.at(-1)).toContain(`"${bankReads[0]}"`);
    expect(lines.at(-1)).toContain('"Credit assessment by Hankou Bank"');
  });

  it("proves an entry against the root in the contract's storage, and the proof fails once the entry is altered", async () => {
    await testApp.app.get(AccessLogAnchoring).anchorPending();
    const anchored = await waitFor(() => proofOf(bank, bankReads[0]!), (response) => response.status === 200, { timeoutMs: 45_000 });
    const { entry, accessedAtMillis, proof, batch, contract } = anchored.body;
    expect(contract.address).toBe(await ledger.getAddress());

    const leaf = leafOf(entry, accessedAtMillis);
    expect(leaf).toBe(entry.leafHash);
    const stored = await ledger.accessLogBatch(BigInt(batch.batchNumber));
    expect(walk(leaf, proof)).toBe(stored.root);
    expect(stored.entryCount).toBe(BigInt(batch.entryCount));
    expect(await ledger.verifyAccessLogEntry(BigInt(batch.batchNumber), leaf, proof)).toBe(true);
    // The owner and the regulator can fetch the same proof; an unrelated bank cannot.
    await proofOf(supplier, bankReads[0]!).expect(200);
    await proofOf(regulator, bankReads[0]!).expect(200);
    expect((await proofOf(otherBank, bankReads[0]!).expect(404)).body.error.code).toBe("ACCESS_LOG_ENTRY_NOT_FOUND");

    await dataSource.query(`UPDATE access_log_entries SET purpose = 'Marketing' WHERE id = $1`, [bankReads[0]]);
    const altered = await proofOf(bank, bankReads[0]!).expect(200);
    const alteredLeaf = leafOf(altered.body.entry, altered.body.accessedAtMillis);
    expect(altered.body.entry.purpose).toBe("Marketing");
    expect(walk(alteredLeaf, altered.body.proof)).not.toBe(stored.root);
    expect(await ledger.verifyAccessLogEntry(BigInt(batch.batchNumber), alteredLeaf, altered.body.proof)).toBe(false);
  });

  it("refuses every shared-data endpoint once the consent is revoked, and records the revocation on chain", async () => {
    const revoked = await http().post(`/v1/data-sharing/consents/${bankConsent.id}/revoke`).set(as(supplier)).expect(200);
    expect(revoked.body.status).toBe("revoked");
    for (const endpoint of ENDPOINTS) {
      const refused = await read(bank, endpoint.route).expect(403);
      expect(refused.body.error).toMatchObject({ code: "CONSENT_REVOKED", details: { consentId: bankConsent.id } });
    }
    expect((await http().post(`/v1/data-sharing/consents/${bankConsent.id}/revoke`).set(as(bank)).expect(404)).body.error.code).toBe(
      "CONSENT_NOT_FOUND",
    );
    await waitFor(
      () => http().get(`/v1/data-sharing/consents/${bankConsent.id}`).set(as(supplier)),
      (response) => response.body.chain?.revocationTxHash !== null,
      { timeoutMs: 45_000 },
    );
    expect((await ledger.consent(bankConsent.consentHash)).revokedAt).toBeGreaterThan(0n);
  });
});
