// Money crosses the API as a decimal string of integer minor units ("125000" is 1,250.00) and is stored in
// bigint columns: a JSON number would lose precision past 2^53, and a float would lose cents.
import { ValidateBy, type ValidationOptions, buildMessage } from "class-validator";

/** The largest amount a bigint column holds. */
export const MAX_MINOR_UNITS = 2n ** 63n - 1n;

const POSITIVE_INTEGER = /^[1-9][0-9]*$/;

export function isPositiveMinorUnits(value: unknown): value is string {
  return typeof value === "string" && POSITIVE_INTEGER.test(value) && BigInt(value) <= MAX_MINOR_UNITS;
}

/** A positive amount of minor units as a decimal string, at most MAX_MINOR_UNITS. */
export function IsPositiveMinorUnits(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: "isPositiveMinorUnits",
      validator: {
        validate: isPositiveMinorUnits,
        defaultMessage: buildMessage(
          (each) => `${each}$property must be a positive integer amount of minor units, as a decimal string, at most ${MAX_MINOR_UNITS}`,
          options,
        ),
      },
    },
    options,
  );
}
