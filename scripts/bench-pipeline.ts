// Measures the backend pipeline on the embedded platform (anvil, PostgreSQL, redis-server, tax service):
// 1. vouchers issued per second from the confirmation API to rows the indexer has written, for N invoices
//    already registered and attested on chain;
// 2. CSV ingest: rows per second from POST /v1/invoices/uploads of a 10,000-row file until the upload is
//    done (every row validated, accepted rows committed with their chain registration recorded; the chain
//    writes and tax checks that follow are not part of this figure).
// Writes bench/results/pipeline.json.
//
//   npm run bench:pipeline            (VOUCHERS=2000, CSV_ROWS=10000 by default)
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
import { registerAndAttestInvoices } from "../test/backend/e2e/fixtures/chain-invoices.js";
import { onboardActive, operatorApiKey } from "../test/backend/e2e/fixtures/participants.js";
import { waitFor } from "../test/backend/e2e/wait-for.js";

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
    const [supplier, debtor, tax] = await onboardActive(app, operatorKey, [
      { name: "Bench Supplier", taxId: "91420100BENCHSUPP1", roles: ["supplier"] },
      { name: "Bench Core Enterprise", taxId: "91420100BENCHCORE1", roles: ["core_enterprise"] },
      { name: "Bench Tax Bureau", roles: ["tax_authority"] },
    ]);
    const keys = await registerAndAttestInvoices(
      app,
      tax!,
      Array.from({ length: VOUCHERS }, () => ({ seller: supplier!, debtor: debtor!, amount: 1_000_00n })),
    );

    const maturity = new Date(Date.now() + 90 * 24 * 3600 * 1000).toISOString();
    const dataSource = app.get(DataSource);
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
      ([row]) => row!.n === VOUCHERS,
      { timeoutMs: 600_000, intervalMs: 50 },
    );
    const indexed = performance.now();
    const seconds = (indexed - started) / 1000;

    // CSV ingest, after the vouchers so that its background chain writes do not share their time.
    const day = (offset: number) => new Date(Date.now() + offset * 24 * 3600 * 1000).toISOString().slice(0, 10);
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
      vouchers: VOUCHERS,
      "confirmation API accepted (ms)": Math.round(accepted - started),
      "confirmation to indexed (s)": Number(seconds.toFixed(2)),
      "vouchers per second, confirmation API to indexed": Math.round(VOUCHERS / seconds),
      "target (vouchers per second, upload to indexed)": 200,
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
