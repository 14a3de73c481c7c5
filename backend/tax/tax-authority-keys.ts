// The tax authority's response signatures: Ed25519 over the exact response body, base64 in
// `x-tax-signature`, the signing key named in `x-tax-key-id`. A key id is the first 16 hex characters of
// SHA-256 over the key's SPKI DER encoding, so a pinned key's id is derived, never configured separately.
import { createHash, createPublicKey, verify, type KeyObject } from "node:crypto";
import { TaxAuthoritySignatureError } from "./tax-authority.errors.js";

export interface TrustedKey {
  keyId: string;
  publicKey: KeyObject;
}

export function trustedKeyFromPem(publicKeyPem: string): TrustedKey {
  let publicKey: KeyObject;
  try {
    publicKey = createPublicKey({ key: publicKeyPem, format: "pem" });
  } catch (error) {
    throw new TaxAuthoritySignatureError(`a tax authority public key is not a valid PEM key: ${(error as Error).message}`);
  }
  if (publicKey.asymmetricKeyType !== "ed25519") {
    throw new TaxAuthoritySignatureError(`tax authority keys must be Ed25519, got ${publicKey.asymmetricKeyType}`);
  }
  const der = publicKey.export({ type: "spki", format: "der" });
  return { keyId: createHash("sha256").update(der).digest("hex").slice(0, 16), publicKey };
}

export interface SignatureHeaders {
  signature: string | null;
  keyId: string | null;
}

/**
 * Throws TaxAuthoritySignatureError unless `body` carries a valid signature by one of `keys`.
 * Returns the key that signed it.
 */
export function verifySignedBody(body: Buffer, headers: SignatureHeaders, keys: ReadonlyMap<string, TrustedKey>): TrustedKey {
  if (!headers.signature || !headers.keyId) {
    throw new TaxAuthoritySignatureError("the tax authority's response is unsigned (no x-tax-signature / x-tax-key-id header)");
  }
  const key = keys.get(headers.keyId);
  if (!key) {
    throw new TaxAuthoritySignatureError(`the tax authority's response is signed by key ${headers.keyId}, which is not trusted`, {
      keyId: headers.keyId,
      trustedKeyIds: [...keys.keys()],
    });
  }
  let valid = false;
  try {
    valid = verify(null, body, key.publicKey, Buffer.from(headers.signature, "base64"));
  } catch {
    valid = false;
  }
  if (!valid) {
    throw new TaxAuthoritySignatureError(`the tax authority's response does not match its signature (key ${key.keyId})`, {
      keyId: key.keyId,
    });
  }
  return key;
}
