import { Injectable, type OnModuleInit } from "@nestjs/common";
import type { EntityManager } from "typeorm";
import type { ChainOperation } from "../chain/chain-operation.entity.js";
import { ChainOutcomes } from "../chain/chain-outcomes.js";

/**
 * When the contract refuses a financing step, the request goes back to where the step started, with the
 * decoded error code, in the writer's transaction: a refused request is `request_failed`; a refused withdrawal
 * or decision leaves the request `requested` (decidable again) and marks the decision failed; a refused step
 * after approval (repay, close, enforce, recourse) is marked failed and the financing stays `active`. Only rows still
 * in the step's own status move, so an event that already settled the request is never undone.
 */
@Injectable()
export class FinancingChainFailures implements OnModuleInit {
  constructor(private readonly outcomes: ChainOutcomes) {}

  onModuleInit(): void {
    this.outcomes.onFailure("financing.request", (manager, operations) => this.requestFailed(manager, operations));
    this.outcomes.onFailure("financing.withdraw", (manager, operations) => this.withdrawalFailed(manager, operations));
    for (const kind of ["financing.reject", "financing.approveFactoring", "financing.approveLoan"]) {
      this.outcomes.onFailure(kind, (manager, operations) => this.decisionFailed(manager, operations));
    }
    for (const kind of ["financing.repayLoan", "financing.closeLoan", "financing.enforcePledge", "financing.exerciseRecourse"]) {
      this.outcomes.onFailure(kind, (manager, operations) => this.actionFailed(manager, operations));
    }
  }

  private async requestFailed(manager: EntityManager, operations: ChainOperation[]): Promise<void> {
    for (const operation of operations) {
      await manager.query(
        `UPDATE financing_requests SET status = 'request_failed', error_code = $2, error_message = $3, updated_at = now()
          WHERE business_key = $1 AND status = 'requesting'`,
        [operation.businessKey, operation.errorCode, operation.errorMessage],
      );
    }
  }

  private async withdrawalFailed(manager: EntityManager, operations: ChainOperation[]): Promise<void> {
    for (const operation of operations) {
      // financing.withdraw:<requestId>:<attempt>
      const requestId = operation.businessKey.split(":")[1];
      await manager.query(
        `UPDATE financing_requests SET status = 'requested', error_code = $2, error_message = $3, updated_at = now()
          WHERE id = $1 AND status = 'withdrawing'`,
        [requestId, operation.errorCode, operation.errorMessage],
      );
    }
  }

  private async decisionFailed(manager: EntityManager, operations: ChainOperation[]): Promise<void> {
    for (const operation of operations) {
      // TypeORM answers an UPDATE with [rows, affected count].
      const [failed]: [Array<{ request_id: string }>, number] = await manager.query(
        `UPDATE financing_decisions SET status = 'failed', error_code = $2, error_message = $3, updated_at = now()
          WHERE business_key = $1 AND status = 'pending'
          RETURNING request_id`,
        [operation.businessKey, operation.errorCode, operation.errorMessage],
      );
      if (failed.length === 0) continue;
      await manager.query(
        `UPDATE financing_requests SET status = 'requested', error_code = $2, error_message = $3, updated_at = now()
          WHERE id = $1 AND status = 'deciding'`,
        [failed[0]!.request_id, operation.errorCode, operation.errorMessage],
      );
    }
  }

  private async actionFailed(manager: EntityManager, operations: ChainOperation[]): Promise<void> {
    for (const operation of operations) {
      const [failed]: [Array<{ request_id: string }>, number] = await manager.query(
        `UPDATE financing_actions SET status = 'failed', error_code = $2, error_message = $3, updated_at = now()
          WHERE business_key = $1 AND status = 'pending'
          RETURNING request_id`,
        [operation.businessKey, operation.errorCode, operation.errorMessage],
      );
      if (failed.length === 0) continue;
      await manager.query(`UPDATE financing_requests SET error_code = $2, error_message = $3, updated_at = now() WHERE id = $1`, [
        failed[0]!.request_id,
        operation.errorCode,
        operation.errorMessage,
      ]);
    }
  }
}
