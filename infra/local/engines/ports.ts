import { createServer } from 'node:net';

/** A port the OS says is free now, on loopback. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** Polls `ready` until it is true, or fails after `timeoutMs` (no loop without a deadline). */
export async function waitFor(
  ready: () => boolean | Promise<boolean>,
  timeoutMs: number,
  everyMs: number,
): Promise<true> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await ready()) return true;
    await new Promise((r) => setTimeout(r, everyMs));
  }
  throw new Error(`not ready after ${timeoutMs} ms`);
}
