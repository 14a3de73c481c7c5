import { describe, expect, it } from "@jest/globals";
import { AbiCoder, concat, keccak256, toUtf8Bytes } from "ethers";
import { accessLogLeaf } from "../../../../backend/data-sharing/access-log-leaf.js";
import { consentHash } from "../../../../backend/data-sharing/consent-hash.js";
import { hashPair, merkleProof, merkleRoot, verifyMerkleProof } from "../../../../backend/data-sharing/merkle-tree.js";

const leavesOf = (count: number) => Array.from({ length: count }, (_, index) => keccak256(toUtf8Bytes(`entry ${index}`)));

describe("sorted-pair Merkle tree", () => {
  it("proves every leaf of trees of 1 to 17 leaves, and no altered leaf", () => {
    for (let count = 1; count <= 17; count += 1) {
      const leaves = leavesOf(count);
      const root = merkleRoot(leaves);
      leaves.forEach((leaf, index) => {
        const proof = merkleProof(leaves, index);
        expect(verifyMerkleProof(leaf, proof, root)).toBe(true);
        expect(verifyMerkleProof(keccak256(toUtf8Bytes("altered")), proof, root)).toBe(false);
      });
    }
  });

  it("hashes pairs in ascending order and promotes an odd last node, as the Solidity test's tree does", () => {
    const [a, b, c] = leavesOf(3);
    expect(hashPair(a!, b!)).toBe(hashPair(b!, a!));
    expect(merkleRoot([a!, b!, c!])).toBe(hashPair(hashPair(a!, b!), c!));
    expect(merkleProof([a!, b!, c!], 2)).toEqual([hashPair(a!, b!)]);
    expect(merkleRoot([a!])).toBe(a);
  });
});

describe("consent hash", () => {
  const terms = {
    id: "0f6c1b7e-1a2b-4c3d-8e9f-001122334455",
    grantorOrganisationId: "11111111-2222-4333-8444-555555555555",
    granteeOrganisationId: "66666666-7777-4888-8999-aaaaaaaaaaaa",
    categories: ["voucher_history", "invoices"] as const,
    purpose: "Credit assessment",
    expiresAt: new Date("2027-01-01T00:00:00Z"),
  };

  it("is keccak256 of the documented ABI encoding, categories in canonical order", () => {
    const expected = keccak256(
      AbiCoder.defaultAbiCoder().encode(
        ["bytes16", "bytes16", "bytes16", "string[]", "bytes32", "uint64"],
        [
          "0x0f6c1b7e1a2b4c3d8e9f001122334455",
          "0x11111111222243338444555555555555",
          "0x66666666777748888999aaaaaaaaaaaa",
          ["invoices", "voucher_history"],
          keccak256(toUtf8Bytes("Credit assessment")),
          BigInt(Date.parse("2027-01-01T00:00:00Z") / 1000),
        ],
      ),
    );
    expect(consentHash({ ...terms, categories: [...terms.categories] })).toBe(expected);
  });

  it("changes with any term", () => {
    const base = consentHash({ ...terms, categories: [...terms.categories] });
    expect(consentHash({ ...terms, categories: ["invoices"] })).not.toBe(base);
    expect(consentHash({ ...terms, categories: [...terms.categories], purpose: "Other" })).not.toBe(base);
    expect(consentHash({ ...terms, categories: [...terms.categories], expiresAt: new Date("2027-01-01T00:00:01Z") })).not.toBe(base);
  });
});

describe("access-log leaf", () => {
  const entry = {
    id: "0f6c1b7e-1a2b-4c3d-8e9f-001122334455",
    accessedAt: new Date("2026-11-23T10:00:00.123Z"),
    accessorOrganisationId: "11111111-2222-4333-8444-555555555555",
    ownerOrganisationId: "66666666-7777-4888-8999-aaaaaaaaaaaa",
    category: "invoices",
    resource: "GET /v1/shared/organisations/{ownerId}/invoices",
    purpose: "Credit assessment",
    consentId: null,
    financingRequestId: "22222222-3333-4444-8555-666666666666",
  };

  it("is the double keccak256 of the documented encoding, with zero for absent ids", () => {
    const encoded = AbiCoder.defaultAbiCoder().encode(
      ["bytes16", "uint64", "bytes16", "bytes16", "string", "string", "string", "bytes16", "bytes16"],
      [
        "0x0f6c1b7e1a2b4c3d8e9f001122334455",
        BigInt(entry.accessedAt.getTime()),
        "0x11111111222243338444555555555555",
        "0x66666666777748888999aaaaaaaaaaaa",
        entry.category,
        entry.resource,
        entry.purpose,
        `0x${"00".repeat(16)}`,
        "0x22222222333344448555666666666666",
      ],
    );
    expect(accessLogLeaf(entry)).toBe(keccak256(concat([keccak256(encoded)])));
  });

  it("changes when any field is altered, down to the millisecond", () => {
    const base = accessLogLeaf(entry);
    expect(accessLogLeaf({ ...entry, purpose: "Credit assessment." })).not.toBe(base);
    expect(accessLogLeaf({ ...entry, accessedAt: new Date(entry.accessedAt.getTime() + 1) })).not.toBe(base);
    expect(accessLogLeaf({ ...entry, financingRequestId: null })).not.toBe(base);
  });
});
