// The reference tax authority as a real, separate HTTP service, read through the platform's adapter.
// Faults (tampered, unsigned, replayed or failing responses) are injected by a small HTTP proxy between them.
import { describe, it, expect, beforeAll, afterAll } from "@jest/globals";
import { generateKeyPairSync, verify } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { invoiceKey } from "../../../backend/invoices/invoice-key.js";
import { TaxReferenceAdminClient, TaxReferenceAdminError } from "../../../backend/tax-reference-service/admin-client.js";
import { start, type RunningTaxReferenceService } from "../../../backend/tax-reference-service/start.js";
import { HttpTaxAuthorityAdapter } from "../../../backend/tax/http-tax-authority.adapter.js";
import type { InvoiceToVerify } from "../../../backend/tax/tax-authority.adapter.js";
import {
  TaxAuthorityRequestRejectedError,
  TaxAuthorityResponseInvalidError,
  TaxAuthoritySignatureError,
  TaxAuthorityUnavailableError,
} from "../../../backend/tax/tax-authority.errors.js";

const AS_OF = "2026-11-23";
const SEED = "jest";
const SELLER = "91420100DEMO0001X"; // Jianghan Parts Co., a default (sound) taxpayer
const BUYER = "91420100DEMO0101X"; // Wuhan Auto Group
const LATE_FILER = "91420100DEMO0002X";
const IN_ARREARS = "91420100DEMO0003X";

let service: RunningTaxReferenceService;
let admin: TaxReferenceAdminClient;
let adapter: HttpTaxAuthorityAdapter;
let nextNumber = 1;

/** Puts a fresh invoice on the authority's books and returns what a supplier would declare for it. */
async function issued(amount = 1_250_000_00n, issueDate = "2026-11-02"): Promise<InvoiceToVerify & { key: string }> {
  const invoice = {
    sellerTaxId: SELLER,
    buyerTaxId: BUYER,
    invoiceCode: "4200261130",
    invoiceNumber: String(nextNumber++).padStart(8, "0"),
    amount,
    issueDate,
  };
  const record = await admin.issueInvoice(invoice);
  return { ...invoice, key: record.key };
}

function fastAdapter(baseUrl: string, extra: Partial<ConstructorParameters<typeof HttpTaxAuthorityAdapter>[0]> = {}) {
  return new HttpTaxAuthorityAdapter({
    baseUrl,
    trustedPublicKeys: [service.publicKey],
    timeoutMs: 5000,
    maxAttempts: 3,
    retryDelayMs: 10,
    ...extra,
  });
}

interface Upstream {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

/** An HTTP proxy in front of the service; `intercept` decides what the client gets back. */
class FaultProxy {
  requests = 0;
  private server!: Server;
  url = "";

  constructor(private readonly intercept: (upstream: () => Promise<Upstream>, request: IncomingMessage) => Promise<Upstream | "hang">) {}

