// Reads an upload request's body by its content type: text/csv arrives unparsed (Nest parses only JSON and
// forms), so it is read from the request stream here, with a size limit.

import type { IncomingMessage } from "node:http";
import { PayloadTooLargeException } from "@nestjs/common";
import { ValidationError } from "../common/domain-error.js";
import { type UploadItem, uploadItemsFromCsv, uploadItemsFromJson } from "./upload-items.js";
import type { UploadKind } from "./upload.entity.js";

/** 20,000 rows of about 120 bytes, with room to spare. */
export const MAX_CSV_BYTES = 8 * 1024 * 1024;

export async function uploadItemsFromRequest(request: IncomingMessage & { body?: unknown }): Promise<{ kind: UploadKind; items: UploadItem[] }> {
  const contentType = (request.headers["content-type"] ?? "").split(";")[0]!.trim().toLowerCase();
  if (contentType === "text/csv") return { kind: "csv", items: uploadItemsFromCsv(await readText(request)) };
  if (contentType === "application/json") {
    const body = request.body as { invoices?: unknown } | undefined;
    const extra = body && typeof body === "object" ? Object.keys(body).filter((key) => key !== "invoices") : [];
    if (!body || !Array.isArray(body.invoices) || extra.length > 0) {
      throw new ValidationError("VALIDATION_FAILED", 'a JSON upload is { "invoices": [ ... ] } and nothing else', {
        fields: { invoices: ["invoices must be an array of invoices"], ...Object.fromEntries(extra.map((key) => [key, [`property ${key} should not exist`]])) },
      });
    }
    return { kind: "json", items: uploadItemsFromJson(body.invoices) };
  }
  throw new ValidationError("UNSUPPORTED_CONTENT_TYPE", "send the upload as text/csv or as application/json", { contentType });
}

async function readText(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_CSV_BYTES) throw new PayloadTooLargeException(`a CSV upload is at most ${MAX_CSV_BYTES} bytes`);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString("utf8");
}
