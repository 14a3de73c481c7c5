import { type INestApplicationContext, Logger } from "@nestjs/common";
import { ParticipantsService } from "../participants/participants.service.js";
import { DEMO_ORGANISATIONS } from "./demo-organisations.js";

/**
 * Onboards the demo organisations through the same service the API uses (so their registry entries go on
 * chain like anyone's) and prints their API keys: `npm start` gives a network to try at once.
 */
export async function seedDemo(app: INestApplicationContext): Promise<void> {
  const logger = new Logger("Demo");
  const participants = app.get(ParticipantsService);
  const rows = [{ organisation: "Platform operator", roles: "operator", apiKey: await participants.issueApiKey(await participants.operatorOrganisationId()) }];
  for (const request of DEMO_ORGANISATIONS) {
    const { organisation, apiKey } = await participants.onboard(request);
    rows.push({ organisation: organisation.name, roles: organisation.roles.join(", "), apiKey });
  }
  logger.log("Demo organisations (send the key as `Authorization: Bearer <key>`):");
  console.table(rows);
}
