import type { Consent } from "./consent.entity.js";
import type { ConsentView } from "./dto/consent.dto.js";

/** Revocation wins over expiry: a consent revoked before it expired reads as revoked. */
export function consentStatus(consent: Consent, at: Date): ConsentView["status"] {
  if (consent.revokedAt !== null) return "revoked";
  return consent.expiresAt.getTime() > at.getTime() ? "active" : "expired";
}

export function consentView(consent: Consent, at: Date = new Date()): ConsentView {
  return {
    id: consent.id,
    grantorOrganisationId: consent.grantorOrganisationId,
    granteeOrganisationId: consent.granteeOrganisationId,
    categories: consent.categories,
    purpose: consent.purpose,
    expiresAt: consent.expiresAt.toISOString(),
    revokedAt: consent.revokedAt?.toISOString() ?? null,
    status: consentStatus(consent, at),
    consentHash: consent.consentHash,
    chain: {
      recordedTxHash: consent.recordedTxHash,
      revocationTxHash: consent.revocationTxHash,
      errorCode: consent.chainErrorCode,
    },
    createdAt: consent.createdAt.toISOString(),
  };
}
