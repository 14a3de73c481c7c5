import { AbiCoder, keccak256, toUtf8Bytes } from "ethers";
import { organisationIdToBytes16 } from "../participants/roles.js";
import { type DataCategory, canonicalCategories } from "./data-categories.js";

export interface ConsentTerms {
  id: string;
  grantorOrganisationId: string;
  granteeOrganisationId: string;
  categories: readonly DataCategory[];
  purpose: string;
  /** Whole seconds: the hash takes the expiry as unix seconds. */
  expiresAt: Date;
}

/** How a party recomputes a consent's hash; the API documents this same text. */
export const CONSENT_HASH_FORMULA =
  "keccak256(abi.encode(bytes16 consentId, bytes16 grantorOrganisationId, bytes16 granteeOrganisationId, " +
  "string[] categories (canonical order: invoices, tax_summary, voucher_history), bytes32 keccak256(utf8 purpose), " +
  "uint64 expiresAt (unix seconds)))";

/**
 * What the grantor records on chain for a consent: a hash that binds every term of it and reveals none, so
 * anyone shown the consent can check it is the one recorded, when, and whether its revocation was recorded.
 */
export function consentHash(terms: ConsentTerms): string {
  if (terms.expiresAt.getTime() % 1000 !== 0) throw new Error("a consent's expiry is kept to the whole second");
  return keccak256(
    AbiCoder.defaultAbiCoder().encode(
      ["bytes16", "bytes16", "bytes16", "string[]", "bytes32", "uint64"],
      [
        organisationIdToBytes16(terms.id),
        organisationIdToBytes16(terms.grantorOrganisationId),
        organisationIdToBytes16(terms.granteeOrganisationId),
        canonicalCategories(terms.categories),
        keccak256(toUtf8Bytes(terms.purpose)),
        BigInt(terms.expiresAt.getTime() / 1000),
      ],
    ),
  );
}
