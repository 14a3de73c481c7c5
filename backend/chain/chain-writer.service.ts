import { Inject, Injectable, Logger } from "@nestjs/common";
import { Transaction, getAddress, keccak256 } from "ethers";
import { DataSource, type EntityManager, In } from "typeorm";
import { ChainOperation } from "./chain-operation.entity.js";
import { CHAIN_OPTIONS, type ChainOptions } from "./chain-options.js";
import { ChainOutcomes } from "./chain-outcomes.js";
import { ChainProvider, type ReceiptOutcome } from "./chain-provider.js";
import { ChainSigner } from "./chain-signer.entity.js";
import { ChainTransaction } from "./chain-transaction.entity.js";
import { operationKind } from "./operation-kinds.js";
import { decodeRevert, revertDataOf } from "./revert-decoder.js";
import { SIGNING_KEYS, type SigningKeys } from "./signing-keys.js";
import { SuiteContracts } from "./suite-contracts.js";

type Simulation = { ok: true; data: string; gasLimit: bigint } | { ok: false; error: { code: string; message: string } };

/**
 * Sends the pending chain operations of one signing key, in order, exactly once.
 *
 * Crash safety: a transaction is signed and persisted (raw bytes, hash, nonce) in the same database
 * transaction that marks its operations sent and advances the signer's nonce, and only then broadcast. A
 * writer that dies anywhere leaves either nothing (the operations are still pending) or persisted signed
 * transactions, which the next flush rebroadcasts unchanged, in nonce order, before signing anything new: one
 * nonce, one execution.
 *
 * Throughput: up to `maxInFlight` transactions of a key are broadcast before the oldest one's receipt is
 * awaited, so the node executes one batch while the writer signs the next. A batch is simulated against the
 * pending state; if it would revert while earlier transactions are still in flight, nothing is recorded and
 * the writer first waits for them (the revert may depend on what they change), so pipelining never turns an
 * operation that would succeed into a failure.
 */
@Injectable()
export class ChainWriter {
  private readonly logger = new Logger(ChainWriter.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly chain: ChainProvider,
    private readonly contracts: SuiteContracts,
    private readonly outcomes: ChainOutcomes,
    @Inject(SIGNING_KEYS) private readonly keys: SigningKeys,
    @Inject(CHAIN_OPTIONS) private readonly options: ChainOptions,
  ) {}

  /** Sends everything pending for `signer`; returns how many transactions were confirmed or reverted. */
  async flush(signer: string): Promise<number> {
    const address = getAddress(signer);
    const inFlight = await this.persistedInFlight(address);
    for (const transaction of inFlight) {
      this.logger.log(`resuming ${transaction.kind} transaction ${transaction.txHash} (nonce ${transaction.nonce})`);
      await this.broadcast(transaction);
    }
    let settled = 0;
    for (;;) {
      while (inFlight.length < this.options.maxInFlight) {
        const next = await this.prepareNext(address, inFlight.length > 0);
        if (next === "only-failures") continue;
        if (next === "nothing-pending" || next === "wait-for-in-flight") break;
        await this.broadcast(next);
        inFlight.push(next);
      }
      const oldest = inFlight.shift();
      if (!oldest) return settled;
      await this.settle(oldest, await this.waitForReceipt(oldest.txHash));
      settled += 1;
    }
  }

  /** Signers with work waiting: the periodic sweep wakes their writers in case a wake-up was lost. */
  async signersWithWork(): Promise<string[]> {
    const rows: Array<{ signer_address: string }> = await this.dataSource.query(
      `SELECT DISTINCT signer_address FROM chain_operations WHERE status = 'pending'
       UNION SELECT DISTINCT signer_address FROM chain_transactions WHERE status IN ('signed', 'sent')`,
    );
    return rows.map((row) => row.signer_address);
  }

  private persistedInFlight(signer: string): Promise<ChainTransaction[]> {
    return this.dataSource.getRepository(ChainTransaction).find({
      where: { signerAddress: signer, status: In(["signed", "sent"]) },
      order: { nonce: "ASC" },
    });
  }

