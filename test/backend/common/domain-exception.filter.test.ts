import "reflect-metadata";
import { describe, expect, it, jest } from "@jest/globals";
import { type ArgumentsHost, BadRequestException, HttpStatus, Logger, NotFoundException, PayloadTooLargeException } from "@nestjs/common";
import type { HttpAdapterHost } from "@nestjs/core";
import { Type } from "class-transformer";
import { IsInt, IsString, Min, ValidateNested } from "class-validator";
import {
  ConflictError,
  type DomainError,
  ForbiddenError,
  NotFoundError,
  UnauthenticatedError,
  ValidationError,
} from "../../../backend/common/domain-error.js";
import { DomainExceptionFilter } from "../../../backend/common/domain-exception.filter.js";
import { createValidationPipe } from "../../../backend/common/request-validation.js";

/** Runs the filter as Nest would for an HTTP request and returns what it replied. */
function reply(exception: unknown): { status: number; body: unknown } {
  let replied: { status: number; body: unknown } | undefined;
  const adapterHost = {
    httpAdapter: { reply: (_response: unknown, body: unknown, status: number) => (replied = { status, body }) },
  } as unknown as HttpAdapterHost;
  const host = {
    getType: () => "http",
    switchToHttp: () => ({ getResponse: () => ({}) }),
  } as unknown as ArgumentsHost;
  new DomainExceptionFilter(adapterHost).catch(exception, host);
  if (replied === undefined) throw new Error("the filter did not reply");
  return replied;
}

class Line {
  @IsInt()
  @Min(1)
  amount!: number;
}

class CreateInvoice {
  @IsString()
  number!: string;

  @ValidateNested({ each: true })
  @Type(() => Line)
  lines!: Line[];
}

async function validationFailure(body: unknown): Promise<unknown> {
  try {
    await createValidationPipe().transform(body, { type: "body", metatype: CreateInvoice });
  } catch (error) {
    return error;
  }
  throw new Error("expected the pipe to refuse the body");
}

describe("DomainExceptionFilter", () => {
  it.each<[DomainError, number]>([
    [new ValidationError("AMOUNT_NOT_POSITIVE", "amount must be positive", { amount: "0" }), HttpStatus.BAD_REQUEST],
    [new UnauthenticatedError("API_KEY_INVALID", "the API key is not valid"), HttpStatus.UNAUTHORIZED],
    [new ForbiddenError("ROLE_REQUIRED", "only banks may do this", { role: "bank" }), HttpStatus.FORBIDDEN],
    [new NotFoundError("INVOICE_NOT_FOUND", "no such invoice", { invoiceId: "x" }), HttpStatus.NOT_FOUND],
    [new ConflictError("INVOICE_DUPLICATE", "this invoice was uploaded before", { invoiceId: "y" }), HttpStatus.CONFLICT],
  ])("maps %p to its status with code, message and details", (error, status) => {
    expect(reply(error)).toEqual({
      status,
      body: { error: { code: error.code, message: error.message, details: error.details } },
    });
  });

  it("gives a domain error without details an empty details object", () => {
    expect(reply(new NotFoundError("VOUCHER_NOT_FOUND", "no such voucher")).body).toEqual({
      error: { code: "VOUCHER_NOT_FOUND", message: "no such voucher", details: {} },
    });
  });

  it("turns the validation pipe's failures into VALIDATION_FAILED with a message list per field", async () => {
    const error = await validationFailure({ number: 7, lines: [{ amount: 5 }, { amount: 0 }], extra: true });
    expect(reply(error)).toEqual({
      status: HttpStatus.BAD_REQUEST,
      body: {
        error: {
          code: "VALIDATION_FAILED",
          message: expect.any(String),
          details: {
            fields: {
              number: ["number must be a string"],
              "lines.1.amount": ["amount must not be less than 1"],
              extra: ["property extra should not exist"],
            },
          },
        },
      },
    });
  });

  it("lets a valid body through, transformed to its DTO", async () => {
    const dto = await createValidationPipe().transform(
      { number: "A-1", lines: [{ amount: 3 }] },
      { type: "body", metatype: CreateInvoice },
    );
    expect(dto).toBeInstanceOf(CreateInvoice);
    expect(dto.lines[0]).toBeInstanceOf(Line);
  });

  it.each([
    [new NotFoundException("Cannot GET /nope"), 404, "NOT_FOUND", "Cannot GET /nope"],
    [new BadRequestException("Unexpected token in JSON"), 400, "BAD_REQUEST", "Unexpected token in JSON"],
    [new PayloadTooLargeException(), 413, "PAYLOAD_TOO_LARGE", "Payload Too Large"],
  ])("maps Nest's %p by its status", (exception, status, code, message) => {
    expect(reply(exception)).toEqual({ status, body: { error: { code, message, details: {} } } });
  });

  it("answers 500 INTERNAL_ERROR for anything else and logs the cause instead of sending it", () => {
    const logged = jest.spyOn(Logger.prototype, "error").mockImplementation(() => undefined);
    try {
      const { status, body } = reply(new Error("connection string postgres://app:secret@db leaked"));
      expect(status).toBe(500);
      expect(body).toEqual({ error: { code: "INTERNAL_ERROR", message: expect.any(String), details: {} } });
      expect(JSON.stringify(body)).not.toContain("secret");
      expect(logged).toHaveBeenCalledWith(expect.stringContaining("leaked"));
    } finally {
      logged.mockRestore();
    }
  });

  it("rethrows outside HTTP, where jobs handle their own errors", () => {
    const adapterHost = { httpAdapter: { reply: () => undefined } } as unknown as HttpAdapterHost;
    const error = new ConflictError("X", "y");
    const host = { getType: () => "rpc" } as unknown as ArgumentsHost;
    expect(() => new DomainExceptionFilter(adapterHost).catch(error, host)).toThrow(error);
  });
});
