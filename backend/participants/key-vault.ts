import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import { Inject, Injectable } from "@nestjs/common";
import { APP_CONFIG, type AppConfig } from "../config/config.js";

/** Encrypts signing keys at rest: AES-256-GCM under the configured master key, as `iv:tag:ciphertext` base64. */
@Injectable()
export class KeyVault {
  private readonly masterKey: Buffer;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.masterKey = config.masterKey;
  }

  encrypt(plaintext: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv("aes-256-gcm", this.masterKey, iv);
    const ciphertext = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
    return [iv, cipher.getAuthTag(), ciphertext].map((part) => part.toString("base64")).join(":");
  }

  decrypt(sealed: string): string {
    const [iv, tag, ciphertext] = sealed.split(":").map((part) => Buffer.from(part, "base64"));
    if (!iv || !tag || !ciphertext) throw new Error("sealed key is malformed");
    const decipher = createDecipheriv("aes-256-gcm", this.masterKey, iv);
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(ciphertext), decipher.final()]).toString("utf8");
  }
}
