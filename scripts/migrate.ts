// Applies the pending database migrations (backend/database/migrations/index.ts) to DATABASE_URL.
//
//   DATABASE_URL=postgres://... npm run migrate
//
// The app never changes the schema by itself on an external database: deployments run this first.
// (With the embedded database of `npm start` and the e2e tests, the runtime applies them.)

import { requireDatabaseUrl } from "../backend/config/config.js";
import { applyMigrations } from "../backend/database/data-source.js";

try {
  const applied = await applyMigrations(requireDatabaseUrl(process.env));
  console.log(applied.length === 0 ? "The schema is current." : `Applied: ${applied.join(", ")}`);
} catch (error) {
  console.error((error as Error).message);
  process.exitCode = 1;
}
