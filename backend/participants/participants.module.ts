import { Global, Module } from "@nestjs/common";
import { APP_GUARD } from "@nestjs/core";
import { TypeOrmModule } from "@nestjs/typeorm";
import { SIGNING_KEYS } from "../chain/signing-keys.js";
import { ApiKey } from "./api-key.entity.js";
import { ApiKeyGuard } from "./api-key.guard.js";
import { ApiKeys } from "./api-keys.service.js";
import { KeyVault } from "./key-vault.js";
import { OrganisationSigningKeys } from "./organisation-signing-keys.service.js";
import { Organisation } from "./organisation.entity.js";
import { ParticipantsController } from "./participants.controller.js";
import { ParticipantsDirectory } from "./participants-directory.service.js";
import { ParticipantsService } from "./participants.service.js";

export const PARTICIPANT_ENTITIES = [Organisation, ApiKey];

/** Organisations, API keys and signing keys; global, since every request is authenticated by its guard. */
@Global()
@Module({
  imports: [TypeOrmModule.forFeature(PARTICIPANT_ENTITIES)],
  controllers: [ParticipantsController],
  providers: [
    ApiKeys,
    KeyVault,
    OrganisationSigningKeys,
    ParticipantsDirectory,
    ParticipantsService,
    { provide: SIGNING_KEYS, useExisting: OrganisationSigningKeys },
    { provide: APP_GUARD, useClass: ApiKeyGuard },
  ],
  exports: [ParticipantsDirectory, ParticipantsService, SIGNING_KEYS, OrganisationSigningKeys],
})
export class ParticipantsModule {}
