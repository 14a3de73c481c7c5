import type { DataCategory } from "./data-categories.js";

/** Every route that returns another organisation's data lives under this prefix, and nowhere else. */
export const SHARED_DATA_BASE_PATH = "v1/shared/organisations/:ownerId";

/**
 * The single list of shared-data endpoints: the controller takes its routes from here, and the e2e test
 * checks that each refuses a read without a live consent and that no route under the prefix is missing.
 */
export const SHARED_DATA_ENDPOINTS = {
  invoices: { route: "invoices", category: "invoices" },
  taxSummary: { route: "tax-summary", category: "tax_summary" },
  vouchers: { route: "vouchers", category: "voucher_history" },
} as const satisfies Record<string, { route: string; category: DataCategory }>;

export type SharedDataEndpoint = (typeof SHARED_DATA_ENDPOINTS)[keyof typeof SHARED_DATA_ENDPOINTS];

/** The resource an access-log entry names: `GET /v1/shared/organisations/{ownerId}/<route>`. */
export function sharedDataResource(endpoint: SharedDataEndpoint): string {
  return `GET /${SHARED_DATA_BASE_PATH.replace(":ownerId", "{ownerId}")}/${endpoint.route}`;
}
