// Services throw domain errors, never HTTP exceptions: what went wrong in business terms, with a stable
// machine-readable code (e.g. INVOICE_DUPLICATE), a message that says what to fix, and the failing values.
// Only DomainExceptionFilter knows how a kind maps to an HTTP status.

export type DomainErrorKind = "validation" | "unauthenticated" | "forbidden" | "not_found" | "conflict";

export type DomainErrorDetails = Record<string, unknown>;

export abstract class DomainError extends Error {
  abstract readonly kind: DomainErrorKind;

  constructor(
    /** Stable UPPER_SNAKE_CASE code clients can branch on. */
    readonly code: string,
    message: string,
    readonly details: DomainErrorDetails = {},
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** The request is well-formed but its content is not acceptable (400). */
export class ValidationError extends DomainError {
  readonly kind = "validation";
}

/** No valid credentials (401). */
export class UnauthenticatedError extends DomainError {
  readonly kind = "unauthenticated";
}

/** Valid credentials, but this party may not do this (403). */
export class ForbiddenError extends DomainError {
  readonly kind = "forbidden";
}

/** The thing does not exist, or the caller may not know it exists (404). */
export class NotFoundError extends DomainError {
  readonly kind = "not_found";
}

/** The request conflicts with the current state, e.g. a duplicate or a wrong status (409). */
export class ConflictError extends DomainError {
  readonly kind = "conflict";
}
