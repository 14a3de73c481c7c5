import { ValidationPipe } from "@nestjs/common";
import type { ValidationError as ClassValidatorError } from "class-validator";
import { ValidationError } from "./domain-error.js";

export const VALIDATION_FAILED = "VALIDATION_FAILED";

/**
 * The global pipe: DTOs are validated with class-validator, unknown properties are refused (not silently
 * dropped), and failures become a ValidationError whose details name each failing field:
 * `{ "fields": { "items.0.amount": ["amount must be a positive number"] } }`.
 */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    exceptionFactory: (errors) =>
      new ValidationError(VALIDATION_FAILED, "The request is invalid: see details.fields", {
        fields: fieldMessages(errors),
      }),
  });
}

/** Flattens class-validator's tree of errors into field path -> messages. */
export function fieldMessages(errors: readonly ClassValidatorError[], parentPath = ""): Record<string, string[]> {
  const fields: Record<string, string[]> = {};
  for (const error of errors) {
    const path = parentPath === "" ? error.property : `${parentPath}.${error.property}`;
    if (error.constraints !== undefined) {
      fields[path] = [...(fields[path] ?? []), ...Object.values(error.constraints)];
    }
    Object.assign(fields, fieldMessages(error.children ?? [], path));
  }
  return fields;
}
