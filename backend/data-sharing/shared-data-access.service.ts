import { randomUUID } from "node:crypto";
import { Injectable } from "@nestjs/common";
import { DataSource, type EntityManager, QueryFailedError } from "typeorm";
import { ForbiddenError, NotFoundError, ValidationError } from "../common/domain-error.js";
import type { AuthenticatedOrganisation } from "../participants/authenticated-organisation.js";
import type { Organisation } from "../participants/organisation.entity.js";
import { ParticipantsDirectory } from "../participants/participants-directory.service.js";
import { accessLogLeaf } from "./access-log-leaf.js";
import { AccessLogEntry } from "./access-log-entry.entity.js";
import { Consent } from "./consent.entity.js";
import type { DataCategory } from "./data-categories.js";
import { type SharedDataEndpoint, sharedDataResource } from "./shared-data-endpoints.js";

export interface SharedReadRequest {
  ownerId: string;
  endpoint: SharedDataEndpoint;
  /** A consent to read under; absent: the live consent that covers the read, if any. */
  consentId?: string;
  /** The regulator's supervisory purpose; others read under their consent's purpose. */
  purpose?: string;
  financingRequestId?: string;
}

export interface SharedRead<T> {
  data: T;
  accessLogEntryId: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** How often a read is retried when PostgreSQL cannot serialize it with a concurrent revocation. */
const SERIALIZATION_ATTEMPTS = 3;

/**
 * The one path by which an organisation reads another's data. In one REPEATABLE READ transaction it checks
 * that the caller may read (a live consent from the owner covering the category, or the regulator's role),
 * reads the data, and writes the access-log entry; the entry exists if and only if the data was served.
 * The consent row is held FOR SHARE until the commit, so a revocation waits for reads already under way and
 * no read commits after it.
 */
@Injectable()
export class SharedDataAccess {
  constructor(
    private readonly dataSource: DataSource,
    private readonly directory: ParticipantsDirectory,
  ) {}

  async read<T>(
    caller: AuthenticatedOrganisation,
    request: SharedReadRequest,
    fetch: (manager: EntityManager, owner: Organisation) => Promise<T>,
  ): Promise<SharedRead<T>> {
    for (let attempt = 1; ; attempt += 1) {
      try {
        return await this.dataSource.transaction("REPEATABLE READ", (manager) => this.readIn(manager, caller, request, fetch));
      } catch (error) {
        if (attempt >= SERIALIZATION_ATTEMPTS || !isSerializationFailure(error)) throw error;
      }
    }
  }

  private async readIn<T>(
    manager: EntityManager,
    caller: AuthenticatedOrganisation,
    request: SharedReadRequest,
    fetch: (manager: EntityManager, owner: Organisation) => Promise<T>,
  ): Promise<SharedRead<T>> {
    if (!UUID.test(request.ownerId)) {
      throw new NotFoundError("ORGANISATION_NOT_FOUND", `no organisation ${request.ownerId}`, { ownerId: request.ownerId });
    }
    const accessedAt = new Date();
    const category = request.endpoint.category;
    const grounds = await this.groundsFor(manager, caller, request, category, accessedAt);
    const owner = await this.directory.findById(request.ownerId, manager);
    if (!owner) throw new NotFoundError("ORGANISATION_NOT_FOUND", `no organisation ${request.ownerId}`, { ownerId: request.ownerId });

    const data = await fetch(manager, owner);

    const entry: Omit<AccessLogEntry, "seq" | "leafHash" | "batchId" | "entryNumber"> = {
      id: randomUUID(),
      accessedAt,
      accessorOrganisationId: caller.id,
      ownerOrganisationId: owner.id,
      category,
      resource: sharedDataResource(request.endpoint),
      purpose: grounds.purpose,
      consentId: grounds.consentId,
      financingRequestId: request.financingRequestId ?? null,
    };
    await manager.getRepository(AccessLogEntry).insert({ ...entry, leafHash: accessLogLeaf(entry), batchId: null, entryNumber: null });
    return { data, accessLogEntryId: entry.id };
  }

  /** Why the caller may read: its consent (whose purpose is logged), or the regulator's stated purpose. */
  private async groundsFor(
    manager: EntityManager,
    caller: AuthenticatedOrganisation,
    request: SharedReadRequest,
    category: DataCategory,
    at: Date,
  ): Promise<{ consentId: string | null; purpose: string }> {
    if (caller.roles.includes("regulator")) {
      if (request.purpose === undefined || request.purpose.trim() === "") {
        throw new ValidationError("SUPERVISORY_PURPOSE_REQUIRED", "the regulator states the purpose of each read in `purpose`");
      }
      // Supervisory reads need no consent, so none is named in the log even if one was passed.
      return { consentId: null, purpose: request.purpose };
    }
    if (request.purpose !== undefined) {
      throw new ValidationError("PURPOSE_SET_BY_CONSENT", "a read under a consent is logged with the consent's purpose: omit `purpose`");
    }
    const consent = await this.liveConsent(manager, caller.id, request, category, at);
    return { consentId: consent.id, purpose: consent.purpose };
  }

  private async liveConsent(
    manager: EntityManager,
    granteeId: string,
    request: SharedReadRequest,
    category: DataCategory,
    at: Date,
  ): Promise<Consent> {
    const candidates = await manager
      .getRepository(Consent)
      .createQueryBuilder("consent")
      .setLock("pessimistic_read")
      .where("consent.grantorOrganisationId = :owner AND consent.granteeOrganisationId = :grantee", {
        owner: request.ownerId,
        grantee: granteeId,
      })
      .andWhere(request.consentId === undefined ? "true" : "consent.id = :id", { id: request.consentId })
      .orderBy("consent.expiresAt", "DESC")
      .getMany();
    const details = { ownerId: request.ownerId, category, ...(request.consentId ? { consentId: request.consentId } : {}) };
    if (request.consentId !== undefined && candidates.length === 0) {
      throw new NotFoundError("CONSENT_NOT_FOUND", `no consent ${request.consentId} from ${request.ownerId} to you`, details);
    }
    const covering = candidates.filter((consent) => consent.categories.includes(category));
    if (covering.length === 0) {
      throw new ForbiddenError(
        "CONSENT_REQUIRED",
        `${request.ownerId} has not consented to your reading its ${category}: ask it to grant you a consent`,
        details,
      );
    }
    const live = covering.find((consent) => consent.revokedAt === null && consent.expiresAt.getTime() > at.getTime());
    if (live) return live;
    // Nothing live: say why, preferring the reason the owner can act on (an expired consent can be renewed).
    const expired = covering.find((consent) => consent.revokedAt === null);
    if (expired) {
      throw new ForbiddenError("CONSENT_EXPIRED", `your consent from ${request.ownerId} expired at ${expired.expiresAt.toISOString()}`, {
        ...details,
        consentId: expired.id,
        expiresAt: expired.expiresAt.toISOString(),
      });
    }
    const revoked = covering[0]!;
    throw new ForbiddenError("CONSENT_REVOKED", `${request.ownerId} revoked your consent at ${revoked.revokedAt!.toISOString()}`, {
      ...details,
      consentId: revoked.id,
      revokedAt: revoked.revokedAt!.toISOString(),
    });
  }
}

function isSerializationFailure(error: unknown): boolean {
  return error instanceof QueryFailedError && (error.driverError as { code?: string }).code === "40001";
}
