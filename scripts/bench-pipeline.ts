// Measures the backend pipeline on the embedded platform (anvil, PostgreSQL, redis-server, tax service):
// 1. upload to indexed: vouchers per second for the whole path, from POST /v1/invoices/uploads of a CSV of N
//    invoices (on the tax authority's books) until the indexer has written all N vouchers: CSV ingest,
//    registration on chain, tax verification, attestation on chain, the debtor confirming the valid ones as
//    it sees them in GET /v1/invoices, issuance on chain, indexing;
// 2. vouchers issued per second from the confirmation API to rows the indexer has written, for N invoices
//    already registered and attested on chain;
// 3. CSV ingest: rows per second from POST /v1/invoices/uploads of a 10,000-row file until the upload is
//    done (every row validated, accepted rows committed with their chain registration recorded; the chain
//    writes and tax checks that follow are not part of this figure).
// Writes bench/results/pipeline.json.
//
//   npm run bench:pipeline            (FULL_PATH=2000, VOUCHERS=2000, CSV_ROWS=10000 by default)
//
// The API, the chain writer and the indexer run in this one process, as `npm start` runs them.
import "reflect-metadata";
import { randomBytes } from "node:crypto";
import { mkdir, writeFile } from "node:fs/promises";
import request from "supertest";
import { DataSource } from "typeorm";
import { parseEnvironment, resolveAppConfig } from "../backend/config/config.js";
import { applyMigrations } from "../backend/database/data-source.js";
import { createHttpApp } from "../backend/http-app.js";
import { startPlatform } from "../backend/runtime/platform.js";
import { TaxReferenceAdminClient } from "../backend/tax-reference-service/admin-client.js";
import { registerAndAttestInvoices } from "../test/backend/e2e/fixtures/chain-invoices.js";
import { onboardActive, operatorApiKey } from "../test/backend/e2e/fixtures/participants.js";
import { waitFor } from "../test/backend/e2e/wait-for.js";

const FULL_PATH = Number(process.env.FULL_PATH ?? 2000);
const VOUCHERS = Number(process.env.VOUCHERS ?? 2000);
const CSV_ROWS = Number(process.env.CSV_ROWS ?? 10_000);
const PER_REQUEST = 200; // MAX_CONFIRMATIONS_PER_REQUEST

