// Where the embedded services keep their files: `.runtime/` at the project root (git-ignored), one
// directory per running instance, named after the owning process so that a later start can tell a
// crashed owner's leftovers from a live neighbour's (an `npm start` and a test run side by side).

import { existsSync, readFileSync } from "node:fs";
import { mkdir, readdir, readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";

/** The project root, found from this file whether it runs from source or from a build in dist/. */
export function projectRoot(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (existsSync(path.join(dir, "package.json")) && existsSync(path.join(dir, "hardhat.config.ts"))) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error("the project root (package.json beside hardhat.config.ts) was not found");
    dir = parent;
  }
}

export function runtimeDirectory(): string {
  return path.join(projectRoot(), ".runtime");
}

/**
 * A fresh directory `<base>/<service>/<pid>-<n>` for one instance. Leftovers of owners that are gone are
 * removed first, after killing the processes they recorded (a parent killed with SIGKILL cannot stop its
 * children).
 */
export async function instanceDirectory(service: string, base = runtimeDirectory()): Promise<string> {
  const serviceDir = path.join(base, service);
  await mkdir(serviceDir, { recursive: true });
  for (const entry of await readdir(serviceDir)) {
    const owner = Number(entry.split("-")[0]);
    if (!Number.isInteger(owner) || isAlive(owner)) continue;
    await killRecordedProcesses(path.join(serviceDir, entry));
    await rm(path.join(serviceDir, entry), { recursive: true, force: true });
  }
  for (let n = 0; ; n++) {
    const dir = path.join(serviceDir, `${process.pid}-${n}`);
    if (existsSync(dir)) continue;
    await mkdir(dir, { recursive: true, mode: 0o755 });
    return dir;
  }
}

/** Records a child so that a later `instanceDirectory` can kill it if this process dies without doing so. */
export async function recordProcess(dir: string, pid: number, command: string): Promise<void> {
  await writeFile(path.join(dir, "process.json"), JSON.stringify({ pid, command }) + "\n");
}

async function killRecordedProcesses(dir: string): Promise<void> {
  const recorded: { pid: number; command: string }[] = [];
  try {
    recorded.push(JSON.parse(await readFile(path.join(dir, "process.json"), "utf8")));
  } catch {
    // nothing recorded
  }
  try {
    // PostgreSQL's own record: the first line of postmaster.pid in its data directory.
    const postmaster = await readFile(path.join(dir, "data", "postmaster.pid"), "utf8");
    recorded.push({ pid: Number(postmaster.split("\n")[0]), command: "postgres" });
  } catch {
    // not a PostgreSQL instance, or it shut down cleanly
  }
  for (const { pid, command } of recorded) {
    // The pid may have been reused by an unrelated process since: kill it only if it still runs `command`.
    if (Number.isInteger(pid) && isAlive(pid) && commandLineOf(pid).includes(command)) {
      try {
        process.kill(pid, "SIGKILL");
      } catch {
        // exited meanwhile
      }
    }
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to another user (e.g. postgres): alive.
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

function commandLineOf(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, "utf8").replaceAll("\0", " ");
  } catch {
    return "";
  }
}

/** The last lines of a log file, for error messages. */
export function tailOf(file: string, lines = 30): string {
  try {
    return readFileSync(file, "utf8").trimEnd().split("\n").slice(-lines).join("\n");
  } catch {
    return `(no log at ${file})`;
  }
}
