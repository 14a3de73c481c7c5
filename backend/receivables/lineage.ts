import type { VoucherPartNode, VoucherPartView } from "./dto/voucher-views.dto.js";
import type { VoucherPart } from "./voucher-part.entity.js";
import { voucherPartNode, voucherPartView } from "./voucher-view-mapping.js";

export interface PartLineage {
  /** From the root part down to the part's parent. */
  ancestors: VoucherPartView[];
  /** The parts split off the part, recursively, oldest (lowest id) first. */
  children: VoucherPartNode[];
}

/**
 * A part's place in its voucher: `parts` are all the parts of one voucher (one query), so the lineage is
 * built in memory rather than with one query per tier. Part ids only grow, so a child's id is always above
 * its parent's and ordering by id is ordering by creation.
 */
export function lineageOf(partId: string, parts: readonly VoucherPart[]): PartLineage {
  const byId = new Map(parts.map((part) => [part.id, part]));
  const childrenOf = new Map<string, VoucherPart[]>();
  for (const part of [...parts].sort((a, b) => compareIds(a.id, b.id))) {
    if (part.parentId === null) continue;
    childrenOf.set(part.parentId, [...(childrenOf.get(part.parentId) ?? []), part]);
  }

  const ancestors: VoucherPartView[] = [];
  const seen = new Set<string>([partId]);
  for (let parentId = byId.get(partId)?.parentId ?? null; parentId !== null; ) {
    const parent = byId.get(parentId);
    // Lineage always ends at the root; a cycle or a gap would be a projection bug, not a reason to hang.
    if (!parent || seen.has(parent.id)) break;
    seen.add(parent.id);
    ancestors.unshift(voucherPartView(parent));
    parentId = parent.parentId;
  }

  const tree = (id: string, visited: Set<string>): VoucherPartNode[] =>
    (childrenOf.get(id) ?? [])
      .filter((child) => !visited.has(child.id))
      .map((child) => voucherPartNode(child, tree(child.id, new Set([...visited, child.id]))));

  return { ancestors, children: tree(partId, new Set([partId])) };
}

function compareIds(a: string, b: string): number {
  const difference = BigInt(a) - BigInt(b);
  return difference === 0n ? 0 : difference < 0n ? -1 : 1;
}
