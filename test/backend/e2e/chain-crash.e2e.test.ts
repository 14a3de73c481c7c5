// The chain writer's crash guarantee, tested the hard way: a worker PROCESS is killed with SIGKILL while it
// sends a batch of 1,000 voucher issuances, a new one is started, and every voucher must then exist exactly
// once on chain, with every record in the database consistent with the chain.
import "reflect-metadata";
import { type ChildProcess, spawn } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "@jest/globals";
import { Contract, getAddress } from "ethers";
import request from "supertest";
import { DataSource } from "typeorm";
import { ChainGateway, type ChainWriteRequest } from "../../../backend/chain/chain-gateway.service.js";
import { ChainProvider } from "../../../backend/chain/chain-provider.js";
import { SuiteContracts } from "../../../backend/chain/suite-contracts.js";
import type { AppConfig } from "../../../backend/config/config.js";
import { organisationIdToBytes16 } from "../../../backend/participants/roles.js";
import { ParticipantsService } from "../../../backend/participants/participants.service.js";
import { type TestApp, createTestApp } from "./app.js";
import { waitFor } from "./wait-for.js";

const ISSUANCES = 1_000;
const FACE_VALUE = 1_000_00n;

describe("chain writer: kill -9 while issuing 1,000 vouchers", () => {
  let testApp: TestApp;
  let worker: ChildProcess | undefined;
  let dataSource: DataSource;
  let gateway: ChainGateway;
  const http = () => request(testApp.app.getHttpServer());

  beforeAll(async () => {
    // The test process serves the API only: all chain writing happens in the worker processes it starts.
    testApp = await createTestApp((config) => ({ ...config, processRoles: ["api"] }));
    dataSource = testApp.app.get(DataSource);
    gateway = testApp.app.get(ChainGateway);
  });
  afterAll(async () => {
    worker?.kill("SIGKILL");
    await testApp?.close();
  });

  async function countOperations(kind: string, status: string): Promise<number> {
    const [row] = await dataSource.query(`SELECT count(*)::int AS n FROM chain_operations WHERE kind = $1 AND status = $2`, [kind, status]);
    return row.n;
  }

  async function recordAndWait(requests: ChainWriteRequest[]): Promise<void> {
    await dataSource.transaction((manager) => gateway.record(manager, requests));
    await gateway.wake(requests.map((request) => request.signer));
    const kind = requests[0]!.kind;
    await waitFor(() => countOperations(kind, "confirmed"), (confirmed) => confirmed === requests.length, { timeoutMs: 120_000 });
  }

  it("issues every voucher exactly once and leaves the records consistent with the chain", async () => {
    const started = Date.now();
    const phase = (name: string) => process.stderr.write(`[crash test] ${name} at ${Date.now() - started} ms\n`);
    worker = startWorker(testApp.config);
    const participants = testApp.app.get(ParticipantsService);
    const operatorKey = await participants.issueApiKey(await participants.operatorOrganisationId());
    const onboard = async (name: string, roles: string[], taxId?: string) => {
      const { body } = await http().post("/v1/organisations").set("Authorization", `Bearer ${operatorKey}`).send({ name, roles, taxId }).expect(201);
      return body.organisation as { id: string; chainAddress: string };
    };
    const supplier = await onboard("Crash Test Supplier", ["supplier"], "91420100CRASHSUPP1");
    const buyer = await onboard("Crash Test Buyer", ["core_enterprise"], "91420100CRASHBUYR1");
    const tax = await onboard("Crash Test Tax Bureau", ["tax_authority"]);
    await waitFor(
      () => dataSource.query(`SELECT count(*)::int AS n FROM organisations WHERE on_chain_status = 'active'`),
      ([row]) => row.n >= 4,
      { timeoutMs: 60_000 },
    );

    phase("participants active");
    const keys = Array.from({ length: ISSUANCES }, (_, i) => `0x${(BigInt(Date.now()) * 1_000_000n + BigInt(i)).toString(16).padStart(64, "0")}`);
    await recordAndWait(keys.map((invoiceKey) => ({
      businessKey: `invoice.register:${invoiceKey}`, kind: "invoice.register", signer: supplier.chainAddress,
      payload: { invoiceKey, debtorOrganisationId: organisationIdToBytes16(buyer.id) },
    })));
    await recordAndWait(keys.map((invoiceKey) => ({
      businessKey: `invoice.attest:${invoiceKey}`, kind: "invoice.attest", signer: tax.chainAddress,
      payload: { invoiceKey, status: 2, amount: FACE_VALUE.toString() },
    })));

    phase("invoices registered and attested");
    const contracts = testApp.app.get(SuiteContracts);
    const provider = testApp.app.get(ChainProvider).provider;
    const vouchers = new Contract(contracts.addresses.VoucherToken, contracts.interfaces.VoucherToken, provider);
    const invoices = new Contract(contracts.addresses.InvoiceRegistry, contracts.interfaces.InvoiceRegistry, provider);
    const nextPartIdBefore: bigint = await vouchers.nextPartId!();
    const maturity = Math.floor(Date.now() / 1000) + 90 * 24 * 3600;

    // The issuances: 10 transactions of 100. Kill the worker once some are confirmed and others are not.
    const issuances = keys.map((invoiceKey) => ({
      businessKey: `voucher.issue:${invoiceKey}`, kind: "voucher.issue" as const, signer: buyer.chainAddress,
      payload: { invoiceKey, holder: supplier.chainAddress, faceValue: FACE_VALUE.toString(), maturity: String(maturity) },
    }));
    await dataSource.transaction((manager) => gateway.record(manager, issuances));
    await gateway.wake([buyer.chainAddress]);
    // The moment that matters: a transaction signed and persisted (maybe broadcast), its receipt not yet seen.
    await waitFor(
      () => dataSource.query(
        `SELECT (SELECT count(*)::int FROM chain_operations WHERE kind = 'voucher.issue' AND status = 'confirmed') AS confirmed,
                (SELECT count(*)::int FROM chain_transactions WHERE kind = 'voucher.issue' AND status IN ('signed', 'sent')) AS in_flight`,
      ),
      ([row]) => row.confirmed >= 100 && row.in_flight > 0,
      { intervalMs: 1, timeoutMs: 60_000 },
    );
    worker.kill("SIGKILL");
    await new Promise((resolve) => worker!.once("exit", resolve));
    const atCrash = {
      confirmed: await countOperations("voucher.issue", "confirmed"),
      inFlight: await countOperations("voucher.issue", "sent"),
      pending: await countOperations("voucher.issue", "pending"),
    };
    process.stderr.write(`worker killed with: ${JSON.stringify(atCrash)}\n`);
    expect(atCrash.confirmed).toBeLessThan(ISSUANCES); // the kill really landed mid-batch
    expect(atCrash.inFlight).toBeGreaterThan(0); // ...with a signed transaction whose outcome it never recorded

    phase("worker killed");
    worker = startWorker(testApp.config);
    await waitFor(() => countOperations("voucher.issue", "confirmed"), (confirmed) => confirmed === ISSUANCES, { timeoutMs: 120_000 });
    phase("all issued after restart");

    // On chain: exactly ISSUANCES new vouchers, one per invoice, and each invoice bound to a distinct one.
    expect((await vouchers.nextPartId!()) - nextPartIdBefore).toBe(BigInt(ISSUANCES));
    const boundVoucherIds = new Set<bigint>();
    for (const key of keys) boundVoucherIds.add((await invoices.invoiceOf!(key)).voucherId);
    expect(boundVoucherIds.size).toBe(ISSUANCES);
    expect(boundVoucherIds.has(0n)).toBe(false);

    // In the database: no failed or stuck operation, one transaction per nonce, every transaction mined as recorded.
    expect(await countOperations("voucher.issue", "failed")).toBe(0);
    const transactions: Array<{ tx_hash: string; nonce: string; status: string; block_number: string }> = await dataSource.query(
      `SELECT tx_hash, nonce, status, block_number FROM chain_transactions WHERE signer_address = $1 ORDER BY nonce`,
      [getAddress(buyer.chainAddress)],
    );
    expect(transactions.every((transaction) => transaction.status === "confirmed")).toBe(true);
    const nonces = transactions.map((transaction) => Number(transaction.nonce));
    expect(nonces).toEqual(Array.from({ length: nonces.length }, (_, i) => nonces[0]! + i));
    for (const transaction of transactions) {
      const receipt = await provider.getTransactionReceipt(transaction.tx_hash);
      expect(receipt?.status).toBe(1);
      expect(String(receipt?.blockNumber)).toBe(transaction.block_number);
    }

    // And the indexer saw each issuance once.
    const [issued] = await waitFor(
      () => dataSource.query(`SELECT count(*)::int AS n, count(DISTINCT args->>'invoiceKey')::int AS keys FROM chain_events WHERE name = 'VoucherIssued' AND args->>'invoiceKey' = ANY($1)`, [keys]),
      ([row]) => row.n === ISSUANCES,
    );
    expect(issued).toEqual({ n: ISSUANCES, keys: ISSUANCES });
  }, 300_000);
});

function startWorker(config: AppConfig): ChildProcess {
  const child = spawn(process.execPath, ["--import", "@swc-node/register/esm-register", "backend/main.ts"], {
    env: {
      ...process.env,
      PROCESS_ROLES: "worker",
      DATABASE_URL: config.databaseUrl,
      REDIS_URL: config.redisUrl,
      QUEUE_PREFIX: config.queuePrefix,
      CHAIN_RPC_URL: config.chainRpcUrl,
      CHAIN_DEPLOYMENT_FILE: config.chainDeploymentFile,
      MASTER_KEY: config.masterKey.toString("hex"),
      OPERATOR_PRIVATE_KEY: config.operatorPrivateKey,
      LOG_LEVEL: "warn",
    },
    stdio: ["ignore", "ignore", "inherit"],
  });
  return child;
}
