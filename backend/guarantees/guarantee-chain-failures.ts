import { Injectable, type OnModuleInit } from "@nestjs/common";
import type { EntityManager } from "typeorm";
import type { ChainOperation } from "../chain/chain-operation.entity.js";
import { ChainOutcomes } from "../chain/chain-outcomes.js";
import type { GuaranteeStatus } from "./guarantee.entity.js";

/** For each refused step: the status it was on its way through, and the one it goes back to. */
const ROLLBACK: Record<string, { via: GuaranteeStatus; back: GuaranteeStatus }> = {
  "guarantee.offer": { via: "offering", back: "offer_failed" },
  "guarantee.withdraw": { via: "withdrawing", back: "offered" },
  "guarantee.accept": { via: "accepting", back: "offered" },
  "guarantee.claim": { via: "claiming", back: "active" },
  "guarantee.payClaim": { via: "paying", back: "claimed" },
};

/**
 * When the contract refuses a guarantee step (capacity used up meanwhile, the bank no longer holding the
 * part, ...), the guarantee goes back to the status the step started from, with the decoded error code, so
 * the step can be taken again once fixed. Only a guarantee still on its way through that step moves.
 */
@Injectable()
export class GuaranteeChainFailures implements OnModuleInit {
  constructor(private readonly outcomes: ChainOutcomes) {}

  onModuleInit(): void {
    for (const kind of Object.keys(ROLLBACK)) {
      this.outcomes.onFailure(kind, (manager, operations) => this.failed(manager, kind, operations));
    }
  }

  private async failed(manager: EntityManager, kind: string, operations: ChainOperation[]): Promise<void> {
    const { via, back } = ROLLBACK[kind]!;
    for (const operation of operations) {
      // guarantee.<step>:<guarantee row id>[:<attempt>]
      const id = operation.businessKey.split(":")[1];
      await manager.query(
        `UPDATE guarantees SET status = $2, error_code = $3, error_message = $4, updated_at = now() WHERE id = $1 AND status = $5`,
        [id, back, operation.errorCode, operation.errorMessage, via],
      );
    }
  }
}
