// The HTTP face of the reference tax authority: routes, admin authentication and signed responses.
//
// Every response, errors included, is JSON signed with Ed25519 over its exact bytes (headers
// `x-tax-signature`, base64, and `x-tax-key-id`). A client may send `x-tax-request-id`: it is echoed inside
// the signed body as `requestId`, so a recorded response cannot be replayed as the answer to another request.
import { createHash, timingSafeEqual } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { isInvoiceKey } from "../invoices/invoice-key.js";
import { LedgerError, type IssuedInvoice, type TaxLedger, type VerificationResult } from "./ledger.js";
import {
  RequestInvalidError,
  parseIssueInvoiceRequest,
  parseRegisterEnterpriseRequest,
  parseVerifyRequest,
} from "./requests.js";
import { signBody, type SigningKey } from "./signing.js";

const MAX_BODY_BYTES = 2 * 1024 * 1024;
const REQUEST_ID_PATTERN = /^[\x21-\x7e]{1,128}$/;

class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

const LEDGER_ERROR_STATUS: Record<LedgerError["code"], number> = {
  ENTERPRISE_ALREADY_REGISTERED: 409,
  INVOICE_ALREADY_ISSUED: 409,
  INVOICE_NOT_FOUND: 404,
  INVOICE_STATUS_FINAL: 409,
};

interface Reply {
  status: number;
  body: Record<string, unknown>;
}

export interface TaxReferenceServerDeps {
  ledger: TaxLedger;
  signingKey: SigningKey;
  adminToken: string;
}

