import { randomUUID } from "node:crypto";
import { Injectable, type OnModuleInit } from "@nestjs/common";
import { DataSource, type EntityManager } from "typeorm";
import { ChainGateway } from "../chain/chain-gateway.service.js";
import { ChainOutcomes } from "../chain/chain-outcomes.js";
import { ChainProjectors } from "../chain/chain-projectors.js";
import { ConflictError, NotFoundError, ValidationError } from "../common/domain-error.js";
import { decodeCursor, type Page, pageLimit, toPage } from "../common/pagination.js";
import { isUniqueViolation } from "../common/unique-violation.js";
import type { AuthenticatedOrganisation } from "../participants/authenticated-organisation.js";
import { ParticipantsDirectory } from "../participants/participants-directory.service.js";
import { consentHash } from "./consent-hash.js";
import { Consent } from "./consent.entity.js";
import { canonicalCategories } from "./data-categories.js";
import type { GrantConsentRequest, ListConsentsQuery } from "./dto/consent.dto.js";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Who may receive a consent: banks and guarantee bodies, the parties that decide on financing. */
const GRANTEE_ROLES = ["bank", "guarantor"] as const;

/**
 * Grants and revocations. Each one, and its chain record signed with the grantor's own key, is written in one
 * database transaction; a revocation takes effect at its commit, whatever the chain record's progress.
 */
@Injectable()
export class ConsentsService implements OnModuleInit {
  constructor(
    private readonly dataSource: DataSource,
    private readonly directory: ParticipantsDirectory,
    private readonly chainGateway: ChainGateway,
    private readonly projectors: ChainProjectors,
    private readonly outcomes: ChainOutcomes,
  ) {}

  onModuleInit(): void {
    this.projectors.on("ConsentRecorded", (manager, event) =>
      this.updateByHash(manager, String(event.args.consentHash), { recordedTxHash: event.txHash }),
    );
    this.projectors.on("ConsentRevocationRecorded", (manager, event) =>
      this.updateByHash(manager, String(event.args.consentHash), { revocationTxHash: event.txHash }),
    );
    for (const kind of ["consent.record", "consent.revoke"]) {
      this.outcomes.onFailure(kind, async (manager, operations) => {
        for (const operation of operations) {
          await this.updateByHash(manager, String(operation.payload.consentHash), { chainErrorCode: operation.errorCode });
        }
      });
    }
  }

  async grant(caller: AuthenticatedOrganisation, request: GrantConsentRequest, idempotencyKey: string | undefined): Promise<Consent> {
    const categories = canonicalCategories(request.categories);
    const expiresAt = new Date(Math.floor(Date.parse(request.expiresAt) / 1000) * 1000);
    const purpose = request.purpose;
    if (idempotencyKey !== undefined) {
      const earlier = await this.replay(caller.id, idempotencyKey, request.granteeOrganisationId, categories, purpose, expiresAt);
      if (earlier) return earlier;
    }
    const now = new Date();
    if (expiresAt.getTime() <= now.getTime()) {
      throw new ValidationError("CONSENT_EXPIRY_NOT_IN_FUTURE", "expiresAt must be in the future", { expiresAt: request.expiresAt });
    }
    await this.checkGrantee(caller, request.granteeOrganisationId);

    const id = randomUUID();
    const consent = this.dataSource.getRepository(Consent).create({
      id,
      grantorOrganisationId: caller.id,
      granteeOrganisationId: request.granteeOrganisationId,
      categories,
      purpose,
      expiresAt,
      consentHash: consentHash({
        id,
        grantorOrganisationId: caller.id,
        granteeOrganisationId: request.granteeOrganisationId,
        categories,
        purpose,
        expiresAt,
      }),
      revokedAt: null,
      idempotencyKey: idempotencyKey ?? null,
      recordedTxHash: null,
      revocationTxHash: null,
      chainErrorCode: null,
      createdAt: now,
    });
    try {
      await this.dataSource.transaction(async (manager) => {
        await manager.getRepository(Consent).insert(consent);
        await this.chainGateway.record(manager, [
          { businessKey: `consent.record:${id}`, kind: "consent.record", signer: caller.chainAddress, payload: { consentHash: consent.consentHash } },
        ]);
      });
    } catch (error) {
      // A concurrent request with the same Idempotency-Key won the race: answer as it did.
      if (idempotencyKey === undefined || !isUniqueViolation(error, "consents_idempotency")) throw error;
      const earlier = await this.replay(caller.id, idempotencyKey, request.granteeOrganisationId, categories, purpose, expiresAt);
      if (earlier) return earlier;
      throw error;
    }
    await this.chainGateway.wake([caller.chainAddress]);
    return consent;
  }

