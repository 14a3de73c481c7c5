import { Injectable, Logger, type OnModuleInit } from "@nestjs/common";
import type { EntityManager } from "typeorm";
import type { ChainOperation } from "../chain/chain-operation.entity.js";
import { ChainOutcomes } from "../chain/chain-outcomes.js";

/**
 * An attestation the registry refused. An invoice still waiting for its first attestation becomes `failed`
 * with the decoded reason (it would otherwise wait for ever); a refused re-attestation of a valid invoice
 * (e.g. INVOICE_ATTESTATION_FINAL) leaves it as the chain has it, and is logged.
 */
@Injectable()
export class TaxAttestationOutcomes implements OnModuleInit {
  private readonly logger = new Logger(TaxAttestationOutcomes.name);

  constructor(private readonly outcomes: ChainOutcomes) {}

  onModuleInit(): void {
    this.outcomes.onFailure("invoice.attest", (manager, operations) => this.failed(manager, operations));
  }

  private async failed(manager: EntityManager, operations: ChainOperation[]): Promise<void> {
    for (const operation of operations) {
      const invoiceKey = String(operation.payload.invoiceKey).toLowerCase();
      const code = operation.errorCode ?? "CHAIN_WRITE_FAILED";
      await manager.query(
        `UPDATE invoices SET status = 'failed', error_code = $2, error_message = $3, updated_at = now()
         WHERE invoice_key = $1 AND status = 'verifying'`,
        [invoiceKey, code, operation.errorMessage ?? ""],
      );
      this.logger.warn(`attestation of invoice ${invoiceKey} failed: ${code} ${operation.errorMessage ?? ""}`);
    }
  }
}
