/** The roles an organisation can hold, as the API spells them; the bit values mirror ParticipantRoles.sol. */
export const ROLE_BITS = {
  supplier: 1 << 0,
  core_enterprise: 1 << 1,
  bank: 1 << 2,
  tax_authority: 1 << 3,
  guarantor: 1 << 4,
  regulator: 1 << 5,
  operator: 1 << 6,
} as const;

export type Role = keyof typeof ROLE_BITS;
export const ROLES = Object.keys(ROLE_BITS) as Role[];

export function roleBits(roles: readonly Role[]): number {
  return roles.reduce((bits, role) => bits | ROLE_BITS[role], 0);
}

/** Organisation ids are UUIDs off chain and the same 16 bytes on chain. */
export function organisationIdToBytes16(id: string): string {
  const hex = id.replaceAll("-", "").toLowerCase();
  if (!/^[0-9a-f]{32}$/.test(hex)) throw new Error(`not a UUID: ${id}`);
  return `0x${hex}`;
}

export function bytes16ToOrganisationId(bytes16: string): string {
  const hex = bytes16.toLowerCase().replace(/^0x/, "").padStart(32, "0");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