const platform = await startPlatform();
try {
  const config = resolveAppConfig(parseEnvironment({ LOG_LEVEL: "warn" }), platform.services, () => randomBytes(32));
  await applyMigrations(config.databaseUrl);
  const app = await createHttpApp(config);
  await app.init();
  try {
    const operatorKey = await operatorApiKey(app);
    const [supplier, debtor, tax, pathSupplier, pathDebtor] = await onboardActive(app, operatorKey, [
      { name: "Bench Supplier", taxId: "91420100BENCHSUPP1", roles: ["supplier"] },
      { name: "Bench Core Enterprise", taxId: "91420100BENCHCORE1", roles: ["core_enterprise"] },
      { name: "Bench Tax Bureau", roles: ["tax_authority"] },
      { name: "Bench Path Supplier", taxId: "91420100BENCHSUPP2", roles: ["supplier"] },
      { name: "Bench Path Core Enterprise", taxId: "91420100BENCHCORE2", roles: ["core_enterprise"] },
    ]);
    const dataSource = app.get(DataSource);
    const http = () => request(app.getHttpServer());
    const day = (offset: number) => new Date(Date.now() + offset * 24 * 3600 * 1000).toISOString().slice(0, 10);
    const maturity = new Date(Date.now() + 90 * 24 * 3600 * 1000).toISOString();

    // 1. Upload to indexed. The tax authority's books hold the invoices before the clock starts.
    const taxAdmin = new TaxReferenceAdminClient(platform.services.taxServiceUrl!, platform.services.taxServiceAdminToken!);
    const pathInvoices = Array.from({ length: FULL_PATH }, (_, i) => ({ invoiceNumber: `P${String(i).padStart(7, "0")}`, amount: 250_00n }));
    for (let start = 0; start < pathInvoices.length; start += 50) {
      await Promise.all(
        pathInvoices.slice(start, start + 50).map(({ invoiceNumber, amount }) =>
          taxAdmin.issueInvoice({
            sellerTaxId: pathSupplier!.taxId!,
            buyerTaxId: pathDebtor!.taxId!,
            invoiceCode: "4200261130",
            invoiceNumber,
            amount,
            issueDate: day(-10),
          }),
        ),
      );
    }
    const pathStarted = performance.now();
    await http()
      .post("/v1/invoices/uploads")
      .set("Authorization", `Bearer ${pathSupplier!.apiKey}`)
      .set("Content-Type", "text/csv")
      .send(
        [
          "sellerTaxId,buyerTaxId,invoiceCode,invoiceNumber,amount,issueDate,dueDate",
          ...pathInvoices.map(({ invoiceNumber, amount }) =>
            [pathSupplier!.taxId, pathDebtor!.taxId, "4200261130", invoiceNumber, amount, day(-10), day(80)].join(","),
          ),
        ].join("\n"),
      )
      .expect(202);
    // The core enterprise confirms what it sees valid, as its ERP would poll for it.
    const confirmed = new Set<string>();
    while (confirmed.size < FULL_PATH) {
      const valid: string[] = [];
      let cursor: string | undefined;
      do {
        const page = await http()
          .get("/v1/invoices")
          .query({ status: "valid", limit: 200, ...(cursor ? { cursor } : {}) })
          .set("Authorization", `Bearer ${pathDebtor!.apiKey}`)
          .expect(200);
        for (const item of page.body.items as Array<{ invoiceKey: string }>) if (!confirmed.has(item.invoiceKey)) valid.push(item.invoiceKey);
        cursor = page.body.nextCursor ?? undefined;
      } while (cursor);
      for (let start = 0; start < valid.length; start += PER_REQUEST) {
        const items = valid.slice(start, start + PER_REQUEST);
        await http()
          .post("/v1/receivables/confirmations")
          .set("Authorization", `Bearer ${pathDebtor!.apiKey}`)
          .send({ items: items.map((invoiceKey) => ({ invoiceKey, faceValue: "25000", maturity })) })
          .expect(202);
        for (const key of items) confirmed.add(key);
      }
      if (valid.length === 0) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    await waitFor(
      () =>
        dataSource.query(`SELECT count(*)::int AS n FROM vouchers WHERE debtor_organisation_id = $1`, [pathDebtor!.id]) as Promise<
          Array<{ n: number }>
        >,
      ([row]) => row!.n === FULL_PATH,
      { timeoutMs: 600_000, intervalMs: 50 },
    );
    const pathSeconds = (performance.now() - pathStarted) / 1000;
    const keys = await registerAndAttestInvoices(
      app,
      tax!,
      Array.from({ length: VOUCHERS }, () => ({ seller: supplier!, debtor: debtor!, amount: 1_000_00n })),
    );

    // 2. Confirmation to indexed, for invoices already attested.
    const started = performance.now();
    for (let start = 0; start < keys.length; start += PER_REQUEST) {
      await request(app.getHttpServer())
        .post("/v1/receivables/confirmations")
        .set("Authorization", `Bearer ${debtor!.apiKey}`)
        .send({ items: keys.slice(start, start + PER_REQUEST).map((invoiceKey) => ({ invoiceKey, faceValue: "100000", maturity })) })
        .expect(202);
    }
    const accepted = performance.now();
    await waitFor(
      () => dataSource.query(`SELECT count(*)::int AS n FROM vouchers`) as Promise<Array<{ n: number }>>,
      ([row]) => row!.n === FULL_PATH + VOUCHERS,
      { timeoutMs: 600_000, intervalMs: 50 },
    );
    const indexed = performance.now();
    const seconds = (indexed - started) / 1000;

    // 3. CSV ingest, after the vouchers so that its background chain writes do not share their time.
    const csv = [
      "sellerTaxId,buyerTaxId,invoiceCode,invoiceNumber,amount,issueDate,dueDate",
      ...Array.from({ length: CSV_ROWS }, (_, i) => `${supplier!.taxId},${debtor!.taxId},4200261130,${String(i).padStart(8, "0")},125000,${day(-10)},${day(80)}`),
    ].join("\n");
    const uploadStarted = performance.now();
    const upload = await request(app.getHttpServer())
      .post("/v1/invoices/uploads")
      .set("Authorization", `Bearer ${supplier!.apiKey}`)
      .set("Content-Type", "text/csv")
      .send(csv)
      .expect(202);
    const finished = await waitFor(
      () => request(app.getHttpServer()).get(`/v1/invoices/uploads/${upload.body.id}`).set("Authorization", `Bearer ${supplier!.apiKey}`),
      (response) => response.body.status !== "running",
      { timeoutMs: 600_000, intervalMs: 50 },
    );
    const uploadSeconds = (performance.now() - uploadStarted) / 1000;
    if (finished.body.status !== "done" || finished.body.acceptedRows !== CSV_ROWS) {
      throw new Error(`the upload did not accept every row: ${JSON.stringify(finished.body)}`);
    }
    const result = {
      "upload to indexed: invoices": FULL_PATH,
      "upload to indexed (s)": Number(pathSeconds.toFixed(2)),
      "vouchers per second, upload to indexed": Math.round(FULL_PATH / pathSeconds),
      "target (vouchers per second, upload to indexed)": 200,
      vouchers: VOUCHERS,
      "confirmation API accepted (ms)": Math.round(accepted - started),
      "confirmation to indexed (s)": Number(seconds.toFixed(2)),
      "vouchers per second, confirmation API to indexed": Math.round(VOUCHERS / seconds),
      "csv rows": CSV_ROWS,
      "csv upload to done (s)": Number(uploadSeconds.toFixed(2)),
      "csv ingest rows per second": Math.round(CSV_ROWS / uploadSeconds),
      measuredAt: new Date().toISOString(),
      machine: "2 cores; anvil automine, embedded PostgreSQL 18, redis-server 7; API, writer and indexer in one process",
    };
    await mkdir("bench/results", { recursive: true });
    await writeFile("bench/results/pipeline.json", JSON.stringify(result, null, 2) + "\n");
    console.log(result);
  } finally {
    await app.close();
  }
} finally {
  await platform.stop();
}
