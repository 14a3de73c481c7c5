import { concat, keccak256 } from "ethers";

// A Merkle tree of sorted pairs, the form OpenZeppelin's MerkleProof.verify checks: each inner node is
// keccak256 of its two children in ascending order, so a proof is just the list of siblings, no left/right
// flags. Leaves stay in the order given; an odd node at the end of a level moves up unchanged.

export function hashPair(a: string, b: string): string {
  return BigInt(a) < BigInt(b) ? keccak256(concat([a, b])) : keccak256(concat([b, a]));
}

function levelsOf(leaves: readonly string[]): string[][] {
  if (leaves.length === 0) throw new Error("a Merkle tree needs at least one leaf");
  const levels: string[][] = [leaves.map((leaf) => leaf.toLowerCase())];
  while (levels.at(-1)!.length > 1) {
    const level = levels.at(-1)!;
    const next: string[] = [];
    for (let index = 0; index < level.length; index += 2) {
      next.push(index + 1 < level.length ? hashPair(level[index]!, level[index + 1]!) : level[index]!);
    }
    levels.push(next);
  }
  return levels;
}

export function merkleRoot(leaves: readonly string[]): string {
  return levelsOf(leaves).at(-1)![0]!;
}

/** The siblings from the leaf at `index` up to the root. */
export function merkleProof(leaves: readonly string[], index: number): string[] {
  if (!Number.isInteger(index) || index < 0 || index >= leaves.length) throw new RangeError(`no leaf ${index}`);
  const proof: string[] = [];
  let position = index;
  for (const level of levelsOf(leaves).slice(0, -1)) {
    const sibling = position % 2 === 0 ? position + 1 : position - 1;
    if (sibling < level.length) proof.push(level[sibling]!);
    position = Math.floor(position / 2);
  }
  return proof;
}

/** What MerkleProof.verify computes: true when walking `proof` up from `leaf` reaches `root`. */
export function verifyMerkleProof(leaf: string, proof: readonly string[], root: string): boolean {
  return proof.reduce((node, sibling) => hashPair(node, sibling), leaf.toLowerCase()) === root.toLowerCase();
}
