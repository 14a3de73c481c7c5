/**
 * Every event type an organisation can subscribe to. Modules that publish a new type add it here, so that
 * subscriptions can be validated against it and the OpenAPI document lists it.
 */
export const WEBHOOK_EVENT_TYPES = [
  "voucher.confirmed",
  "voucher.transferred",
  "voucher.matured",
  "voucher.part_paid",
  "voucher.paid",
  "voucher.defaulted",
  "cash.minted",
  "cash.burned",
  "cash.received",
  "financing.requested",
  "financing.rejected",
  "financing.approved",
  "financing.disbursed",
  "financing.repaid",
  "financing.recourse_exercised",
  "financing.pledge_enforced",
  "guarantee.issued",
  "guarantee.claimed",
  "guarantee.paid",
] as const;

export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];
