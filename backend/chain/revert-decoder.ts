import type { Interface } from "ethers";

/** A decoded contract revert: a stable code for clients, and the error's name and values for people. */
export interface DecodedRevert {
  code: string;
  message: string;
  details: Record<string, string>;
}

/**
 * Turns revert data into a domain error. The code is the custom error's name in UPPER_SNAKE_CASE
 * (`VoucherRecipientNotVerified` -> `VOUCHER_RECIPIENT_NOT_VERIFIED`): the contracts' error names are part of
 * their interface, so the codes stay stable as long as the interface does.
 */
export function decodeRevert(errors: Interface, data: string | null | undefined): DecodedRevert {
  if (!data || data === "0x") {
    return { code: "CHAIN_REVERTED", message: "the transaction reverted without a reason", details: {} };
  }
  const parsed = errors.parseError(data);
  if (!parsed) {
    return { code: "CHAIN_REVERTED", message: `the transaction reverted with unknown data ${data.slice(0, 10)}`, details: {} };
  }
  const details: Record<string, string> = {};
  parsed.fragment.inputs.forEach((input, index) => {
    details[input.name || `arg${index}`] = String(parsed.args[index]);
  });
  const code = parsed.name.replace(/([a-z0-9])([A-Z])/g, "$1_$2").toUpperCase();
  const values = Object.entries(details).map(([key, value]) => `${key}=${value}`).join(", ");
  return { code, message: `${parsed.name}(${values})`, details };
}

/** Finds revert data in the error shapes ethers and JSON-RPC nodes produce. */
export function revertDataOf(error: unknown): string | undefined {
  const candidates: unknown[] = [];
  let current: unknown = error;
  for (let depth = 0; current && depth < 5; depth += 1) {
    const record = current as Record<string, unknown>;
    candidates.push(record.data, (record.error as Record<string, unknown> | undefined)?.data);
    current = record.info ?? record.error ?? record.cause;
    if (current && typeof current === "object" && "error" in (current as object)) {
      candidates.push(((current as Record<string, unknown>).error as Record<string, unknown>)?.data);
    }
  }
  return candidates.find((value): value is string => typeof value === "string" && value.startsWith("0x"));
}