  /** Only the grantor revokes; revoking again changes nothing and answers the same (safe to retry). */
  async revoke(caller: AuthenticatedOrganisation, id: string): Promise<Consent> {
    const consent = await this.dataSource.transaction(async (manager) => {
      // The row lock makes a revocation wait for shared reads that hold the consent (FOR SHARE) to commit,
      // so no read under this consent can commit after the revocation does.
      const found = UUID.test(id)
        ? await manager.getRepository(Consent).findOne({ where: { id }, lock: { mode: "pessimistic_write" } })
        : null;
      if (!found || found.grantorOrganisationId !== caller.id) {
        throw new NotFoundError("CONSENT_NOT_FOUND", `no consent ${id} granted by you`, { consentId: id });
      }
      if (found.revokedAt !== null) return found;
      found.revokedAt = new Date();
      await manager.getRepository(Consent).update({ id }, { revokedAt: found.revokedAt });
      await this.chainGateway.record(manager, [
        { businessKey: `consent.revoke:${id}`, kind: "consent.revoke", signer: caller.chainAddress, payload: { consentHash: found.consentHash } },
      ]);
      return found;
    });
    await this.chainGateway.wake([caller.chainAddress]);
    return consent;
  }

  /** A consent its grantor or grantee asks about, or any for the regulator; 404 for everyone else. */
  async get(caller: AuthenticatedOrganisation, id: string): Promise<Consent> {
    const consent = UUID.test(id) ? await this.dataSource.getRepository(Consent).findOne({ where: { id } }) : null;
    const visible =
      consent !== null &&
      (caller.roles.includes("regulator") || consent.grantorOrganisationId === caller.id || consent.granteeOrganisationId === caller.id);
    if (!visible) throw new NotFoundError("CONSENT_NOT_FOUND", `no consent ${id} of yours`, { consentId: id });
    return consent;
  }

  async list(caller: AuthenticatedOrganisation, query: ListConsentsQuery): Promise<Page<Consent>> {
    const limit = pageLimit(query);
    const builder = this.dataSource.getRepository(Consent).createQueryBuilder("consent");
    if (query.direction === "granted") builder.where("consent.grantorOrganisationId = :me", { me: caller.id });
    else if (query.direction === "received") builder.where("consent.granteeOrganisationId = :me", { me: caller.id });
    else if (!caller.roles.includes("regulator")) {
      builder.where("(consent.grantorOrganisationId = :me OR consent.granteeOrganisationId = :me)", { me: caller.id });
    }
    if (query.cursor !== undefined) {
      const [createdAt, id] = decodeCursor(query.cursor, 2);
      builder.andWhere("(consent.createdAt, consent.id) > (:createdAt, :id)", { createdAt, id });
    }
    const rows = await builder.orderBy("consent.createdAt", "ASC").addOrderBy("consent.id", "ASC").limit(limit + 1).getMany();
    return toPage(rows, limit, (row) => [row.createdAt.toISOString(), row.id]);
  }

  private async checkGrantee(caller: AuthenticatedOrganisation, granteeId: string): Promise<void> {
    if (granteeId === caller.id) {
      throw new ValidationError("CONSENT_GRANTEE_INVALID", "you cannot grant a consent to yourself", { granteeOrganisationId: granteeId });
    }
    const grantee = await this.directory.findById(granteeId);
    if (!grantee) {
      throw new ValidationError("CONSENT_GRANTEE_INVALID", `no organisation ${granteeId}`, { granteeOrganisationId: granteeId });
    }
    if (grantee.onChainStatus !== "active" || !grantee.roles.some((role) => (GRANTEE_ROLES as readonly string[]).includes(role))) {
      throw new ValidationError(
        "CONSENT_GRANTEE_INVALID",
        `consents go to active banks and guarantors only; ${granteeId} is ${grantee.onChainStatus} with roles ${grantee.roles.join(", ")}`,
        { granteeOrganisationId: granteeId },
      );
    }
  }

  private async replay(
    grantorId: string,
    idempotencyKey: string,
    granteeId: string,
    categories: string[],
    purpose: string,
    expiresAt: Date,
  ): Promise<Consent | null> {
    const earlier = await this.dataSource.getRepository(Consent).findOne({ where: { grantorOrganisationId: grantorId, idempotencyKey } });
    if (!earlier) return null;
    const same =
      earlier.granteeOrganisationId === granteeId &&
      earlier.categories.join(",") === categories.join(",") &&
      earlier.purpose === purpose &&
      earlier.expiresAt.getTime() === expiresAt.getTime();
    if (!same) {
      throw new ConflictError("IDEMPOTENCY_KEY_REUSED", "this Idempotency-Key was used for a different consent", {
        idempotencyKey,
        consentId: earlier.id,
      });
    }
    return earlier;
  }

  private async updateByHash(manager: EntityManager, hash: string, changes: Partial<Consent>): Promise<void> {
    await manager.getRepository(Consent).update({ consentHash: hash.toLowerCase() }, changes);
  }
}
