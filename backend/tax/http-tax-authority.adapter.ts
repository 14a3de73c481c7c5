// TaxAuthorityAdapter over HTTP, for the reference tax service or any authority speaking its protocol.
//
// Trust: every response must be signed by a trusted key, or it is refused (TaxAuthoritySignatureError) and
// nothing in it is used. Trusted keys are the configured `trustedPublicKeys` (pin them in production); when
// none are configured the adapter fetches GET /v1/keys once and trusts what it publishes (trust on first
// use, for local runs), refetching once when a response names a key it has not seen (key rotation).
// Each request carries a fresh `x-tax-request-id` that the signed body must echo, so a recorded response
// cannot be replayed as the answer to a later question.
//
// Failures: network errors, timeouts and 5xx answers are retried with exponential backoff; 4xx answers,
// signature failures and malformed answers are not (repeating would not change them).
import { randomUUID } from "node:crypto";
import { invoiceKey } from "../invoices/invoice-key.js";
import {
  MAX_VERIFY_BATCH,
  type EnterpriseTaxSummary,
  type InvoiceMismatch,
  type InvoiceToVerify,
  type InvoiceVerification,
  type InvoiceVerificationBatch,
  type SignedEvidence,
  type TaxAuthorityAdapter,
  type TaxInvoiceStatus,
} from "./tax-authority.adapter.js";
import { trustedKeyFromPem, verifySignedBody, type TrustedKey } from "./tax-authority-keys.js";
import {
  TaxAuthorityRequestRejectedError,
  TaxAuthorityResponseInvalidError,
  TaxAuthorityUnavailableError,
} from "./tax-authority.errors.js";

export interface HttpTaxAuthorityOptions {
  /** e.g. http://127.0.0.1:4400 */
  baseUrl: string;
  /** SPKI PEM Ed25519 keys to trust; empty or absent: trust what GET /v1/keys publishes (local runs only). */
  trustedPublicKeys?: readonly string[];
  /** Per attempt, including reading the body. Default 5000. */
  timeoutMs?: number;
  /** Attempts in all (1 = no retry). Default 3. */
  maxAttempts?: number;
  /** Delay before the first retry, doubled for each further one. Default 200. */
  retryDelayMs?: number;
}

interface SignedResponse {
  status: number;
  json: Record<string, unknown>;
  evidence: SignedEvidence;
}

interface RawResponse {
  status: number;
  body: Buffer;
  signature: string | null;
  keyId: string | null;
}

const STATUSES: readonly TaxInvoiceStatus[] = ["valid", "voided", "reversed"];
const MISMATCHES: readonly InvoiceMismatch[] = ["AMOUNT_DIFFERS", "ISSUE_DATE_DIFFERS", "BUYER_DIFFERS"];
const MINOR_UNITS = /^\d+$/;
const CALENDAR_DATE = /^\d{4}-\d{2}-\d{2}$/;
const MONTH = /^\d{4}-\d{2}$/;

export class HttpTaxAuthorityAdapter implements TaxAuthorityAdapter {
  private readonly baseUrl: string;
  private readonly pinned: boolean;
  private keys = new Map<string, TrustedKey>();
  private keysLoading?: Promise<void>;
  private readonly timeoutMs: number;
  private readonly maxAttempts: number;
  private readonly retryDelayMs: number;

