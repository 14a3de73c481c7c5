// Failures of the tax authority adapter, each with a stable code callers and the exception filter can map.

export class TaxAuthorityError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** The authority could not be reached, timed out or answered 5xx on every attempt: try again later. */
export class TaxAuthorityUnavailableError extends TaxAuthorityError {
  constructor(message: string, details?: Record<string, unknown>) {
    super("TAX_AUTHORITY_UNAVAILABLE", message, details);
  }
}

/** A response was unsigned, signed by a key we do not trust, or its signature does not match its bytes. */
export class TaxAuthoritySignatureError extends TaxAuthorityError {
  constructor(message: string, details?: Record<string, unknown>) {
    super("TAX_AUTHORITY_SIGNATURE_INVALID", message, details);
  }
}

/** A correctly signed response that does not answer the request (wrong shape, request id or invoice). */
export class TaxAuthorityResponseInvalidError extends TaxAuthorityError {
  constructor(message: string, details?: Record<string, unknown>) {
    super("TAX_AUTHORITY_RESPONSE_INVALID", message, details);
  }
}

/** The authority refused the request (4xx), or the adapter refused to send it; not retried. */
export class TaxAuthorityRequestRejectedError extends TaxAuthorityError {
  constructor(message: string, details?: Record<string, unknown>) {
    super("TAX_AUTHORITY_REQUEST_REJECTED", message, details);
  }
}
