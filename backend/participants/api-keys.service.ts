import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import { Injectable } from "@nestjs/common";
import { DataSource, type EntityManager, IsNull } from "typeorm";
import { ApiKey } from "./api-key.entity.js";
import { Organisation } from "./organisation.entity.js";

const sha256 = (value: string) => createHash("sha256").update(value).digest("hex");

/** Issues and checks API keys of the form `rk_<prefix>.<secret>`. */
@Injectable()
export class ApiKeys {
  constructor(private readonly dataSource: DataSource) {}

  /** Returns the key in clear: the only time it exists outside its holder's hands. */
  async issue(manager: EntityManager, organisationId: string): Promise<string> {
    const prefix = randomBytes(6).toString("hex");
    const secret = randomBytes(32).toString("base64url");
    await manager.getRepository(ApiKey).insert({ organisationId, prefix, secretSha256: sha256(secret) });
    return `rk_${prefix}.${secret}`;
  }

  /** The organisation a key belongs to, or null for a malformed, unknown or revoked key. */
  async organisationOf(token: string): Promise<Organisation | null> {
    const match = /^rk_([0-9a-f]{12})\.([A-Za-z0-9_-]{43})$/.exec(token);
    if (!match) return null;
    const [, prefix, secret] = match;
    const key = await this.dataSource.getRepository(ApiKey).findOne({ where: { prefix, revokedAt: IsNull() } });
    if (!key) return null;
    const presented = Buffer.from(sha256(secret!), "hex");
    if (!timingSafeEqual(presented, Buffer.from(key.secretSha256, "hex"))) return null;
    return this.dataSource.getRepository(Organisation).findOne({ where: { id: key.organisationId } });
  }
}
