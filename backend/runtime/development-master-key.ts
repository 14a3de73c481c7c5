// With the embedded database and no MASTER_KEY, signing keys are encrypted with a development key kept
// in .runtime/master-key: generated once, readable only by its owner, never for production (a production
// database needs MASTER_KEY; see config.ts).

import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { parseMasterKey } from "../config/config.js";
import { runtimeDirectory } from "./runtime-files.js";

export function developmentMasterKey(): Buffer {
  const file = path.join(runtimeDirectory(), "master-key");
  if (existsSync(file)) return parseMasterKey(readFileSync(file, "utf8").trim());
  mkdirSync(path.dirname(file), { recursive: true });
  const key = randomBytes(32);
  try {
    writeFileSync(file, key.toString("hex") + "\n", { mode: 0o600, flag: "wx" });
  } catch (error) {
    // Another process (a test run beside `npm start`) wrote it first: use that one.
    if ((error as NodeJS.ErrnoException).code === "EEXIST") return parseMasterKey(readFileSync(file, "utf8").trim());
    throw error;
  }
  return key;
}
