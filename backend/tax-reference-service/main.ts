// Runs the reference tax authority on its own:
//   node --import @swc-node/register/esm-register backend/tax-reference-service/main.ts
// Settings come from the environment (see optionsFromEnv in config.ts); port 4400 by default.
import { TaxReferenceConfigError, optionsFromEnv } from "./config.js";
import { start } from "./start.js";

try {
  const service = await start(optionsFromEnv(process.env));
  console.log(`tax reference service listening on ${service.url} (as of ${service.asOf})`);
  console.log(`signing key ${service.keyId}:\n${service.publicKey.trim()}`);
  if (process.env.TAX_SERVICE_ADMIN_TOKEN === undefined) {
    // A generated token is only useful if the operator can see it; it guards a local stand-in service.
    console.log(`admin token (generated): ${service.adminToken}`);
  }
  const shutdown = () => {
    service.stop().then(
      () => process.exit(0),
      (error) => {
        console.error(error);
        process.exit(1);
      },
    );
  };
  process.once("SIGINT", shutdown);
  process.once("SIGTERM", shutdown);
} catch (error) {
  if (error instanceof TaxReferenceConfigError) {
    console.error(error.message);
    process.exit(1);
  }
  throw error;
}