  /**
   * Picks the oldest pending operations of one kind (up to its batch size), drops the ones that would revert
   * (recorded as failed with the decoded reason), and signs and persists one transaction for the rest. With
   * transactions of this key in flight, a batch that would revert is left untouched ("wait-for-in-flight").
   */
  private async prepareNext(
    signer: string,
    othersInFlight: boolean,
  ): Promise<ChainTransaction | "nothing-pending" | "only-failures" | "wait-for-in-flight"> {
    return this.dataSource.transaction(async (manager) => {
      const signerRow = await this.lockSigner(manager, signer);
      const oldest = await manager.getRepository(ChainOperation).findOne({
        where: { signerAddress: signer, status: "pending" },
        order: { createdAt: "ASC", id: "ASC" },
      });
      if (!oldest) return "nothing-pending";
      const kind = operationKind(oldest.kind);
      let operations = await manager
        .getRepository(ChainOperation)
        .createQueryBuilder("operation")
        .where("operation.signer_address = :signer AND operation.status = 'pending' AND operation.kind = :kind", {
          signer,
          kind: oldest.kind,
        })
        .orderBy("operation.created_at", "ASC")
        .addOrderBy("operation.id", "ASC")
        .limit(kind.maxBatch)
        .getMany();

      let simulated = await this.simulate(signer, operations);
      if (!simulated.ok && othersInFlight) return "wait-for-in-flight";
      if (!simulated.ok) {
        operations = await this.dropFailing(manager, signer, operations);
        if (operations.length === 0) return "only-failures";
        simulated = await this.simulate(signer, operations);
        // Items that pass alone can still clash together (two splits of one part): send one at a time then.
        if (!simulated.ok) {
          operations = operations.slice(0, 1);
          simulated = await this.simulate(signer, operations);
          if (!simulated.ok) {
            await this.markFailed(manager, operations, simulated.error);
            return "only-failures";
          }
        }
      }

      const wallet = await this.keys.walletFor(signer);
      const nonce = BigInt(signerRow.nextNonce);
      const rawTransaction = await wallet.signTransaction({
        type: 2,
        chainId: this.chain.chainId,
        nonce: Number(nonce),
        to: this.contracts.addresses[kind.contract],
        data: simulated.data,
        gasLimit: simulated.gasLimit,
        maxFeePerGas: this.options.gasPrice,
        maxPriorityFeePerGas: this.options.gasPrice,
      });
      const transaction = await manager.getRepository(ChainTransaction).save(
        manager.getRepository(ChainTransaction).create({
          signerAddress: signer,
          nonce: nonce.toString(),
          kind: oldest.kind,
          operationCount: operations.length,
          rawTransaction,
          txHash: keccak256(rawTransaction),
          status: "signed",
        }),
      );
      await manager.getRepository(ChainOperation).update(
        { id: In(operations.map((operation) => operation.id)) },
        { status: "sent", transactionId: transaction.id },
      );
      await manager.getRepository(ChainSigner).update({ address: signer }, { nextNonce: (nonce + 1n).toString() });
      return transaction;
    });
  }

  /** Sends a persisted transaction unless the chain already has it (a rebroadcast after a crash). */
  private async broadcast(transaction: ChainTransaction): Promise<void> {
    if (transaction.broadcastAttempts > 0 && (await this.chain.receiptOutcome(transaction.txHash))) return;
    try {
      await this.chain.sendRawTransaction(transaction.rawTransaction);
    } catch (error) {
      // Already in the pool or mined: the receipt settles it.
      if (!/already known|nonce too low|nonce has already been used|already imported/i.test(String(error))) {
        throw error;
      }
    }
    transaction.broadcastAttempts += 1;
    await this.dataSource
      .getRepository(ChainTransaction)
      .update({ id: transaction.id }, { status: "sent", broadcastAttempts: transaction.broadcastAttempts });
  }