  async listen(): Promise<this> {
    this.server = createServer((request, response) => void this.handle(request, response));
    await new Promise<void>((resolve) => this.server.listen(0, "127.0.0.1", resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  private async handle(request: IncomingMessage, response: ServerResponse) {
    this.requests++;
    const chunks: Buffer[] = [];
    for await (const chunk of request as AsyncIterable<Buffer>) chunks.push(chunk);
    const body = Buffer.concat(chunks);
    const upstream = async (): Promise<Upstream> => {
      const headers: Record<string, string> = {};
      for (const name of ["content-type", "x-tax-request-id", "authorization"]) {
        const value = request.headers[name];
        if (typeof value === "string") headers[name] = value;
      }
      const answer = await fetch(`${service.url}${request.url}`, {
        method: request.method,
        headers,
        body: body.length > 0 ? body : undefined,
      });
      const out: Record<string, string> = {};
      for (const name of ["content-type", "x-tax-signature", "x-tax-key-id"]) {
        const value = answer.headers.get(name);
        if (value !== null) out[name] = value;
      }
      return { status: answer.status, headers: out, body: Buffer.from(await answer.arrayBuffer()) };
    };
    const result = await this.intercept(upstream, request);
    if (result === "hang") return; // never answers; the client must time out
    response.writeHead(result.status, { ...result.headers, "content-length": result.body.length });
    response.end(result.body);
  }

  async close() {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

beforeAll(async () => {
  service = await start({ asOf: AS_OF, seed: SEED });
  admin = new TaxReferenceAdminClient(service.url, service.adminToken);
  adapter = fastAdapter(service.url);
});

afterAll(async () => {
  await service.stop();
});

describe("invoice verification", () => {
  it("finds a valid invoice and attests its amount, date and buyer", async () => {
    const invoice = await issued();
    const batch = await adapter.verifyInvoices([invoice]);
    expect(batch.results).toEqual([
      {
        invoiceKey: invoice.key,
        found: true,
        status: "valid",
        statusChangedAt: null,
        attestedAmount: 1_250_000_00n,
        issueDate: "2026-11-02",
        buyerTaxId: BUYER,
        mismatches: [],
      },
    ]);
    expect(invoice.key).toBe(invoiceKey(invoice));
  });

  it("reports an invoice the authority never issued as not found", async () => {
    const batch = await adapter.verifyInvoices([
      { sellerTaxId: SELLER, invoiceCode: "4200261130", invoiceNumber: "99999999", amount: 100n, issueDate: "2026-11-01" },
    ]);
    expect(batch.results).toEqual([
      { invoiceKey: invoiceKey({ sellerTaxId: SELLER, invoiceCode: "4200261130", invoiceNumber: "99999999" }), found: false },
    ]);
  });

  it("reports a voided invoice as voided, with when", async () => {
    const invoice = await issued();
    await admin.voidInvoice(invoice.key);
    const [result] = (await adapter.verifyInvoices([invoice])).results;
    expect(result).toMatchObject({ found: true, status: "voided", attestedAmount: invoice.amount, mismatches: [] });
    expect(result!.found && result!.statusChangedAt).toBeInstanceOf(Date);
  });

  it("reports an invoice reversed by a red-letter invoice as reversed", async () => {
    const invoice = await issued();
    await admin.reverseInvoice(invoice.key);
    const [result] = (await adapter.verifyInvoices([invoice])).results;
    expect(result).toMatchObject({ found: true, status: "reversed" });
  });

  it("names every way the declared invoice differs from the record", async () => {
    const invoice = await issued(500_000_00n, "2026-10-15");
    const [amountOnly, everything] = (
      await adapter.verifyInvoices([
        { ...invoice, amount: 600_000_00n },
        { ...invoice, amount: 1n, issueDate: "2026-10-16", buyerTaxId: "91420100DEMO0102X" },
      ])
    ).results;
    expect(amountOnly).toMatchObject({ found: true, status: "valid", attestedAmount: 500_000_00n, mismatches: ["AMOUNT_DIFFERS"] });
    expect(everything).toMatchObject({ mismatches: ["AMOUNT_DIFFERS", "ISSUE_DATE_DIFFERS", "BUYER_DIFFERS"] });
  });

  it("normalises the identity as the canonical key does (spaces, lower-case tax id)", async () => {
    const invoice = await issued();
    const [result] = (
      await adapter.verifyInvoices([{ ...invoice, sellerTaxId: ` ${SELLER.toLowerCase()} `, invoiceNumber: ` ${invoice.invoiceNumber}` }])
    ).results;
    expect(result).toMatchObject({ invoiceKey: invoice.key, found: true, status: "valid" });
  });

  it("answers a batch of 1,000 in request order and refuses 1,001", async () => {
    const known = await issued();
    const items: InvoiceToVerify[] = Array.from({ length: 1000 }, (_, i) =>
      i === 517 ? known : { sellerTaxId: SELLER, invoiceCode: "4200000000", invoiceNumber: `N${i}`, amount: 1n, issueDate: "2026-01-01" },
    );
    const batch = await adapter.verifyInvoices(items);
    expect(batch.results).toHaveLength(1000);
    expect(batch.results.filter((r) => r.found).map((r) => r.invoiceKey)).toEqual([known.key]);
    expect(batch.results[517]!.invoiceKey).toBe(known.key);

    await expect(adapter.verifyInvoices([...items, known])).rejects.toThrow(TaxAuthorityRequestRejectedError);
    const direct = await fetch(`${service.url}/v1/invoices/verify`, {
      method: "POST",
      body: JSON.stringify({ items: [...items, known].map((item) => ({ ...item, amount: String(item.amount) })) }),
    });
    expect(direct.status).toBe(400);
    expect(((await direct.json()) as { error: { code: string } }).error.code).toBe("REQUEST_INVALID");
   }, 20_000); // two batches of 1,000 keccak256 on a shared machine

  it("verifies the deterministic seed invoices with the status they were seeded with", async () => {
    const seeded = await admin.invoicesOf(IN_ARREARS);
    expect(seeded.length).toBeGreaterThan(12 * 3);
    const sample = seeded.slice(0, 40);
    const results = (
      await adapter.verifyInvoices(sample.map((s) => ({ ...s, amount: BigInt(s.amount) })))
    ).results;
    results.forEach((result, i) => expect(result).toMatchObject({ found: true, status: sample[i]!.status, mismatches: [] }));
  });
});

describe("enterprise summaries", () => {
  it("reports the 12 closed months before the service's month, with filings and arrears", async () => {
    const answer = await adapter.enterpriseSummary(IN_ARREARS);
    expect(answer).not.toBeNull();
    const { summary } = answer!;
    expect(summary.taxId).toBe(IN_ARREARS);
    expect(summary.name).toBe("Qiaokou Fasteners");
    expect(summary.months.map((m) => m.month)).toEqual([
      "2025-11", "2025-12", "2026-01", "2026-02", "2026-03", "2026-04",
      "2026-05", "2026-06", "2026-07", "2026-08", "2026-09", "2026-10",
    ]);
    expect(summary.months.every((m) => typeof m.sales === "bigint" && m.sales > 0n)).toBe(true);
    expect(summary.taxArrears).toBeGreaterThan(0n);
  });

  it("tells taxpayer profiles apart: the sound seller has no arrears, the late filer filed some months late", async () => {
    const sound = (await adapter.enterpriseSummary(SELLER))!.summary;
    expect(sound.taxArrears).toBe(0n);
    const late = (await adapter.enterpriseSummary(LATE_FILER))!.summary;
    expect(late.months.some((m) => !m.filedOnTime)).toBe(true);
  });

  it("counts only valid invoices in a month's sales: voiding one lowers its month", async () => {
    const before = (await adapter.enterpriseSummary(LATE_FILER))!.summary;
    const seeded = (await admin.invoicesOf(LATE_FILER)).find((i) => i.status === "valid" && i.issueDate.startsWith("2026-06"))!;
    await admin.voidInvoice(seeded.key);
    const after = (await adapter.enterpriseSummary(LATE_FILER))!.summary;
    const june = (s: typeof before) => s.months.find((m) => m.month === "2026-06")!.sales;
    expect(june(before) - june(after)).toBe(BigInt(seeded.amount));
  });

  it("is deterministic: the same seed and date give the same data in another instance", async () => {
    const twin = await start({ asOf: AS_OF, seed: SEED });
    const other = await start({ asOf: AS_OF, seed: "another seed" });
    try {
      const twinAdapter = new HttpTaxAuthorityAdapter({ baseUrl: twin.url, trustedPublicKeys: [twin.publicKey] });
      const otherAdapter = new HttpTaxAuthorityAdapter({ baseUrl: other.url, trustedPublicKeys: [other.publicKey] });
      // The shared service's data was changed by earlier tests; compare a taxpayer they leave alone.
      expect((await twinAdapter.enterpriseSummary(BUYER))!.summary).toEqual((await adapter.enterpriseSummary(BUYER))!.summary);
      expect((await otherAdapter.enterpriseSummary(BUYER))!.summary).not.toEqual((await adapter.enterpriseSummary(BUYER))!.summary);
      const twinAdmin = new TaxReferenceAdminClient(twin.url, twin.adminToken);
      expect((await twinAdmin.invoicesOf(BUYER)).map((i) => i.key)).toEqual((await admin.invoicesOf(BUYER)).map((i) => i.key));
    } finally {
      await twin.stop();
      await other.stop();
    }
  });

  it("returns null for a tax id the authority does not know", async () => {
    expect(await adapter.enterpriseSummary("91420100UNKNOWN00X")).toBeNull();
  });

  it("knows taxpayers registered through the admin API", async () => {
    await admin.registerEnterprise({ taxId: "91420100NEWCO0001X", name: "New Co.", lateFilingMonths: ["2026-03"], taxArrears: 1234n });
    const { summary } = (await adapter.enterpriseSummary("91420100newco0001x"))!;
    expect(summary).toMatchObject({ taxId: "91420100NEWCO0001X", name: "New Co.", taxArrears: 1234n });
    expect(summary.months.filter((m) => !m.filedOnTime).map((m) => m.month)).toEqual(["2026-03"]);
    expect(summary.months.every((m) => m.sales === 0n)).toBe(true);
  });
});

describe("response signatures", () => {
  it("signs every answer: the evidence verifies against the published key, and echoes the request id", async () => {
    const invoice = await issued();
    const { evidence } = await adapter.verifyInvoices([invoice]);
    expect(evidence.keyId).toBe(service.keyId);
    expect(verify(null, Buffer.from(evidence.body, "utf8"), service.publicKey, Buffer.from(evidence.signature, "base64"))).toBe(true);
    expect(JSON.parse(evidence.body).requestId).toBe(evidence.requestId);

    const keys = await fetch(`${service.url}/v1/keys`);
    const keysBody = Buffer.from(await keys.arrayBuffer());
    expect(JSON.parse(keysBody.toString()).keys).toEqual([{ keyId: service.keyId, algorithm: "Ed25519", publicKeyPem: service.publicKey }]);
    expect(verify(null, keysBody, service.publicKey, Buffer.from(keys.headers.get("x-tax-signature")!, "base64"))).toBe(true);
  });

  it("signs error answers too", async () => {
    const response = await fetch(`${service.url}/no/such/route`);
    expect(response.status).toBe(404);
    const body = Buffer.from(await response.arrayBuffer());
    expect(verify(null, body, service.publicKey, Buffer.from(response.headers.get("x-tax-signature")!, "base64"))).toBe(true);
  });

  it("trusts the published key on first use when no key is pinned", async () => {
    const tofu = new HttpTaxAuthorityAdapter({ baseUrl: service.url });
    const { evidence } = await tofu.verifyInvoices([await issued()]);
    expect(evidence.keyId).toBe(service.keyId);
  });

  it("refuses a response whose body was changed in transit", async () => {
    const proxy = await new FaultProxy(async (upstream) => {
      const answer = await upstream();
      return { ...answer, body: Buffer.from(answer.body.toString("utf8").replace('"status":"voided"', '"status":"valid"')) };
    }).listen();
    try {
      const invoice = await issued();
      await admin.voidInvoice(invoice.key);
      const promise = fastAdapter(proxy.url).verifyInvoices([invoice]);
      await expect(promise).rejects.toThrow(TaxAuthoritySignatureError);
      await expect(promise).rejects.toThrow("does not match its signature");
    } finally {
      await proxy.close();
    }
  });

  it("refuses an unsigned response", async () => {
    const proxy = await new FaultProxy(async (upstream) => {
      const answer = await upstream();
      return { ...answer, headers: { "content-type": "application/json" } };
    }).listen();
    try {
      await expect(fastAdapter(proxy.url).enterpriseSummary(SELLER)).rejects.toThrow(/unsigned/);
      await expect(new HttpTaxAuthorityAdapter({ baseUrl: proxy.url }).enterpriseSummary(SELLER)).rejects.toThrow(TaxAuthoritySignatureError);
    } finally {
      await proxy.close();
    }
  });

  it("refuses a response signed by a key it does not trust", async () => {
    const stranger = generateKeyPairSync("ed25519").publicKey.export({ type: "spki", format: "pem" }).toString();
    const promise = fastAdapter(service.url, { trustedPublicKeys: [stranger] }).enterpriseSummary(SELLER);
    await expect(promise).rejects.toThrow(TaxAuthoritySignatureError);
    await expect(promise).rejects.toThrow(`signed by key ${service.keyId}, which is not trusted`);
  });

  it("refuses a genuine signed response replayed as the answer to another request", async () => {
    let recorded: Upstream | undefined;
    const proxy = await new FaultProxy(async (upstream) => (recorded ??= await upstream())).listen();
    try {
      const invoice = await issued();
      const replaying = fastAdapter(proxy.url);
      await replaying.verifyInvoices([invoice]);
      await expect(replaying.verifyInvoices([invoice])).rejects.toThrow(TaxAuthorityResponseInvalidError);
    } finally {
      await proxy.close();
    }
  });
});

describe("transport failures", () => {
  it("retries a 5xx answer and succeeds when the service recovers", async () => {
    let failures = 2;
    const proxy = await new FaultProxy(async (upstream) =>
      failures-- > 0 ? { status: 503, headers: {}, body: Buffer.from("busy") } : upstream(),
    ).listen();
    try {
      expect(await fastAdapter(proxy.url).enterpriseSummary(SELLER)).not.toBeNull();
      expect(proxy.requests).toBe(3);
    } finally {
      await proxy.close();
    }
  });

  it("gives up after maxAttempts 5xx answers with a clear error", async () => {
    const proxy = await new FaultProxy(async () => ({ status: 502, headers: {}, body: Buffer.alloc(0) })).listen();
    try {
      const promise = fastAdapter(proxy.url).enterpriseSummary(SELLER);
      await expect(promise).rejects.toThrow(TaxAuthorityUnavailableError);
      await expect(promise).rejects.toThrow(/after 3 attempt\(s\): HTTP 502/);
      expect(proxy.requests).toBe(3);
    } finally {
      await proxy.close();
    }
  });

  it("does not retry a 4xx answer", async () => {
    const proxy = await new FaultProxy(async (upstream) => upstream()).listen();
    try {
      const promise = fastAdapter(`${proxy.url}/wrong-prefix`).enterpriseSummary(SELLER);
      await expect(promise).rejects.toThrow(TaxAuthorityRequestRejectedError);
      await expect(promise).rejects.toThrow(/404 ROUTE_NOT_FOUND/);
      expect(proxy.requests).toBe(1);
    } finally {
      await proxy.close();
    }
  });

  it("times out a service that does not answer, retrying each attempt", async () => {
    const proxy = await new FaultProxy(async () => "hang").listen();
    try {
      const promise = fastAdapter(proxy.url, { timeoutMs: 150, maxAttempts: 2 }).enterpriseSummary(SELLER);
      await expect(promise).rejects.toThrow(/after 2 attempt\(s\): timed out after 150 ms/);
      expect(proxy.requests).toBe(2);
    } finally {
      await proxy.close();
    }
  });

  it("reports an unreachable service as unavailable", async () => {
    const closed = await new FaultProxy(async (upstream) => upstream()).listen();
    await closed.close();
    await expect(fastAdapter(closed.url).enterpriseSummary(SELLER)).rejects.toThrow(TaxAuthorityUnavailableError);
  });
});

describe("admin endpoints", () => {
  const body = JSON.stringify({
    sellerTaxId: SELLER,
    buyerTaxId: BUYER,
    invoiceCode: "4200261199",
    invoiceNumber: "00000001",
    amount: "100",
    issueDate: "2026-11-01",
  });

  it("refuse requests without the admin token or with a wrong one", async () => {
    const attempts: Record<string, string>[] = [{}, { authorization: "Bearer wrong-token-wrong-token" }, { authorization: service.adminToken }];
    for (const headers of attempts) {
      const response = await fetch(`${service.url}/admin/invoices`, { method: "POST", headers, body });
      expect(response.status).toBe(401);
      expect(((await response.json()) as { error: { code: string } }).error.code).toBe("UNAUTHORIZED");
    }
    const key = invoiceKey({ sellerTaxId: SELLER, invoiceCode: "4200261199", invoiceNumber: "00000001" });
    expect((await fetch(`${service.url}/admin/invoices/${key}/void`, { method: "POST" })).status).toBe(401);
    expect((await fetch(`${service.url}/admin/invoices?sellerTaxId=${SELLER}`)).status).toBe(401);
  });

  it("accept the admin token, refuse a duplicate invoice, and keep voided and reversed final", async () => {
    const headers = { authorization: `Bearer ${service.adminToken}` };
    const created = await fetch(`${service.url}/admin/invoices`, { method: "POST", headers, body });
    expect(created.status).toBe(201);
    const { invoice } = (await created.json()) as { invoice: { key: string } };
    expect((await fetch(`${service.url}/admin/invoices`, { method: "POST", headers, body })).status).toBe(409);

    expect((await admin.voidInvoice(invoice.key)).status).toBe("voided");
    expect((await admin.voidInvoice(invoice.key)).status).toBe("voided"); // repeating is harmless
    await expect(admin.reverseInvoice(invoice.key)).rejects.toMatchObject({ status: 409, code: "INVOICE_STATUS_FINAL" });
    const unknown = invoiceKey({ sellerTaxId: SELLER, invoiceCode: "none", invoiceNumber: "none" });
    await expect(admin.voidInvoice(unknown)).rejects.toBeInstanceOf(TaxReferenceAdminError);
    await expect(admin.voidInvoice(unknown)).rejects.toMatchObject({ status: 404, code: "INVOICE_NOT_FOUND" });
  });

  it("validate what they are given", async () => {
    await expect(
      admin.issueInvoice({ sellerTaxId: "short", buyerTaxId: BUYER, invoiceCode: "1", invoiceNumber: "1", amount: 0n, issueDate: "2026-13-01" }),
    ).rejects.toMatchObject({ status: 400, code: "REQUEST_INVALID" });
  });
});
