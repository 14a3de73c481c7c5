import { DataSource, type DataSourceOptions } from "typeorm";
import { ENTITIES } from "./entities.js";
import { MIGRATIONS } from "./migrations/index.js";

/**
 * The one description of the database connection, shared by the app (DatabaseModule), the migration
 * script and the tests. The schema changes only through reviewed migrations, applied explicitly.
 */
export function dataSourceOptions(databaseUrl: string): DataSourceOptions {
  return {
    type: "postgres",
    url: databaseUrl,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    // One transaction per migration: a failing one leaves the earlier ones applied and itself not at all.
    migrationsTransactionMode: "each",
    synchronize: false,
    migrationsRun: false,
    applicationName: "receivables-platform",
  };
}

export function createDataSource(databaseUrl: string): DataSource {
  return new DataSource(dataSourceOptions(databaseUrl));
}

/** Applies the pending migrations and returns their names (empty when the schema is current). */
export async function applyMigrations(databaseUrl: string): Promise<string[]> {
  const dataSource = await createDataSource(databaseUrl).initialize();
  try {
    const applied = await dataSource.runMigrations();
    return applied.map((migration) => migration.name);
  } finally {
    await dataSource.destroy();
  }
}
