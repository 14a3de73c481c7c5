import { Injectable } from "@nestjs/common";
import { DataSource, type EntityManager } from "typeorm";
import { bytes16ToOrganisationId } from "../participants/roles.js";

export type ChainInvoiceStatus = "registered" | "valid" | "voided" | "reversed";

/** What the invoice registry's events say about one invoice, as far as the indexer has read. */
export interface InvoiceFacts {
  invoiceKey: string;
  sellerOrganisationId: string;
  debtorOrganisationId: string;
  status: ChainInvoiceStatus;
  /** Minor units, once attested. */
  attestedAmount: string | null;
  /** The voucher it backs, once consumed. */
  voucherId: string | null;
}

export interface InvoiceRegistryEvent {
  name: string;
  args: Record<string, unknown>;
}

// IInvoiceRegistry.InvoiceStatus, as the indexer stores uint8 values (decimal strings).
const ATTESTED_STATUS: Record<string, ChainInvoiceStatus> = { "1": "registered", "2": "valid", "3": "voided", "4": "reversed" };

/** Folds one invoice's registry events, oldest first, into its current facts; undefined if never registered. */
export function foldInvoiceEvents(events: readonly InvoiceRegistryEvent[]): InvoiceFacts | undefined {
  let facts: InvoiceFacts | undefined;
  for (const { name, args } of events) {
    if (name === "InvoiceRegistered") {
      facts = {
        invoiceKey: String(args.invoiceKey).toLowerCase(),
        sellerOrganisationId: bytes16ToOrganisationId(String(args.sellerOrganisation)),
        debtorOrganisationId: bytes16ToOrganisationId(String(args.debtorOrganisation)),
        status: "registered",
        attestedAmount: null,
        voucherId: null,
      };
    } else if (facts && name === "InvoiceAttested") {
      facts.status = ATTESTED_STATUS[String(args.status)] ?? facts.status;
      facts.attestedAmount = String(args.amount);
    } else if (facts && name === "InvoiceConsumed") {
      facts.voucherId = String(args.voucherId);
    }
  }
  return facts;
}

/**
 * The invoice registry as the indexer recorded it (chain_events), so that a confirmation can be refused
 * before it goes on chain when the outcome is already certain. The invoices module writes its own table in
 * parallel; these events are the source both agree on.
 */
@Injectable()
export class InvoiceFactsReader {
  constructor(private readonly dataSource: DataSource) {}

  async lookup(invoiceKeys: readonly string[], manager?: EntityManager): Promise<Map<string, InvoiceFacts>> {
    if (invoiceKeys.length === 0) return new Map();
    const rows: Array<{ name: string; args: Record<string, unknown> }> = await (manager ?? this.dataSource.manager).query(
      `SELECT name, args FROM chain_events
        WHERE contract = 'InvoiceRegistry' AND args ->> 'invoiceKey' = ANY($1)
        ORDER BY block_number, log_index`,
      [invoiceKeys.map((key) => key.toLowerCase())],
    );
    const byKey = new Map<string, InvoiceRegistryEvent[]>();
    for (const row of rows) {
      const key = String(row.args.invoiceKey).toLowerCase();
      byKey.set(key, [...(byKey.get(key) ?? []), row]);
    }
    const facts = new Map<string, InvoiceFacts>();
    for (const [key, events] of byKey) {
      const folded = foldInvoiceEvents(events);
      if (folded) facts.set(key, folded);
    }
    return facts;
  }
}
