// The service's Ed25519 signing key. Every response body is signed over its exact bytes, so a client can
// keep the body and signature as evidence of what the tax authority said.
//
// Key id: the first 16 hex characters of SHA-256 over the public key's SPKI DER encoding. Clients that pin
// a public key derive the same id from it (this is part of the service's protocol, written down in README.md).
import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, sign, type KeyObject } from "node:crypto";

export interface SigningKey {
  keyId: string;
  privateKey: KeyObject;
  publicKeyPem: string;
}

export function keyIdOf(publicKey: KeyObject): string {
  const der = publicKey.export({ type: "spki", format: "der" });
  return createHash("sha256").update(der).digest("hex").slice(0, 16);
}

/** Loads the configured PKCS#8 PEM private key, or generates a fresh key pair when none is given. */
export function loadSigningKey(privateKeyPem?: string): SigningKey {
  const privateKey = privateKeyPem
    ? createPrivateKey({ key: privateKeyPem, format: "pem" })
    : generateKeyPairSync("ed25519").privateKey;
  if (privateKey.asymmetricKeyType !== "ed25519") {
    throw new Error(`the signing key must be an Ed25519 key, got ${privateKey.asymmetricKeyType}`);
  }
  const publicKey = createPublicKey(privateKey);
  return {
    keyId: keyIdOf(publicKey),
    privateKey,
    publicKeyPem: publicKey.export({ type: "spki", format: "pem" }).toString(),
  };
}

/** Base64 Ed25519 signature over `body`. */
export function signBody(key: SigningKey, body: Buffer): string {
  return sign(null, body, key.privateKey).toString("base64");
}
