// The embedded platform in a process of its own, driven over IPC by a parent that cannot load the
// backend's TypeScript itself (jest's global setup). It sends { type: "ready", services } or
// { type: "failed", message }, and stops everything when the parent sends "stop" or goes away, even
// killed with SIGKILL (the IPC channel closes then).
//
//   spawn(process.execPath, ["--import", "@swc-node/register/esm-register", "backend/runtime/platform-process.ts"],
//         { stdio: ["ignore", "inherit", "inherit", "ipc"] })

import { type EmbeddedPlatform, startPlatform } from "./platform.js";

export type PlatformProcessMessage =
  | { type: "ready"; services: EmbeddedPlatform["services"] }
  | { type: "failed"; message: string };

/** Resolves once the message is handed to the channel (or the channel is gone): safe to exit after. */
const send = (message: PlatformProcessMessage) =>
  new Promise<void>((resolve) => process.send?.(message, undefined, {}, () => resolve()) ?? resolve());

if (process.send === undefined) {
  console.error("platform-process.ts is driven over IPC: spawn it with an 'ipc' stdio channel");
  process.exit(2);
}

let platform: EmbeddedPlatform | undefined;
let stopping = false;
const stop = async () => {
  if (stopping) return;
  stopping = true;
  // During startup there is nothing to stop gracefully yet: exiting kills the children started so far.
  await platform?.stop().catch((error: Error) => console.error(`stopping the platform: ${error.message}`));
  process.exit(0);
};
process.on("message", (message) => {
  if (message === "stop") void stop();
});
process.on("disconnect", () => void stop());

try {
  platform = await startPlatform();
  if (!stopping) await send({ type: "ready", services: platform.services });
} catch (error) {
  await send({ type: "failed", message: error instanceof Error ? error.message : String(error) });
  process.exit(1);
}