  constructor(options: HttpTaxAuthorityOptions) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, "");
    this.timeoutMs = options.timeoutMs ?? 5000;
    this.maxAttempts = options.maxAttempts ?? 3;
    this.retryDelayMs = options.retryDelayMs ?? 200;
    if (!(this.maxAttempts >= 1)) throw new RangeError("maxAttempts must be at least 1");
    const pinned = (options.trustedPublicKeys ?? []).map(trustedKeyFromPem);
    this.pinned = pinned.length > 0;
    for (const key of pinned) this.keys.set(key.keyId, key);
  }

  async verifyInvoices(items: readonly InvoiceToVerify[]): Promise<InvoiceVerificationBatch> {
    if (items.length === 0 || items.length > MAX_VERIFY_BATCH) {
      throw new TaxAuthorityRequestRejectedError(`verifyInvoices takes 1 to ${MAX_VERIFY_BATCH} invoices, got ${items.length}`);
    }
    const expectedKeys = items.map((item, index) => {
      try {
        return invoiceKey(item);
      } catch (error) {
        throw new TaxAuthorityRequestRejectedError(`invoice ${index} cannot be verified: ${(error as Error).message}`, { index });
      }
    });
    const response = await this.signedRequest("POST", "/v1/invoices/verify", {
      items: items.map((item) => ({
        sellerTaxId: item.sellerTaxId,
        invoiceCode: item.invoiceCode,
        invoiceNumber: item.invoiceNumber,
        amount: item.amount.toString(),
        issueDate: item.issueDate,
        ...(item.buyerTaxId === undefined ? {} : { buyerTaxId: item.buyerTaxId }),
      })),
    });
    if (response.status !== 200) this.rejected(response);
    const results = response.json.results;
    if (!Array.isArray(results) || results.length !== items.length) {
      throw new TaxAuthorityResponseInvalidError(`the tax authority answered ${describeCount(results)} for ${items.length} invoices`);
    }
    return {
      results: results.map((result, index) => parseVerification(result, expectedKeys[index]!, index)),
      evidence: response.evidence,
    };
  }

  async enterpriseSummary(taxId: string): Promise<{ summary: EnterpriseTaxSummary; evidence: SignedEvidence } | null> {
    const response = await this.signedRequest("GET", `/v1/enterprises/${encodeURIComponent(taxId.trim())}/summary`);
    if (response.status === 404 && errorCode(response.json) === "ENTERPRISE_NOT_FOUND") return null;
    if (response.status !== 200) this.rejected(response);
    return { summary: parseSummary(response.json.summary), evidence: response.evidence };
  }

  /** Sends one request (with retries), checks its signature and request id, and parses its JSON body. */
  private async signedRequest(method: "GET" | "POST", path: string, body?: unknown): Promise<SignedResponse> {
    const requestId = randomUUID();
    const raw = await this.exchange(method, path, requestId, body);
    const key = verifySignedBody(raw.body, raw, await this.trustedKeysFor(raw.keyId));
    const json = parseJson(raw.body);
    if (json.requestId !== requestId) {
      throw new TaxAuthorityResponseInvalidError("the tax authority's signed response answers another request (request id differs)", {
        sent: requestId,
        received: json.requestId,
      });
    }
    const issuedAt = new Date(String(json.issuedAt));
    if (Number.isNaN(issuedAt.getTime())) throw new TaxAuthorityResponseInvalidError("the tax authority's response has no valid issuedAt");
    return {
      status: raw.status,
      json,
      evidence: { body: raw.body.toString("utf8"), signature: raw.signature!, keyId: key.keyId, requestId, issuedAt },
    };
  }

  /** The keys to check a response signed by `keyId` against, loading or refreshing published keys if allowed. */
  private async trustedKeysFor(keyId: string | null): Promise<ReadonlyMap<string, TrustedKey>> {
    if (this.pinned || keyId === null || this.keys.has(keyId)) return this.keys;
    this.keysLoading ??= this.loadPublishedKeys().finally(() => (this.keysLoading = undefined));
    await this.keysLoading;
    return this.keys;
  }

  private async loadPublishedKeys(): Promise<void> {
    const requestId = randomUUID();
    const raw = await this.exchange("GET", "/v1/keys", requestId);
    if (raw.status !== 200) {
      throw new TaxAuthorityResponseInvalidError(`GET /v1/keys answered ${raw.status}`);
    }
    const json = parseJson(raw.body);
    const published = json.keys;
    if (!Array.isArray(published)) throw new TaxAuthorityResponseInvalidError("GET /v1/keys did not list keys");
    const keys = new Map<string, TrustedKey>();
    for (const entry of published) {
      const pem = (entry as { publicKeyPem?: unknown })?.publicKeyPem;
      if (typeof pem !== "string") throw new TaxAuthorityResponseInvalidError("GET /v1/keys listed a key without publicKeyPem");
      const key = trustedKeyFromPem(pem);
      if ((entry as { keyId?: unknown }).keyId !== key.keyId) {
        throw new TaxAuthorityResponseInvalidError(`GET /v1/keys published key id ${(entry as { keyId?: unknown }).keyId} for a key whose id is ${key.keyId}`);
      }
      keys.set(key.keyId, key);
    }
    // The key list must itself be signed by one of the keys it lists, for the echoed request.
    verifySignedBody(raw.body, raw, keys);
    if (json.requestId !== requestId) throw new TaxAuthorityResponseInvalidError("GET /v1/keys answered another request");
    this.keys = keys;
  }

  /** One HTTP exchange, retried on network errors, timeouts and 5xx; any other status is returned. */
  private async exchange(method: string, path: string, requestId: string, body?: unknown): Promise<RawResponse> {
    const url = `${this.baseUrl}${path}`;
    let lastProblem = "";
    for (let attempt = 1; attempt <= this.maxAttempts; attempt++) {
      if (attempt > 1) await sleep(this.retryDelayMs * 2 ** (attempt - 2));
      try {
        const response = await fetch(url, {
          method,
          headers: {
            accept: "application/json",
            "x-tax-request-id": requestId,
            ...(body === undefined ? {} : { "content-type": "application/json" }),
          },
          body: body === undefined ? undefined : JSON.stringify(body),
          signal: AbortSignal.timeout(this.timeoutMs),
        });
        const bytes = Buffer.from(await response.arrayBuffer());
        if (response.status >= 500) {
          lastProblem = `HTTP ${response.status}`;
          continue;
        }
        return {
          status: response.status,
          body: bytes,
          signature: response.headers.get("x-tax-signature"),
          keyId: response.headers.get("x-tax-key-id"),
        };
      } catch (error) {
        lastProblem = describeNetworkError(error, this.timeoutMs);
      }
    }
    throw new TaxAuthorityUnavailableError(
      `the tax authority at ${this.baseUrl} did not answer ${method} ${path} after ${this.maxAttempts} attempt(s): ${lastProblem}`,
      { url, attempts: this.maxAttempts, lastProblem },
    );
  }

  private rejected(response: SignedResponse): never {
    const error = response.json.error as { code?: unknown; message?: unknown; details?: unknown } | undefined;
    throw new TaxAuthorityRequestRejectedError(
      `the tax authority refused the request (${response.status} ${String(error?.code ?? "")}): ${String(error?.message ?? "")}`,
      { status: response.status, code: error?.code, details: error?.details },
    );
  }
}

