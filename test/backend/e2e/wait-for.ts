/**
 * Polls until `done` holds: the platform is asynchronous (API -> queue -> chain -> indexer -> database), so
 * e2e tests wait for the state they expect instead of sleeping. Fails with the last value seen.
 */
export async function waitFor<T>(
  probe: () => PromiseLike<T>,
  done: (value: T) => boolean,
  { timeoutMs = 30_000, intervalMs = 200 } = {},
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: T | undefined;
  while (Date.now() < deadline) {
    last = await probe();
    if (done(last)) return last;
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
  const shown = (last as { body?: unknown } | undefined)?.body ?? last;
  throw new Error(`condition not met within ${timeoutMs} ms; last value: ${JSON.stringify(shown)}`);
}
