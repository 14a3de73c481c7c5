// A private redis-server for `npm start` and the tests. No npm package provides a Redis that can run
// BullMQ's Lua scripts on this kind of machine, so this starts Debian's redis-server as a child process:
// in memory only, on a free port of 127.0.0.1, gone when the parent goes.

import { type ChildProcess, spawn } from "node:child_process";
import { accessSync, closeSync, constants as fsConstants, openSync } from "node:fs";
import path from "node:path";
import { createConnection } from "node:net";
import { dieWithParent, stopChild, waitUntilReady } from "./child-processes.js";
import { freePort } from "./free-port.js";
import { instanceDirectory, recordProcess, tailOf } from "./runtime-files.js";

export class RedisServer {
  private child: ChildProcess | undefined;

  /** Starts redis-server and returns its URL. */
  async start(): Promise<string> {
    const binary = await ensureRedisServerInstalled();
    const port = await freePort();
    const dir = await instanceDirectory("redis");
    const logFile = path.join(dir, "redis.log");
    const log = openSync(logFile, "a");
    const child = spawn(
      binary,
      ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", dir, "--daemonize", "no"],
      { stdio: ["ignore", log, log] },
    );
    closeSync(log);
    this.child = child;
    dieWithParent(child);
    await recordProcess(dir, child.pid!, "redis-server");
    await waitUntilReady("redis-server", () => answersPing(port), child, 10_000, () => tailOf(logFile));
    return `redis://127.0.0.1:${port}`;
  }

  async stop(): Promise<void> {
    if (this.child !== undefined) await stopChild(this.child);
    this.child = undefined;
  }
}

/**
 * The path of redis-server, installing Debian's package first when it is missing and this process may
 * (root, apt-get present); otherwise a message that says what to do.
 */
export async function ensureRedisServerInstalled(): Promise<string> {
  const found = findExecutable("redis-server");
  if (found !== undefined) return found;
  const canInstall = process.getuid?.() === 0 && findExecutable("apt-get") !== undefined;
  if (!canInstall) {
    throw new Error(
      "redis-server is not installed. Install it (Debian/Ubuntu: `sudo apt-get install -y redis-server`) " +
        "or set REDIS_URL to a running Redis.",
    );
  }
  console.warn("redis-server is missing: installing Debian's redis-server package (apt-get install -y redis-server)");
  // Another process may be installing at the same time: wait for dpkg's lock rather than fail.
  const install = ["-o", "DPkg::Lock::Timeout=300", "install", "-y", "--no-install-recommends", "redis-server"];
  if ((await run("apt-get", install)) !== 0) {
    // A fresh machine may have no package lists yet.
    await run("apt-get", ["-o", "DPkg::Lock::Timeout=300", "update"]);
    const status = await run("apt-get", install);
    if (status !== 0) throw new Error(`apt-get install -y redis-server failed (exit ${status}): see its output above`);
  }
  const installed = findExecutable("redis-server");
  if (installed === undefined) throw new Error("apt-get installed redis-server, but it is not on PATH nor in /usr/bin");
  return installed;
}

function findExecutable(name: string): string | undefined {
  const directories = [...(process.env.PATH ?? "").split(path.delimiter), "/usr/bin", "/usr/sbin", "/usr/local/bin"];
  for (const directory of directories) {
    if (directory === "") continue;
    const candidate = path.join(directory, name);
    try {
      accessSync(candidate, fsConstants.X_OK);
      return candidate;
    } catch {
      // not here
    }
  }
  return undefined;
}

function run(command: string, args: string[]): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      stdio: ["ignore", "inherit", "inherit"],
      env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" },
    });
    child.once("error", reject);
    child.once("exit", (code) => resolve(code ?? 1));
  });
}

function answersPing(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host: "127.0.0.1", port });
    let reply = "";
    socket.setTimeout(1000, () => socket.destroy());
    socket.on("connect", () => socket.write("PING\r\n"));
    socket.on("data", (data) => {
      reply += data.toString();
      if (reply.includes("\r\n")) socket.end();
    });
    socket.on("error", () => resolve(false));
    socket.on("close", () => resolve(reply.startsWith("+PONG")));
  });
}
