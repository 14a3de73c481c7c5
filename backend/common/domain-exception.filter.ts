import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, HttpStatus, Logger } from "@nestjs/common";
import { HttpAdapterHost } from "@nestjs/core";
import { DomainError, type DomainErrorKind } from "./domain-error.js";
import type { ErrorResponse } from "./error-response.js";

const STATUS_OF_KIND: Record<DomainErrorKind, number> = {
  validation: HttpStatus.BAD_REQUEST,
  unauthenticated: HttpStatus.UNAUTHORIZED,
  forbidden: HttpStatus.FORBIDDEN,
  not_found: HttpStatus.NOT_FOUND,
  conflict: HttpStatus.CONFLICT,
};

/**
 * The one place where errors become HTTP responses, all in the shape `{ "error": { code, message, details } }`:
 * domain errors by their kind, Nest's own HTTP exceptions (unknown route, malformed JSON, body too large)
 * by their status, and anything else as a 500 whose cause is logged, not sent.
 */
@Catch()
export class DomainExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger(DomainExceptionFilter.name);

  constructor(private readonly adapterHost: HttpAdapterHost) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    // Jobs and other non-HTTP contexts handle their own errors (BullMQ records them on the job).
    if (host.getType() !== "http") throw exception;
    const { status, body } = this.toResponse(exception);
    this.adapterHost.httpAdapter.reply(host.switchToHttp().getResponse(), body, status);
  }

  toResponse(exception: unknown): { status: number; body: ErrorResponse } {
    if (exception instanceof DomainError) {
      return {
        status: STATUS_OF_KIND[exception.kind],
        body: { error: { code: exception.code, message: exception.message, details: exception.details } },
      };
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      return { status, body: { error: { code: codeOfStatus(status), message: messageOf(exception), details: {} } } };
    }
    this.logger.error(exception instanceof Error ? (exception.stack ?? exception.message) : String(exception));
    return {
      status: HttpStatus.INTERNAL_SERVER_ERROR,
      body: { error: { code: "INTERNAL_ERROR", message: "An unexpected error occurred; it has been logged.", details: {} } },
    };
  }
}

/** 404 -> NOT_FOUND, 413 -> PAYLOAD_TOO_LARGE: Nest's HttpStatus names are already UPPER_SNAKE_CASE. */
function codeOfStatus(status: number): string {
  const name = (HttpStatus as unknown as Record<number, string | undefined>)[status];
  return name ?? `HTTP_${status}`;
}

function messageOf(exception: HttpException): string {
  const response = exception.getResponse();
  if (typeof response === "string") return response;
  const message = (response as { message?: unknown }).message;
  if (typeof message === "string") return message;
  if (Array.isArray(message)) return message.join("; ");
  return exception.message;
}
