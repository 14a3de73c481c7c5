import type { INestApplication, LoggerService, LogLevel } from "@nestjs/common";
import { NestFactory } from "@nestjs/core";
import { DocumentBuilder, type OpenAPIObject, SwaggerModule } from "@nestjs/swagger";
import type { NestExpressApplication } from "@nestjs/platform-express";
import { AppModule } from "./app.module.js";
import { type AppConfig, logLevelsFrom } from "./config/config.js";
import { MAX_CSV_BYTES } from "./invoices/upload-request.js";
import { serveWebPages } from "./web/web-pages.js";

/** The largest JSON body, the same as the CSV upload cap. */
const MAX_JSON_BODY_BYTES = MAX_CSV_BYTES;

/**
 * The HTTP application: the app module with the OpenAPI document served at /openapi.json, its Swagger UI
 * at /docs, and the web pages at /app/. Used by main.ts (api role), the e2e tests and
 * scripts/export-openapi.ts, so all three serve the same thing.
 */
export async function createHttpApp(
  config: AppConfig,
  options: { logger?: LoggerService | LogLevel[] | false; preview?: boolean } = {},
): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config), {
    logger: options.logger ?? logLevelsFrom(config.logLevel),
    preview: options.preview,
    // Without this, a failed boot (database down) calls process.exit instead of throwing.
    abortOnError: false,
  });
  // A JSON upload of 20,000 invoices (MAX_UPLOAD_ROWS) is about 5 MB; Express's default stops at 100 kB.
  // Registered before init, it replaces Nest's own JSON parser rather than running beside it.
  app.useBodyParser("json", { limit: MAX_JSON_BODY_BYTES });
  serveWebPages(app);
  SwaggerModule.setup("docs", app, () => buildOpenApiDocument(app), {
    jsonDocumentUrl: "openapi.json",
    raw: ["json"],
  });
  return app;
}

export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  const description = new DocumentBuilder()
    .setTitle("Receivables platform API")
    .setDescription(
      "Supply chain finance on a permissioned EVM chain: invoices, vouchers, financing, guarantees and " +
        'settlement. Errors are `{ "error": { "code", "message", "details" } }`.',
    )
    .setVersion("1")
    .addBearerAuth(
      { type: "http", scheme: "bearer", bearerFormat: "<prefix>.<secret>", description: "An organisation API key" },
      "api-key",
    )
    .build();
  return SwaggerModule.createDocument(app, description);
}
