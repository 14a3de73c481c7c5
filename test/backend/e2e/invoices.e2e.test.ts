import "reflect-metadata";
import { afterAll, beforeAll, describe, expect, it } from "@jest/globals";
import { randomBytes } from "node:crypto";
import pg from "pg";
import request from "supertest";
import { DataSource } from "typeorm";
import { ChainGateway } from "../../../backend/chain/chain-gateway.service.js";
import { invoiceKey } from "../../../backend/invoices/invoice-key.js";
import { ParticipantsService } from "../../../backend/participants/participants.service.js";
import { organisationIdToBytes16 } from "../../../backend/participants/roles.js";
import { TaxReferenceAdminClient } from "../../../backend/tax-reference-service/admin-client.js";
import { type TestApp, createTestApp } from "./app.js";
import { waitFor } from "./wait-for.js";

// The whole path of an invoice: the API, the upload job, the chain writer, the indexer, the tax verification
// job against the reference tax authority (its own HTTP server with signed answers), attestation on chain.
// The chain and the tax authority are shared with other test files, so tax ids are fresh for each run.

interface Participant {
  id: string;
  apiKey: string;
  chainAddress: string;
  taxId: string;
}

const HEADER = "sellerTaxId,buyerTaxId,invoiceCode,invoiceNumber,amount,issueDate,dueDate";
const CODE = "4200261130";
const CHAIN_TIMEOUT = { timeoutMs: 45_000 };

const freshTaxId = () => `91420100${randomBytes(4).toString("hex").toUpperCase()}X`;
let nextNumber = 1;
const freshNumber = () => `${Date.now() % 100_000_000}`.padStart(8, "0") + String(nextNumber++).padStart(4, "0");

