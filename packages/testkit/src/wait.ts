/**
 * Polls `check` until it holds, failing with `what` after `timeoutMs`: the one way tests wait for work that happens
 * elsewhere (a worker, a webhook receiver, another process).
 */
export async function waitFor(
  check: () => boolean | Promise<boolean>,
  what = 'condition',
  timeoutMs = 15_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`${what} not met within ${timeoutMs} ms`);
}
