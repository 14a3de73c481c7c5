import { randomBytes } from "node:crypto";
import { Injectable } from "@nestjs/common";
import { KeyVault } from "../participants/key-vault.js";

/**
 * Subscription secrets: generated here, shown to the subscriber once, stored encrypted under the master key
 * (the same AES-256-GCM vault as signing keys) because every delivery must be signed with them again.
 */
@Injectable()
export class WebhookSecrets {
  constructor(private readonly vault: KeyVault) {}

  generate(): { secret: string; encrypted: string } {
    const secret = `whsec_${randomBytes(32).toString("base64url")}`;
    return { secret, encrypted: this.vault.encrypt(secret) };
  }

  reveal(encrypted: string): string {
    return this.vault.decrypt(encrypted);
  }
}
