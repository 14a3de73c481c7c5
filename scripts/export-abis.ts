// Writes the ABI of every deployable contract to abi/<Name>.json from Hardhat's artifacts, so the backend
// and other clients use exactly what was compiled. CI regenerates them and fails if they differ from git.
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const ARTIFACTS = "artifacts/contracts";
const OUT = "abi";

const deployable = readdirSync("contracts").filter((file) => file.endsWith(".sol"));
mkdirSync(OUT, { recursive: true });
for (const file of deployable) {
  const name = file.replace(/\.sol$/, "");
  const artifact = JSON.parse(readFileSync(join(ARTIFACTS, file, `${name}.json`), "utf8"));
  if (artifact.abi.length === 0) continue; // a library of constants has nothing to call
  writeFileSync(join(OUT, `${name}.json`), JSON.stringify(artifact.abi, null, 2) + "\n");
}
console.log(`ABIs written to ${OUT}/`);
