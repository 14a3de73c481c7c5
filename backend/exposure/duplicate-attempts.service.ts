import { Injectable } from "@nestjs/common";
import { DataSource } from "typeorm";
import type { DuplicateAttemptsView } from "./dto/exposure-views.dto.js";

/**
 * The contract errors that mean "this receivable is already registered, backs a voucher or is financed":
 * the chain refused a second registration, a second voucher or a second financing of the same value.
 * Attempts the API refused before they reached the chain (409 INVOICE_ALREADY_BACKS_VOUCHER on a
 * confirmation) are not chain operations and are not counted here.
 */
export const DUPLICATE_ERROR_CODES = [
  "INVOICE_ALREADY_REGISTERED",
  "INVOICE_ALREADY_BACKS_VOUCHER",
  "FINANCING_INVALID_REQUEST",
  "FINANCING_SELLER_NO_LONGER_HOLDS",
] as const;

@Injectable()
export class DuplicateAttempts {
  constructor(private readonly dataSource: DataSource) {}

  async list(): Promise<DuplicateAttemptsView> {
    return this.dataSource.transaction("REPEATABLE READ", async (manager) => {
      const counts: Array<{ error_code: string; attempts: number }> = await manager.query(
        `SELECT error_code, count(*)::int AS attempts FROM chain_operations
          WHERE status = 'failed' AND error_code = ANY($1) GROUP BY error_code`,
        [DUPLICATE_ERROR_CODES]
      );
      const latest: Array<{ id: string; kind: string; error_code: string; signer_address: string; updated_at: Date }> =
        await manager.query(
          `SELECT id, kind, error_code, signer_address, updated_at FROM chain_operations
          WHERE status = 'failed' AND error_code = ANY($1) ORDER BY updated_at DESC, id LIMIT 50`,
          [DUPLICATE_ERROR_CODES]
        );
      return {
        byCode: Object.fromEntries(counts.map((row) => [row.error_code, row.attempts])),
        total: counts.reduce((sum, row) => sum + row.attempts, 0),
        latest: latest.map((row) => ({
          operationId: row.id,
          kind: row.kind,
          errorCode: row.error_code,
          signerAddress: row.signer_address,
          at: row.updated_at.toISOString(),
        })),
      };
    });
  }
}
