import { ApiProperty } from "@nestjs/swagger";

export class ErrorPayload {
  @ApiProperty({ example: "INVOICE_DUPLICATE", description: "Stable UPPER_SNAKE_CASE code to branch on." })
  code!: string;

  @ApiProperty({ description: "What went wrong and what to fix, for people." })
  message!: string;

  @ApiProperty({
    type: "object",
    additionalProperties: true,
    description: "The failing values; for VALIDATION_FAILED, `fields` maps each field path to its messages.",
  })
  details!: Record<string, unknown>;
}

/**
 * The body of every error response. Document an endpoint's errors with it, e.g.
 * `@ApiConflictResponse({ type: ErrorResponse, description: "INVOICE_DUPLICATE: ..." })`.
 */
export class ErrorResponse {
  @ApiProperty({ type: ErrorPayload })
  error!: ErrorPayload;
}
