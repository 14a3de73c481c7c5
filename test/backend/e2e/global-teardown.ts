export default async function globalTeardown(): Promise<void> {
  const child = globalThis.e2ePlatformProcess;
  globalThis.e2ePlatformProcess = undefined;
  if (child === undefined || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  child.send("stop");
  const timer = setTimeout(() => child.kill("SIGKILL"), 15_000);
  await exited;
  clearTimeout(timer);
}
