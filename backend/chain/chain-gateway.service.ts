import { InjectQueue } from "@nestjs/bullmq";
import { Injectable } from "@nestjs/common";
import type { Queue } from "bullmq";
import { getAddress } from "ethers";
import type { EntityManager } from "typeorm";
import type { QueryDeepPartialEntity } from "typeorm/query-builder/QueryPartialEntity.js";
import { ChainOperation } from "./chain-operation.entity.js";
import { type OperationKindName, operationKind } from "./operation-kinds.js";

export const CHAIN_WRITES_QUEUE = "chain-writes";

export interface ChainWriteRequest {
  /** Idempotency key of the business action, e.g. `voucher.issue:<invoiceKey>`. */
  businessKey: string;
  kind: OperationKindName;
  signer: string;
  payload: Record<string, unknown>;
}

/**
 * The one way business code asks for a chain write. `record` runs inside the caller's database transaction;
 * after it commits, `wake` tells the signer's writer there is work (a periodic sweep covers a lost wake-up).
 */
@Injectable()
export class ChainGateway {
  constructor(@InjectQueue(CHAIN_WRITES_QUEUE) private readonly queue: Queue) {}

  /** Records the operations; ones whose business key already exists are left as they are (idempotent). */
  async record(manager: EntityManager, requests: ChainWriteRequest[]): Promise<void> {
    if (requests.length === 0) return;
    for (const request of requests) operationKind(request.kind); // fail fast on a typo, before anything is written
    // A batch has a handful of signers: checksum each once (keccak256 per call), not once per row.
    const checksummed = new Map<string, string>();
    const signerAddress = (signer: string) => checksummed.get(signer) ?? checksummed.set(signer, getAddress(signer)).get(signer)!;
    const rows = requests.map((request) => ({
      businessKey: request.businessKey,
      kind: request.kind,
      signerAddress: signerAddress(request.signer),
      payload: request.payload,
    }));
    for (let start = 0; start < rows.length; start += 1000) {
      await manager
        .createQueryBuilder()
        .insert()
        .into(ChainOperation)
        .values(rows.slice(start, start + 1000) as QueryDeepPartialEntity<ChainOperation>[])
        .orIgnore()
        .execute();
    }
  }

  async wake(signers: Iterable<string>): Promise<void> {
    for (const signer of new Set([...signers].map((address) => getAddress(address)))) {
      // One flush job per signer at a time: the job id deduplicates wake-ups while one waits.
      await this.queue.add("chain.flush", { signer }, {
        jobId: `flush-${signer}`,
        removeOnComplete: true,
        removeOnFail: true,
        attempts: 5,
        backoff: { type: "exponential", delay: 500 },
      });
    }
  }
}