  /**
   * Polls for the receipt every `receiptPollMs` (ethers' own waitForTransaction polls every 4 s, which would
   * cap one signer at a transaction per 4 s on a chain that mines in milliseconds).
   */
  private async waitForReceipt(txHash: string): Promise<ReceiptOutcome> {
    const deadline = Date.now() + this.options.receiptTimeoutMs;
    for (;;) {
      const receipt = await this.chain.receiptOutcome(txHash);
      if (receipt) return receipt;
      if (Date.now() > deadline) throw new Error(`no receipt for ${txHash} within ${this.options.receiptTimeoutMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, this.options.receiptPollMs));
    }
  }

  private async settle(transaction: ChainTransaction, receipt: ReceiptOutcome): Promise<void> {
    const reverted = !receipt.succeeded;
    const revert = reverted ? await this.replayRevert(transaction, receipt) : undefined;
    await this.dataSource.transaction(async (manager) => {
      await manager.getRepository(ChainTransaction).update(
        { id: transaction.id },
        {
          status: reverted ? "reverted" : "confirmed",
          blockNumber: receipt.blockNumber.toString(),
          gasUsed: receipt.gasUsed.toString(),
        },
      );
      const operations = await manager.getRepository(ChainOperation).find({ where: { transactionId: transaction.id } });
      if (revert) {
        await this.markFailed(manager, operations, revert);
      } else {
        await manager.getRepository(ChainOperation).update({ transactionId: transaction.id }, { status: "confirmed" });
      }
    });
    if (reverted) this.logger.warn(`${transaction.kind} transaction ${transaction.txHash} reverted: ${revert?.message}`);
  }

  /**
   * Runs the call against the pending state (which includes this key's transactions in flight) and returns
   * its data and gas limit, or the decoded reason it would revert. Kinds with a declared gas bound are
   * simulated with one eth_call at that limit; others (and a bound that turns out too low) use eth_estimateGas,
   * which executes the call several times and costs about five eth_calls on anvil for a 50-voucher batch.
   */
  private async simulate(signer: string, operations: ChainOperation[]): Promise<Simulation> {
    const kind = operationKind(operations[0]!.kind);
    const data = this.contracts.interfaces[kind.contract].encodeFunctionData(
      kind.method,
      kind.toArgs(operations.map((operation) => operation.payload)),
    );
    const call = { from: signer, to: this.contracts.addresses[kind.contract], data, blockTag: "pending" };
    if (kind.gasBound) {
      const gasLimit = BigInt(kind.gasBound.base + kind.gasBound.perItem * operations.length);
      const called = await this.attempt(() => this.chain.provider.call({ ...call, gasLimit }));
      if (called.ok) return { ok: true, data, gasLimit };
      if (called.revertData !== undefined) return this.refused(called.revertData);
      // No revert data: out of gas under the bound, or a bare revert; eth_estimateGas tells which.
    }
    const estimated = await this.attempt(() => this.chain.provider.estimateGas(call));
    if (!estimated.ok) return this.refused(estimated.revertData);
    return { ok: true, data, gasLimit: (estimated.value * 5n) / 4n + 20_000n };
  }

  /**
   * Runs a simulation; a revert becomes `{ ok: false }` with its data. Anything else (the node is down or
   * answered nonsense) is thrown, and the job retries later.
   */
  private async attempt<T>(run: () => Promise<T>): Promise<{ ok: true; value: T } | { ok: false; revertData: string | undefined }> {
    try {
      return { ok: true, value: await run() };
    } catch (error) {
      const revertData = revertDataOf(error);
      if (revertData === undefined && !/revert/i.test(String(error))) throw error;
      return { ok: false, revertData };
    }
  }

  private refused(revertData: string | undefined): Simulation {
    return { ok: false, error: decodeRevert(this.contracts.errors, revertData) };
  }

  /** Simulates each operation alone and records the ones that revert; returns the rest. */
  private async dropFailing(manager: EntityManager, signer: string, operations: ChainOperation[]) {
    const passing: ChainOperation[] = [];
    for (const operation of operations) {
      const alone = await this.simulate(signer, [operation]);
      if (alone.ok) passing.push(operation);
      else await this.markFailed(manager, [operation], alone.error);
    }
    return passing;
  }

  private async markFailed(
    manager: EntityManager,
    operations: ChainOperation[],
    error: { code: string; message: string },
  ): Promise<void> {
    await manager.getRepository(ChainOperation).update(
      { id: In(operations.map((operation) => operation.id)) },
      { status: "failed", errorCode: error.code, errorMessage: error.message },
    );
    for (const operation of operations) Object.assign(operation, { status: "failed", errorCode: error.code, errorMessage: error.message });
    await this.outcomes.failed(manager, operations);
  }

  /** Re-runs a reverted transaction as a call at its block's parent state to learn why it reverted. */
  private async replayRevert(transaction: ChainTransaction, receipt: ReceiptOutcome) {
    const sent = Transaction.from(transaction.rawTransaction);
    try {
      await this.chain.provider.call({ from: sent.from!, to: sent.to!, data: sent.data, blockTag: receipt.blockNumber - 1 });
      return decodeRevert(this.contracts.errors, undefined);
    } catch (error) {
      return decodeRevert(this.contracts.errors, revertDataOf(error));
    }
  }

  /** Locks the signer's nonce row, creating it from the chain's count the first time the key is used. */
  private async lockSigner(manager: EntityManager, signer: string): Promise<ChainSigner> {
    const repository = manager.getRepository(ChainSigner);
    const existing = await repository.findOne({ where: { address: signer }, lock: { mode: "pessimistic_write" } });
    if (existing) return existing;
    const nextNonce = await this.chain.provider.getTransactionCount(signer, "pending");
    await manager
      .createQueryBuilder()
      .insert()
      .into(ChainSigner)
      .values({ address: signer, nextNonce: nextNonce.toString() })
      .orIgnore()
      .execute();
    return (await repository.findOne({ where: { address: signer }, lock: { mode: "pessimistic_write" } }))!;
  }
}
