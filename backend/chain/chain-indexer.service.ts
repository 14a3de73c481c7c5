import { Inject, Injectable, Logger } from "@nestjs/common";
import { AbiCoder, type EventFragment, Result } from "ethers";
import { DataSource } from "typeorm";
import { ChainCursor } from "./chain-cursor.entity.js";
import { CHAIN_OPTIONS, type ChainOptions } from "./chain-options.js";
import { ChainProjectors, type IndexedEvent } from "./chain-projectors.js";
import { ChainProvider, type RawLog } from "./chain-provider.js";
import { SuiteContracts } from "./suite-contracts.js";

const CURSOR = "suite";
/** Logs decoded between two yields to the event loop. */
const DECODE_SLICE = 500;
/** Block headers asked for at once. */
const BLOCKS_PER_REQUEST_WAVE = 32;

/**
 * Turns the suite's events into rows. Each round reads logs from the block after the cursor up to the head
 * minus the configured confirmations, and writes the events, what projectors make of them, and the new
 * cursor in one database transaction: a restart resumes exactly where the last committed round ended, with
 * no gap and no duplicate.
 */
@Injectable()
export class ChainIndexer {
  private readonly logger = new Logger(ChainIndexer.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly chain: ChainProvider,
    private readonly contracts: SuiteContracts,
    private readonly projectors: ChainProjectors,
    @Inject(CHAIN_OPTIONS) private readonly options: ChainOptions,
  ) {}

  /** Indexes until caught up with the confirmed head (or `maxRounds`); returns the number of events stored. */
  async catchUp(maxRounds = 100): Promise<number> {
    let stored = 0;
    for (let round = 0; round < maxRounds; round += 1) {
      const result = await this.indexNextRange();
      if (result === null) break;
      stored += result;
    }
    return stored;
  }

  async lastIndexedBlock(): Promise<number> {
    const cursor = await this.dataSource.getRepository(ChainCursor).findOne({ where: { name: CURSOR } });
    return cursor ? Number(cursor.lastIndexedBlock) : this.contracts.deployment.firstBlock - 1;
  }

  /** Returns the number of events stored, or null when there was nothing new to read. */
  private async indexNextRange(): Promise<number | null> {
    const provider = this.chain.provider;
    const from = (await this.lastIndexedBlock()) + 1;
    const confirmedHead = (await provider.getBlockNumber()) - this.options.confirmations;
    if (from > confirmedHead) return null;
    const to = Math.min(confirmedHead, from + this.options.indexerBlockRange - 1);

    const logs = await this.chain.logs(Object.values(this.contracts.addresses), from, to);
    const timestamps = await this.blockTimestamps(logs);
    const events: IndexedEvent[] = [];
    for (const [index, log] of logs.entries()) {
      const event = this.decode(log, timestamps);
      if (event) events.push(event);
      // A round catching up on a long history decodes tens of thousands of logs: let the API's requests
      // (health probes among them) in between.
      if (index % DECODE_SLICE === DECODE_SLICE - 1) await new Promise((resolve) => setImmediate(resolve));
    }

    await this.dataSource.transaction(async (manager) => {
      // Another indexer process may have moved the cursor meanwhile: then this range is not ours to write.
      const cursor = await manager.getRepository(ChainCursor).findOne({ where: { name: CURSOR }, lock: { mode: "pessimistic_write" } });
      const current = cursor ? Number(cursor.lastIndexedBlock) : this.contracts.deployment.firstBlock - 1;
      if (current !== from - 1) return;
      // One statement for the whole range (arrays, not 7 parameters per row: PostgreSQL takes at most 65,535).
      if (events.length > 0) {
        await manager.query(
          `INSERT INTO chain_events (block_number, log_index, tx_hash, contract, name, args, block_timestamp)
           SELECT * FROM unnest($1::bigint[], $2::integer[], $3::text[], $4::text[], $5::text[], $6::jsonb[], $7::timestamptz[])`,
          [
            events.map((event) => event.blockNumber.toString()),
            events.map((event) => event.logIndex),
            events.map((event) => event.txHash),
            events.map((event) => event.contract),
            events.map((event) => event.name),
            events.map((event) => JSON.stringify(event.args)),
            events.map((event) => event.blockTimestamp.toISOString()),
          ],
        );
      }
      await this.projectors.project(manager, events);
      await manager.getRepository(ChainCursor).save({ name: CURSOR, lastIndexedBlock: to.toString() });
    });
    if (events.length > 0) this.logger.debug(`indexed ${events.length} events in blocks ${from}-${to}`);
    return events.length;
  }

  private decode(log: RawLog, timestamps: Map<number, Date>): IndexedEvent | undefined {
    const contract = this.contracts.nameOf(log.address);
    if (!contract) return undefined;
    const fragment = this.contracts.eventOf(contract, log.topics[0]);
    if (!fragment) return undefined;
    return {
      contract,
      name: fragment.name,
      args: decodeEventArgs(fragment, log),
      blockNumber: log.blockNumber,
      logIndex: log.logIndex,
      txHash: log.transactionHash,
      blockTimestamp: timestamps.get(log.blockNumber)!,
    };
  }

  /** The blocks' timestamps, asked a few dozen at a time rather than all at once. */
  private async blockTimestamps(logs: RawLog[]): Promise<Map<number, Date>> {
    const numbers = [...new Set(logs.map((log) => log.blockNumber))];
    const timestamps = new Map<number, Date>();
    for (let start = 0; start < numbers.length; start += BLOCKS_PER_REQUEST_WAVE) {
      const wave = numbers.slice(start, start + BLOCKS_PER_REQUEST_WAVE);
      const blocks = await Promise.all(wave.map((number) => this.chain.provider.getBlock(number)));
      blocks.forEach((block, index) => timestamps.set(wave[index]!, new Date(Number(block!.timestamp) * 1000)));
    }
    return timestamps;
  }
}

/**
 * An event's named arguments, decoded as Interface.decodeEventLog does (non-indexed ones from the data,
 * indexed ones from the topics; an indexed string, bytes, array or struct is only its hash), without
 * re-hashing the event's signature for every log as ethers does.
 */
function decodeEventArgs(fragment: EventFragment, log: RawLog): Record<string, unknown> {
  const coder = AbiCoder.defaultAbiCoder();
  const nonIndexed = coder.decode(
    fragment.inputs.filter((input) => !input.indexed),
    log.data,
  );
  const args: Record<string, unknown> = {};
  let topic = 1;
  let datum = 0;
  fragment.inputs.forEach((input, index) => {
    const name = input.name || `arg${index}`;
    if (!input.indexed) {
      args[name] = toJson(nonIndexed[datum++]);
      return;
    }
    const value = log.topics[topic++]!;
    args[name] = input.isTuple() || input.isArray() || input.type === "string" || input.type === "bytes" ? value : toJson(coder.decode([input], value)[0]);
  });
  return args;
}

/** Event values as JSON: bigints as decimal strings, structs as objects, arrays as arrays. */
function toJson(value: unknown): unknown {
  if (typeof value === "bigint") return value.toString();
  if (value instanceof Result) {
    try {
      const asObject = value.toObject();
      if (Object.keys(asObject).some((key) => !/^\d+$/.test(key))) {
        return Object.fromEntries(Object.entries(asObject).map(([key, item]) => [key, toJson(item)]));
      }
    } catch {
      // unnamed members: fall through to an array
    }
    return Array.from(value, toJson);
  }
  if (Array.isArray(value)) return value.map(toJson);
  return value;
}
