import { Injectable } from "@nestjs/common";
import type { EntityManager } from "typeorm";
import type { Organisation } from "../participants/organisation.entity.js";
import { ParticipantsDirectory } from "../participants/participants-directory.service.js";
import type { InvoiceDraft, InvoiceProblem } from "./invoice-fields.js";

/** The supplier an invoice is registered for: its chain account signs `invoice.register`. */
export interface Seller {
  id: string;
  taxId: string | null;
  chainAddress: string;
}

export type CandidateCheck = { ok: true; debtorOrganisationId: string } | { ok: false; problem: InvoiceProblem };

/**
 * The checks a well-formed invoice still needs against the participants: the seller is the caller, and the
 * buyer is an onboarded core enterprise (the debtor the invoice is registered against on chain).
 */
@Injectable()
export class InvoiceCandidates {
  constructor(private readonly directory: ParticipantsDirectory) {}

  async check(manager: EntityManager, seller: Seller, drafts: readonly InvoiceDraft[]): Promise<CandidateCheck[]> {
    const buyers = new Map<string, Promise<Organisation | null>>();
    const buyerOf = (taxId: string) => {
      if (!buyers.has(taxId)) buyers.set(taxId, this.directory.findByTaxId(taxId, manager));
      return buyers.get(taxId)!;
    };
    const checks: CandidateCheck[] = [];
    for (const draft of drafts) checks.push(await this.checkOne(seller, draft, await buyerOf(draft.buyerTaxId)));
    return checks;
  }

  private checkOne(seller: Seller, draft: InvoiceDraft, buyer: Organisation | null): CandidateCheck {
    if (seller.taxId === null || draft.sellerTaxId !== seller.taxId) {
      return refused("sellerTaxId", "SELLER_TAX_ID_MISMATCH", "sellerTaxId must be your own organisation's tax id");
    }
    if (buyer === null || !buyer.roles.includes("core_enterprise")) {
      return refused("buyerTaxId", "UNKNOWN_BUYER", "buyerTaxId is not an onboarded core enterprise");
    }
    if (buyer.id === seller.id) return refused("buyerTaxId", "BUYER_IS_SELLER", "an invoice cannot be owed by its own seller");
    return { ok: true, debtorOrganisationId: buyer.id };
  }
}

function refused(field: string, code: string, message: string): CandidateCheck {
  return { ok: false, problem: { field, code, message } };
}
