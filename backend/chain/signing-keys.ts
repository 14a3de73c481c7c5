import type { Wallet } from "ethers";

/**
 * Where the writer gets the key of a signing account. Organisations' keys live encrypted in the database
 * (participants module); the platform operator's key comes from configuration.
 */
export interface SigningKeys {
  walletFor(address: string): Promise<Wallet>;
}
export const SIGNING_KEYS = Symbol("SigningKeys");