describe("invoices: entry, registration on chain and tax verification", () => {
  let testApp: TestApp;
  let taxAdmin: TaxReferenceAdminClient;
  let supplier: Participant;
  let otherSupplier: Participant;
  let core: Participant;
  let taxAuthority: Participant;
  let bank: Participant;
  const http = () => request(testApp.app.getHttpServer());
  const as = (who: Participant) => ({ Authorization: `Bearer ${who.apiKey}` });

  /** The fields of an invoice `supplier` sells to `core`, put on the tax authority's books first unless told otherwise. */
  async function invoice(
    overrides: Partial<Record<string, string>> = {},
    onBooks: { status?: "valid" | "voided"; amount?: bigint } | null = {},
  ): Promise<Record<string, string>> {
    const fields = {
      sellerTaxId: supplier.taxId,
      buyerTaxId: core.taxId,
      invoiceCode: CODE,
      invoiceNumber: freshNumber(),
      amount: "125000000",
      issueDate: "2026-11-02",
      dueDate: "2027-02-28",
      ...overrides,
    };
    if (onBooks !== null) {
      await taxAdmin.issueInvoice({
        sellerTaxId: fields.sellerTaxId,
        buyerTaxId: fields.buyerTaxId,
        invoiceCode: fields.invoiceCode,
        invoiceNumber: fields.invoiceNumber,
        amount: onBooks.amount ?? BigInt(fields.amount),
        issueDate: fields.issueDate,
        status: onBooks.status ?? "valid",
      });
    }
    return fields;
  }

  const getInvoice = (who: Participant, id: string) => http().get(`/v1/invoices/${id}`).set(as(who));
  const untilStatus = (id: string, status: string) =>
    waitFor(() => getInvoice(supplier, id), (response) => response.body.status === status, CHAIN_TIMEOUT);
  const untilUploadDone = (id: string, query = "") =>
    waitFor(() => http().get(`/v1/invoices/uploads/${id}${query}`).set(as(supplier)), (response) => response.body.status !== "running");

  async function onboard(operatorKey: string, name: string, roles: string[], taxId = freshTaxId()): Promise<Participant> {
    const { body } = await http()
      .post("/v1/organisations")
      .set("Authorization", `Bearer ${operatorKey}`)
      .send({ name, taxId, roles })
      .expect(201);
    return { id: body.organisation.id, apiKey: body.apiKey, chainAddress: body.organisation.chainAddress, taxId };
  }

  /** A chain write made outside the invoices module, e.g. by another platform on the shared network. */
  async function writeToChain(kind: "invoice.register" | "voucher.issue", signer: string, payload: Record<string, unknown>) {
    const businessKey = `test:${kind}:${randomBytes(8).toString("hex")}`;
    const dataSource = testApp.app.get(DataSource);
    const gateway = testApp.app.get(ChainGateway);
    await dataSource.transaction((manager) => gateway.record(manager, [{ businessKey, kind, signer, payload }]));
    await gateway.wake([signer]);
    const [operation] = await waitFor(
      () => dataSource.query(`SELECT status, error_code FROM chain_operations WHERE business_key = $1`, [businessKey]),
      (rows: Array<{ status: string }>) => rows[0]?.status === "confirmed" || rows[0]?.status === "failed",
      CHAIN_TIMEOUT,
    );
    expect(operation).toEqual({ status: "confirmed", error_code: null });
  }

  beforeAll(async () => {
    testApp = await createTestApp();
    taxAdmin = new TaxReferenceAdminClient(testApp.config.taxServiceUrl, process.env.TAX_SERVICE_ADMIN_TOKEN!);
    const participants = testApp.app.get(ParticipantsService);
    const operatorKey = await participants.issueApiKey(await participants.operatorOrganisationId());
    supplier = await onboard(operatorKey, "Jianghan Parts Co.", ["supplier"]);
    otherSupplier = await onboard(operatorKey, "Hanyang Castings", ["supplier"]);
    core = await onboard(operatorKey, "Wuhan Auto Group", ["core_enterprise"]);
    taxAuthority = await onboard(operatorKey, "Hubei Tax Bureau", ["tax_authority"]);
    bank = await onboard(operatorKey, "Bank of Jianghan", ["bank"]);
    for (const participant of [supplier, otherSupplier, core, taxAuthority, bank]) {
      await waitFor(
        () => http().get("/v1/organisations/me").set(as(participant)),
        (response) => response.body.onChainStatus === "active",
        CHAIN_TIMEOUT,
      );
    }
  }, 120_000);

  afterAll(() => testApp?.close());

  describe("one invoice as JSON", () => {
    let created: request.Response;
    let fields: Record<string, string>;

    beforeAll(async () => {
      fields = await invoice();
      created = await http().post("/v1/invoices").set(as(supplier)).set("Idempotency-Key", `json-${fields.invoiceNumber}`).send(fields);
    });

    it("is accepted at once, registering on chain under its canonical key", () => {
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({
        invoiceKey: invoiceKey(fields as never),
        sellerOrganisationId: supplier.id,
        debtorOrganisationId: core.id,
        amount: "125000000",
        issueDate: "2026-11-02",
        dueDate: "2027-02-28",
        status: "registering",
        error: null,
      });
    });

    it("becomes valid once registered on chain, verified by the tax authority and attested", async () => {
      const { body } = await untilStatus(created.body.id, "valid");
      expect(body).toMatchObject({
        attestedAmount: "125000000",
        taxCheck: { status: "valid", amount: "125000000", mismatches: [] },
        registeredAt: expect.any(String),
        attestedAt: expect.any(String),
      });
      const [evidence] = await testApp.app
        .get(DataSource)
        .query(`SELECT e.body, e.signature FROM tax_evidence e JOIN invoices i ON i.tax_evidence_id = e.id WHERE i.id = $1`, [
          body.id,
        ]);
      expect(JSON.parse(evidence.body).results[0]).toMatchObject({ invoiceKey: body.invoiceKey, found: true, status: "valid" });
    });

    it("answers a repeated request with the same Idempotency-Key with the same invoice", async () => {
      const again = await http().post("/v1/invoices").set(as(supplier)).set("Idempotency-Key", `json-${fields.invoiceNumber}`).send(fields);
      expect(again.status).toBe(201);
      expect(again.body.id).toBe(created.body.id);
      const reused = await http()
        .post("/v1/invoices")
        .set(as(supplier))
        .set("Idempotency-Key", `json-${fields.invoiceNumber}`)
        .send({ ...fields, amount: "1" })
        .expect(409);
      expect(reused.body.error.code).toBe("IDEMPOTENCY_KEY_REUSED");
    });

    it("refuses the same invoice again", async () => {
      const duplicate = await http().post("/v1/invoices").set(as(supplier)).send(fields).expect(409);
      expect(duplicate.body.error).toMatchObject({ code: "INVOICE_ALREADY_REGISTERED", details: { invoiceKey: created.body.invoiceKey } });
    });

    it("shows it to its seller and its debtor, and to nobody else (404, as if it did not exist)", async () => {
      await getInvoice(core, created.body.id).expect(200);
      for (const stranger of [otherSupplier, bank]) {
        const denied = await getInvoice(stranger, created.body.id).expect(404);
        expect(denied.body.error.code).toBe("INVOICE_NOT_FOUND");
      }
      const othersList = await http().get("/v1/invoices").set(as(otherSupplier)).expect(200);
      expect(othersList.body.items.map((item: { id: string }) => item.id)).not.toContain(created.body.id);
      const coreList = await http().get("/v1/invoices?status=valid").set(as(core)).expect(200);
      expect(coreList.body.items.map((item: { id: string }) => item.id)).toContain(created.body.id);
    });
  });

  describe("refusals of one invoice", () => {
    it("says which field is wrong", async () => {
      const fields = await invoice({}, null);
      const decimal = await http().post("/v1/invoices").set(as(supplier)).send({ ...fields, amount: "1250.00" }).expect(400);
      expect(decimal.body.error).toMatchObject({ code: "VALIDATION_FAILED", details: { fields: { amount: expect.any(Array) } } });
      const zero = await http().post("/v1/invoices").set(as(supplier)).send({ ...fields, amount: "0" }).expect(400);
      expect(zero.body.error).toMatchObject({ code: "INVALID_AMOUNT", details: { field: "amount" } });
      const early = await http().post("/v1/invoices").set(as(supplier)).send({ ...fields, dueDate: "2026-01-01" }).expect(400);
      expect(early.body.error.code).toBe("DUE_DATE_BEFORE_ISSUE_DATE");
      const extra = await http().post("/v1/invoices").set(as(supplier)).send({ ...fields, note: "x" }).expect(400);
      expect(extra.body.error.details.fields).toHaveProperty("note");
    });

    it("refuses another seller's tax id, a buyer that is not an onboarded core enterprise, and non-suppliers", async () => {
      const fields = await invoice({}, null);
      const foreign = await http().post("/v1/invoices").set(as(supplier)).send({ ...fields, sellerTaxId: otherSupplier.taxId }).expect(403);
      expect(foreign.body.error.code).toBe("SELLER_TAX_ID_MISMATCH");
      for (const buyerTaxId of [freshTaxId(), bank.taxId]) {
        const unknown = await http().post("/v1/invoices").set(as(supplier)).send({ ...fields, buyerTaxId }).expect(400);
        expect(unknown.body.error).toMatchObject({ code: "UNKNOWN_BUYER", details: { field: "buyerTaxId" } });
      }
      const notSupplier = await http().post("/v1/invoices").set(as(core)).send(fields).expect(403);
      expect(notSupplier.body.error.code).toBe("ROLE_REQUIRED");
    });
  });

  describe("tax verification outcomes", () => {
    it("ends voided when the tax authority has voided the invoice", async () => {
      const fields = await invoice({}, { status: "voided" });
      const { body } = await http().post("/v1/invoices").set(as(supplier)).send(fields).expect(201);
      const voided = await untilStatus(body.id, "voided");
      expect(voided.body).toMatchObject({ taxCheck: { status: "voided" }, attestedAmount: "125000000" });
    });

    it("ends rejected, attesting nothing, when the tax authority does not know it or its record differs", async () => {
      const unknown = await invoice({}, null);
      const differs = await invoice({}, { amount: 99_000_000n });
      const first = await http().post("/v1/invoices").set(as(supplier)).send(unknown).expect(201);
      const second = await http().post("/v1/invoices").set(as(supplier)).send(differs).expect(201);
      const notFound = await untilStatus(first.body.id, "rejected");
      expect(notFound.body).toMatchObject({ error: { code: "TAX_INVOICE_NOT_FOUND" }, taxCheck: { status: "not_found" }, attestedAmount: null });
      const mismatch = await untilStatus(second.body.id, "rejected");
      expect(mismatch.body).toMatchObject({
        error: { code: "TAX_INVOICE_MISMATCH" },
        taxCheck: { status: "valid", amount: "99000000", mismatches: ["AMOUNT_DIFFERS"] },
      });
    });
  });

  it("fails an invoice whose key another platform registered on the network first, with the registry's code", async () => {
    const fields = await invoice();
    // Another platform's seller (here: an account of another organisation) got the key onto the chain first.
    await writeToChain("invoice.register", otherSupplier.chainAddress, {
      invoiceKey: invoiceKey(fields as never),
      debtorOrganisationId: organisationIdToBytes16(core.id),
    });
    const { body } = await http().post("/v1/invoices").set(as(supplier)).send(fields).expect(201);
    const failed = await untilStatus(body.id, "failed");
    expect(failed.body.error).toMatchObject({ code: "INVOICE_ALREADY_REGISTERED" });
  });

  describe("a CSV upload with bad rows", () => {
    let upload: request.Response;
    let done: request.Response;
    let good: Record<string, string>;
    let registeredBefore: Record<string, string>;

    beforeAll(async () => {
      good = await invoice();
      registeredBefore = await invoice();
      await http().post("/v1/invoices").set(as(supplier)).send(registeredBefore).expect(201);
      const line = (fields: Record<string, string>) => HEADER.split(",").map((column) => fields[column] ?? "").join(",");
      const csv = [
        HEADER,
        line(good), // 1
        line({ ...good, invoiceNumber: freshNumber(), amount: "" }), // 2
        line({ ...good, invoiceNumber: freshNumber(), amount: "12.50" }), // 3
        line({ ...good, invoiceNumber: freshNumber(), buyerTaxId: freshTaxId() }), // 4
        line({ ...good, invoiceNumber: ` ${good.invoiceNumber} ` }), // 5: row 1 again, once trimmed
        line(registeredBefore), // 6
        line({ ...good, invoiceNumber: freshNumber(), issueDate: "2026-02-30" }), // 7
        `${supplier.taxId},${core.taxId},${CODE}`, // 8
        line({ ...good, invoiceNumber: freshNumber(), sellerTaxId: otherSupplier.taxId }), // 9
      ].join("\n");
      upload = await http().post("/v1/invoices/uploads").set(as(supplier)).set("Content-Type", "text/csv").send(csv);
      done = await untilUploadDone(upload.body.id);
    });

    it("answers 202 with the upload id before processing", () => {
      expect(upload.status).toBe(202);
      expect(upload.body).toMatchObject({ id: expect.any(String), kind: "csv", status: "running", totalRows: 9, rows: null });
    });

    it("reports each row: the invoice it created, or its row number, field and reason", () => {
      expect(done.body).toMatchObject({ status: "done", totalRows: 9, processedRows: 9, acceptedRows: 1, rejectedRows: 8 });
      const byRow = Object.fromEntries(
        done.body.rows.items.map((row: { rowNumber: number }) => [row.rowNumber, row]),
      ) as Record<number, { status: string; invoiceId: string | null; field: string | null; reasonCode: string | null }>;
      expect(byRow[1]).toMatchObject({ status: "accepted", invoiceId: expect.any(String), reasonCode: null });
      expect(byRow[2]).toMatchObject({ status: "rejected", field: "amount", reasonCode: "MISSING_FIELD" });
      expect(byRow[3]).toMatchObject({ status: "rejected", field: "amount", reasonCode: "INVALID_AMOUNT" });
      expect(byRow[4]).toMatchObject({ status: "rejected", field: "buyerTaxId", reasonCode: "UNKNOWN_BUYER" });
      expect(byRow[5]).toMatchObject({ status: "rejected", field: null, reasonCode: "DUPLICATE_IN_FILE", message: expect.stringContaining("row 1") });
      expect(byRow[6]).toMatchObject({ status: "rejected", reasonCode: "INVOICE_ALREADY_REGISTERED" });
      expect(byRow[7]).toMatchObject({ status: "rejected", field: "issueDate", reasonCode: "INVALID_DATE" });
      expect(byRow[8]).toMatchObject({ status: "rejected", field: null, reasonCode: "INVALID_ROW" });
      expect(byRow[9]).toMatchObject({ status: "rejected", field: "sellerTaxId", reasonCode: "SELLER_TAX_ID_MISMATCH" });
    });

    it("lists only the rejected rows when asked, a page at a time", async () => {
      const first = await http().get(`/v1/invoices/uploads/${upload.body.id}?rowStatus=rejected&limit=5`).set(as(supplier)).expect(200);
      expect(first.body.rows.items.map((row: { rowNumber: number }) => row.rowNumber)).toEqual([2, 3, 4, 5, 6]);
      const next = await http()
        .get(`/v1/invoices/uploads/${upload.body.id}?rowStatus=rejected&limit=5&cursor=${first.body.rows.nextCursor}`)
        .set(as(supplier))
        .expect(200);
      expect(next.body.rows).toEqual({ items: expect.any(Array), nextCursor: null });
      expect(next.body.rows.items.map((row: { rowNumber: number }) => row.rowNumber)).toEqual([7, 8, 9]);
    });

    it("registers the accepted row on chain like any invoice", async () => {
      const accepted = done.body.rows.items[0].invoiceId as string;
      const { body } = await untilStatus(accepted, "valid");
      expect(body).toMatchObject({ uploadId: upload.body.id, invoiceNumber: good.invoiceNumber });
    });

    it("shows the upload to its uploader only", async () => {
      const denied = await http().get(`/v1/invoices/uploads/${upload.body.id}`).set(as(otherSupplier)).expect(404);
      expect(denied.body.error.code).toBe("UPLOAD_NOT_FOUND");
    });
  });

  it("processes a large upload in chunks, with progress readable while it runs", async () => {
    const rows = 1_200;
    const unknownBuyer = freshTaxId();
    const lines = [HEADER];
    for (let i = 0; i < rows; i++) {
      lines.push([supplier.taxId, unknownBuyer, CODE, freshNumber(), "1000", "2026-11-02", "2027-02-28"].join(","));
    }
    // Row 700 (second chunk) is a real invoice. Another transaction inserting the same key and holding it
    // uncommitted makes the job wait inside that chunk: progress can then be read at 500 of 1,200.
    const held = await invoice({}, null);
    lines[700] = [held.sellerTaxId, held.buyerTaxId, CODE, held.invoiceNumber, held.amount, held.issueDate, held.dueDate].join(",");
    const blocker = new pg.Client({ connectionString: testApp.config.databaseUrl });
    await blocker.connect();
    try {
      await blocker.query("BEGIN");
      await blocker.query(
        `INSERT INTO invoices (invoice_key, seller_organisation_id, debtor_organisation_id, seller_tax_id, buyer_tax_id,
           invoice_code, invoice_number, amount, issue_date, due_date, status)
         VALUES ($1, $2, $3, $4, $5, $6, $7, 1000, '2026-11-02', '2027-02-28', 'registering')`,
        [invoiceKey(held as never), supplier.id, core.id, held.sellerTaxId, held.buyerTaxId, CODE, held.invoiceNumber],
      );
      const { body } = await http()
        .post("/v1/invoices/uploads")
        .set(as(supplier))
        .set("Content-Type", "text/csv")
        .send(lines.join("\n"))
        .expect(202);
      const midway = await waitFor(
        () => http().get(`/v1/invoices/uploads/${body.id}`).set(as(supplier)),
        (response) => response.body.processedRows === 500,
      );
      expect(midway.body).toMatchObject({ status: "running", totalRows: rows, processedRows: 500, rejectedRows: 500, completedAt: null });
      expect(midway.body.rows.items[0]).toMatchObject({ rowNumber: 1, status: "rejected", reasonCode: "UNKNOWN_BUYER" });
      await blocker.query("ROLLBACK");

      const done = await untilUploadDone(body.id, "?limit=200");
      expect(done.body).toMatchObject({ status: "done", totalRows: rows, processedRows: rows, acceptedRows: 1, rejectedRows: rows - 1 });
      expect(done.body.rows.items).toHaveLength(200);
      expect(done.body.rows.nextCursor).toEqual(expect.any(String));
      const accepted = await http().get(`/v1/invoices/uploads/${body.id}?rowStatus=accepted`).set(as(supplier)).expect(200);
      expect(accepted.body.rows.items).toEqual([expect.objectContaining({ rowNumber: 700, invoiceId: expect.any(String) })]);
    } finally {
      await blocker.end();
    }
  });

  it("takes a JSON upload the same way", async () => {
    const good = await invoice();
    const { body } = await http()
      .post("/v1/invoices/uploads")
      .set(as(supplier))
      .send({ invoices: [good, { ...good, invoiceNumber: freshNumber(), amount: 5 }] })
      .expect(202);
    expect(body).toMatchObject({ kind: "json", totalRows: 2 });
    const done = await untilUploadDone(body.id);
    expect(done.body).toMatchObject({ status: "done", acceptedRows: 1, rejectedRows: 1 });
    expect(done.body.rows.items[1]).toMatchObject({ rowNumber: 2, field: "amount", reasonCode: "INVALID_AMOUNT" });
  });

  it("takes a JSON upload of a thousand invoices (beyond Express's default 100 kB body)", async () => {
    const template = await invoice({}, null);
    const invoices = Array.from({ length: 1000 }, (_, index) => ({ ...template, invoiceNumber: `J${String(index).padStart(7, "0")}`, buyerTaxId: freshTaxId() }));
    expect(JSON.stringify({ invoices }).length).toBeGreaterThan(150_000);
    const { body } = await http().post("/v1/invoices/uploads").set(as(supplier)).send({ invoices }).expect(202);
    expect(body).toMatchObject({ kind: "json", totalRows: 1000 });
    const done = await untilUploadDone(body.id);
    // No such buyers: every row is read and answered, none accepted.
    expect(done.body).toMatchObject({ status: "done", acceptedRows: 0, rejectedRows: 1000 });
  });

  it("refuses a CSV whose header is wrong, before processing anything", async () => {
    const response = await http()
      .post("/v1/invoices/uploads")
      .set(as(supplier))
      .set("Content-Type", "text/csv")
      .send("sellerTaxId,amount\nX,1\n")
      .expect(400);
    expect(response.body.error).toMatchObject({ code: "CSV_HEADER_INVALID", details: { missing: expect.arrayContaining(["buyerTaxId"]) } });
  });

  describe("resync with the tax authority", () => {
    it("is for the tax authority and the operator only", async () => {
      const denied = await http().post("/v1/tax/resync").set(as(supplier)).send({}).expect(403);
      expect(denied.body.error.code).toBe("ROLE_REQUIRED");
    });

    it("attests an invoice voided after its voucher was issued as Voided, which freezes the voucher", async () => {
      const fields = await invoice();
      const { body } = await http().post("/v1/invoices").set(as(supplier)).send(fields).expect(201);
      await untilStatus(body.id, "valid");

      // The debtor confirms the payable: a voucher backed by this invoice (the receivables module's job).
      const maturity = Math.floor(Date.now() / 1000) + 90 * 24 * 3600;
      await writeToChain("voucher.issue", core.chainAddress, {
        invoiceKey: body.invoiceKey,
        holder: supplier.chainAddress,
        faceValue: "125000000",
        maturity: String(maturity),
      });
      const backed = await waitFor(() => getInvoice(supplier, body.id), (response) => response.body.voucherId !== null, CHAIN_TIMEOUT);

      await taxAdmin.voidInvoice(body.invoiceKey);
      const accepted = await http().post("/v1/tax/resync").set(as(taxAuthority)).send({}).expect(202);
      expect(accepted.body).toEqual({ jobId: expect.any(String), scope: "backing-vouchers" });
      const voided = await untilStatus(body.id, "voided");
      expect(voided.body).toMatchObject({ taxCheck: { status: "voided" }, voucherId: backed.body.voucherId });

      const frozen = await testApp.app
        .get(DataSource)
        .query(`SELECT args FROM chain_events WHERE name = 'VoucherFrozen' AND args->>'voucherId' = $1`, [backed.body.voucherId]);
      expect(frozen).toHaveLength(1);
    });
  });
});
