import { AbiCoder, concat, keccak256 } from "ethers";
import { organisationIdToBytes16 } from "../participants/roles.js";

/** The fields of an access-log entry that its leaf commits to. */
export interface AccessLogEntryFields {
  id: string;
  accessedAt: Date;
  accessorOrganisationId: string;
  ownerOrganisationId: string;
  category: string;
  /** The endpoint read, e.g. `GET /v1/shared/organisations/{ownerId}/invoices`. */
  resource: string;
  purpose: string;
  consentId: string | null;
  financingRequestId: string | null;
}

const ZERO_BYTES16 = `0x${"00".repeat(16)}`;

/** How a verifier recomputes an entry's leaf; the API documents this same text. */
export const ACCESS_LOG_LEAF_FORMULA =
  "keccak256(bytes.concat(keccak256(abi.encode(bytes16 entryId, uint64 accessedAt (unix milliseconds), " +
  "bytes16 accessorOrganisationId, bytes16 ownerOrganisationId, string category, string resource, string purpose, " +
  "bytes16 consentId (zero if none), bytes16 financingRequestId (zero if none)))))";

/**
 * The entry's leaf in its batch's Merkle tree. Hashed twice, as OpenZeppelin's StandardMerkleTree does, so
 * that no 64-byte inner node of a tree can be passed off as a leaf.
 */
export function accessLogLeaf(entry: AccessLogEntryFields): string {
  const encoded = AbiCoder.defaultAbiCoder().encode(
    ["bytes16", "uint64", "bytes16", "bytes16", "string", "string", "string", "bytes16", "bytes16"],
    [
      organisationIdToBytes16(entry.id),
      BigInt(entry.accessedAt.getTime()),
      organisationIdToBytes16(entry.accessorOrganisationId),
      organisationIdToBytes16(entry.ownerOrganisationId),
      entry.category,
      entry.resource,
      entry.purpose,
      entry.consentId === null ? ZERO_BYTES16 : organisationIdToBytes16(entry.consentId),
      entry.financingRequestId === null ? ZERO_BYTES16 : organisationIdToBytes16(entry.financingRequestId),
    ],
  );
  return keccak256(concat([keccak256(encoded)]));
}
