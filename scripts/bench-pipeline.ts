// Measures the backend pipeline end to end on the embedded platform (anvil, PostgreSQL, redis-server):
// vouchers issued per second from the confirmation API to rows the indexer has written, for N invoices
// already registered and attested on chain. Writes bench/results/pipeline.json.
//
//   npm run bench:pipeline            (VOUCHERS=2000 by default)
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
    const result = {
      vouchers: VOUCHERS,
      "confirmation API accepted (ms)": Math.round(accepted - started),
      "confirmation to indexed (s)": Number(seconds.toFixed(2)),
      "vouchers per second, confirmation API to indexed": Math.round(VOUCHERS / seconds),
      "target (vouchers per second, upload to indexed)": 200,
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
