/**
 * The kinds of an enterprise's data another organisation can be given access to, in their canonical order
 * (the order they take in a consent hash):
 * - invoices: the invoices it sells or owes, with their tax verification and on-chain status;
 * - tax_summary: the tax authority's signed summary of its last 12 months (sales, filing on time, arrears);
 * - voucher_history: the voucher parts it holds or held and the vouchers it owes, with settlement status.
 */
export const DATA_CATEGORIES = ["invoices", "tax_summary", "voucher_history"] as const;
export type DataCategory = (typeof DATA_CATEGORIES)[number];

/** Deduplicated, in canonical order: the same set of categories always hashes the same. */
export function canonicalCategories(categories: readonly DataCategory[]): DataCategory[] {
  return DATA_CATEGORIES.filter((category) => categories.includes(category));
}
