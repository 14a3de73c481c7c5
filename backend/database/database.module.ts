import { Module } from "@nestjs/common";
import { TypeOrmModule } from "@nestjs/typeorm";
import { APP_CONFIG, type AppConfig } from "../config/config.js";
import { dataSourceOptions } from "./data-source.js";

/** The app's TypeORM connection (inject `DataSource`, or repositories via `TypeOrmModule.forFeature`). */
@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({
        ...dataSourceOptions(config.databaseUrl),
        // A database that is down at boot stops the process after ~10 s instead of Nest's default ~30 s.
        retryAttempts: 5,
        retryDelay: 2000,
      }),
    }),
  ],
})
export class DatabaseModule {}