export function createRequestHandler({ ledger, signingKey, adminToken }: TaxReferenceServerDeps) {
  const adminTokenDigest = sha256(adminToken);

  function requireAdmin(request: IncomingMessage): void {
    const header = request.headers.authorization ?? "";
    const presented = header.startsWith("Bearer ") ? header.slice("Bearer ".length) : "";
    // Compare digests so the comparison is constant-time whatever the presented token's length.
    if (!timingSafeEqual(sha256(presented), adminTokenDigest)) {
      throw new HttpError(401, "UNAUTHORIZED", "admin endpoints need Authorization: Bearer <admin token>");
    }
  }

  async function route(request: IncomingMessage, method: string, segments: string[], query: URLSearchParams): Promise<Reply> {
    const path = segments.join("/");
    if (method === "GET" && path === "health") return { status: 200, body: { status: "ok" } };
    if (method === "GET" && path === "v1/keys") {
      return { status: 200, body: { keys: [{ keyId: signingKey.keyId, algorithm: "Ed25519", publicKeyPem: signingKey.publicKeyPem }] } };
    }
    if (method === "POST" && path === "v1/invoices/verify") {
      const queries = parseVerifyRequest(await readJson(request));
      return { status: 200, body: { results: queries.map((q) => renderVerification(q, ledger.verify(q))) } };
    }
    if (method === "GET" && segments.length === 4 && segments[0] === "v1" && segments[1] === "enterprises" && segments[3] === "summary") {
      const taxId = segments[2]!.trim().toUpperCase();
      const summary = ledger.summary(taxId);
      if (!summary) throw new HttpError(404, "ENTERPRISE_NOT_FOUND", `no taxpayer with tax id ${taxId}`, { taxId });
      return { status: 200, body: { summary } };
    }
    if (segments[0] === "admin") {
      requireAdmin(request);
      return routeAdmin(request, method, segments.slice(1), query);
    }
    throw new HttpError(404, "ROUTE_NOT_FOUND", `no route ${method} /${path}`);
  }

  async function routeAdmin(request: IncomingMessage, method: string, segments: string[], query: URLSearchParams): Promise<Reply> {
    const path = segments.join("/");
    if (method === "POST" && path === "enterprises") {
      const input = parseRegisterEnterpriseRequest(await readJson(request));
      const enterprise = ledger.registerEnterprise({ ...input, lateFilingMonths: new Set(input.lateFilingMonths) });
      return { status: 201, body: { enterprise: { ...enterprise, lateFilingMonths: [...enterprise.lateFilingMonths].sort() } } };
    }
    if (method === "POST" && path === "invoices") {
      const input = parseIssueInvoiceRequest(await readJson(request));
      const invoice = ledger.issue({ ...input, statusChangedAt: input.status === "valid" ? null : new Date().toISOString() });
      return { status: 201, body: { invoice } };
    }
    if (method === "GET" && path === "invoices") {
      const sellerTaxId = (query.get("sellerTaxId") ?? "").trim().toUpperCase();
      if (sellerTaxId === "") throw new HttpError(400, "REQUEST_INVALID", "query parameter sellerTaxId is required");
      return { status: 200, body: { invoices: ledger.invoicesOf(sellerTaxId) } };
    }
    if (segments[0] === "invoices" && segments.length >= 2) {
      const key = segments[1]!.toLowerCase();
      if (!isInvoiceKey(key)) throw new HttpError(400, "REQUEST_INVALID", "the invoice key must be 0x followed by 64 hex digits");
      if (method === "GET" && segments.length === 2) {
        const invoice = ledger.invoice(key);
        if (!invoice) throw new HttpError(404, "INVOICE_NOT_FOUND", `no invoice with key ${key}`, { invoiceKey: key });
        return { status: 200, body: { invoice } };
      }
      if (method === "POST" && segments.length === 3 && (segments[2] === "void" || segments[2] === "reverse")) {
        const invoice: IssuedInvoice = ledger.changeStatus(key, segments[2] === "void" ? "voided" : "reversed", new Date());
        return { status: 200, body: { invoice } };
      }
    }
    throw new HttpError(404, "ROUTE_NOT_FOUND", `no route ${method} /admin/${path}`);
  }

  function send(response: ServerResponse, requestId: string | null, reply: Reply): void {
    const body = Buffer.from(
      JSON.stringify({ requestId, issuedAt: new Date().toISOString(), ...reply.body }, (_key, value) =>
        typeof value === "bigint" ? value.toString() : value,
      ),
      "utf8",
    );
    response.writeHead(reply.status, {
      "content-type": "application/json; charset=utf-8",
      "content-length": body.length,
      "cache-control": "no-store",
      "x-tax-key-id": signingKey.keyId,
      "x-tax-signature": signBody(signingKey, body),
    });
    response.end(body);
  }

  return async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const rawRequestId = request.headers["x-tax-request-id"];
    const requestId = typeof rawRequestId === "string" && REQUEST_ID_PATTERN.test(rawRequestId) ? rawRequestId : null;
    let reply: Reply;
    try {
      const url = new URL(request.url ?? "/", "http://tax.invalid");
      const segments = url.pathname.split("/").filter((s) => s !== "").map(decodeURIComponent);
      reply = await route(request, request.method ?? "GET", segments, url.searchParams);
    } catch (error) {
      reply = errorReply(error);
    }
    send(response, requestId, reply);
  };
}

function renderVerification(query: { sellerTaxId: string; invoiceCode: string; invoiceNumber: string }, result: VerificationResult) {
  return {
    sellerTaxId: query.sellerTaxId,
    invoiceCode: query.invoiceCode,
    invoiceNumber: query.invoiceNumber,
    ...result,
  };
}

function errorReply(error: unknown): Reply {
  const render = (status: number, code: string, message: string, details?: unknown): Reply => ({
    status,
    body: { error: details === undefined ? { code, message } : { code, message, details } },
  });
  if (error instanceof HttpError) return render(error.status, error.code, error.message, error.details);
  if (error instanceof RequestInvalidError) return render(400, "REQUEST_INVALID", "the request body is invalid", error.problems);
  if (error instanceof LedgerError) return render(LEDGER_ERROR_STATUS[error.code], error.code, error.message, error.details);
  if (error instanceof URIError) return render(400, "REQUEST_INVALID", "the request path is not valid percent-encoding");
  console.error("tax reference service: unexpected error", error);
  return render(500, "INTERNAL", "unexpected error in the tax reference service");
}

async function readJson(request: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) throw new HttpError(413, "BODY_TOO_LARGE", `request bodies are limited to ${MAX_BODY_BYTES} bytes`);
    chunks.push(chunk);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString("utf8"));
  } catch {
    throw new HttpError(400, "REQUEST_INVALID", "the request body must be JSON");
  }
}

function sha256(value: string): Buffer {
  return createHash("sha256").update(value, "utf8").digest();
}