function parseVerification(value: unknown, expectedKey: string, index: number): InvoiceVerification {
  const invalid = (problem: string) =>
    new TaxAuthorityResponseInvalidError(`the tax authority's result ${index} ${problem}`, { index, invoiceKey: expectedKey });
  if (typeof value !== "object" || value === null) throw invalid("is not an object");
  const result = value as Record<string, unknown>;
  if (result.invoiceKey !== expectedKey) throw invalid(`is about invoice ${String(result.invoiceKey)}, not ${expectedKey}`);
  if (result.found === false) return { invoiceKey: expectedKey, found: false };
  if (result.found !== true) throw invalid("does not say whether the invoice was found");
  const { status, statusChangedAt, attestedAmount, issueDate, buyerTaxId, mismatches } = result;
  if (!STATUSES.includes(status as TaxInvoiceStatus)) throw invalid(`has an unknown status ${String(status)}`);
  if (typeof attestedAmount !== "string" || !MINOR_UNITS.test(attestedAmount)) throw invalid("has no attested amount");
  if (typeof issueDate !== "string" || !CALENDAR_DATE.test(issueDate)) throw invalid("has no issue date");
  if (typeof buyerTaxId !== "string") throw invalid("has no buyer tax id");
  if (!Array.isArray(mismatches) || !mismatches.every((m) => MISMATCHES.includes(m as InvoiceMismatch))) {
    throw invalid("has unknown mismatch reasons");
  }
  let changedAt: Date | null = null;
  if (statusChangedAt !== null) {
    changedAt = new Date(String(statusChangedAt));
    if (Number.isNaN(changedAt.getTime())) throw invalid("has an invalid statusChangedAt");
  }
  return {
    invoiceKey: expectedKey,
    found: true,
    status: status as TaxInvoiceStatus,
    statusChangedAt: changedAt,
    attestedAmount: BigInt(attestedAmount),
    issueDate,
    buyerTaxId,
    mismatches: mismatches as InvoiceMismatch[],
  };
}

function parseSummary(value: unknown): EnterpriseTaxSummary {
  const invalid = (problem: string) => new TaxAuthorityResponseInvalidError(`the tax authority's enterprise summary ${problem}`);
  if (typeof value !== "object" || value === null) throw invalid("is missing");
  const { taxId, name, months, taxArrears } = value as Record<string, unknown>;
  if (typeof taxId !== "string" || typeof name !== "string") throw invalid("has no tax id or name");
  if (typeof taxArrears !== "string" || !MINOR_UNITS.test(taxArrears)) throw invalid("has no tax arrears amount");
  if (!Array.isArray(months)) throw invalid("has no months");
  return {
    taxId,
    name,
    taxArrears: BigInt(taxArrears),
    months: months.map((entry) => {
      const { month, sales, filedOnTime } = (entry ?? {}) as Record<string, unknown>;
      if (typeof month !== "string" || !MONTH.test(month)) throw invalid("has a month without YYYY-MM");
      if (typeof sales !== "string" || !MINOR_UNITS.test(sales)) throw invalid(`has no sales for ${month}`);
      if (typeof filedOnTime !== "boolean") throw invalid(`does not say whether ${month} was filed on time`);
      return { month, sales: BigInt(sales), filedOnTime };
    }),
  };
}

function parseJson(body: Buffer): Record<string, unknown> {
  try {
    const json = JSON.parse(body.toString("utf8"));
    if (typeof json === "object" && json !== null && !Array.isArray(json)) return json;
  } catch {
    // reported below
  }
  throw new TaxAuthorityResponseInvalidError("the tax authority's response is not a JSON object");
}

function errorCode(json: Record<string, unknown>): unknown {
  return (json.error as { code?: unknown } | undefined)?.code;
}

function describeCount(results: unknown): string {
  return Array.isArray(results) ? `${results.length} results` : "without results";
}

function describeNetworkError(error: unknown, timeoutMs: number): string {
  // Duck-typed: fetch's DOMException and errors from another realm fail `instanceof Error`.
  const { name, message, cause } = (error ?? {}) as { name?: unknown; message?: unknown; cause?: { message?: unknown } };
  if (name === "TimeoutError" || name === "AbortError") return `timed out after ${timeoutMs} ms`;
  const reason = typeof cause?.message === "string" ? `: ${cause.message}` : "";
  return `${typeof message === "string" ? message : String(error)}${reason}`;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
