/** Starts the platform the way `npm start` does, in its own process, and waits for it to say it is ready. */
import { type ChildProcess, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..', '..');

export function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

export interface Platform {
  url: string;
  child: ChildProcess;
  output: () => string;
  /** What it wrote to stderr alone. */
  errors: () => string;
  exited: Promise<number | null>;
}

/** `via: 'npm'` runs `npm start` itself; `via: 'node'` runs the very command it runs, so SIGKILL reaches the server process. */
export async function startPlatform(
  env: Record<string, string>,
  via: 'npm' | 'node' = 'node',
  options: { ownGroup?: boolean } = {},
): Promise<Platform> {
  const script = (
    JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { scripts: { start: string } }
  ).scripts.start;
  // The script's own command, as the shell runs it (an `exec` in front changes nothing here).
  const [command, ...args] =
    via === 'npm' ? ['npm', 'start', '--silent'] : script.replace(/^exec\s+/, '').split(' ');
  const child = spawn(command!, args, {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    // `ownGroup`: a process group of its own, as a terminal gives it, so a test can signal the group.
    detached: options.ownGroup ?? false,
  });
  let output = '';
  let errors = '';
  child.stdout!.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr!.on('data', (d: Buffer) => {
    output += d.toString();
    errors += d.toString();
  });
  // 'close', not 'exit': all of its output has arrived by then.
  const exited = new Promise<number | null>((resolve) => child.once('close', (code) => resolve(code)));
  const deadline = Date.now() + 90_000;
  while (!/Online hall API\s+(http:\/\/\S+)\/v1/.test(output)) {
    if (child.exitCode !== null || Date.now() > deadline)
      throw new Error(`the platform did not start:\n${output}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  const url = /Online hall API\s+(http:\/\/[^/\s]+)/.exec(output)![1]!;
  return { url, child, output: () => output, errors: () => errors, exited };
}

export async function json(url: string, method: string, body?: unknown, token?: string) {
  const res = await fetch(url, {
    method,
    headers: {
      ...(body ? { 'content-type': 'application/json' } : {}),
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : undefined) as Record<string, unknown> };
}

/**
 * Uploads, as `who`, one file for each material the entity type always files and for each the filing's
 * conditions call for (at a bank: the agent's authorization); the material ids, in checklist order.
 */
export async function uploadChecklist(
  baseUrl: string,
  who: string,
  entityType = 'limited_liability_company',
  conditions: string[] = [],
): Promise<string[]> {
  const checklist = await json(`${baseUrl}/v1/checklists/${entityType}`, 'GET');
  const kinds = (checklist.body.items as { kind: string; required: boolean; requiredWhen?: string }[])
    .filter((i) => (i.required && !i.requiredWhen) || (i.requiredWhen && conditions.includes(i.requiredWhen)))
    .map((i) => i.kind);
  return Promise.all(
    kinds.map(async (kind) => {
      const bytes = Buffer.from(`%PDF ${kind} for e2e`);
      const declared = {
        kind,
        fileName: `${kind}.pdf`,
        contentType: 'application/pdf',
        size: bytes.length,
        sha256: createHash('sha256').update(bytes).digest('hex'),
      };
      const m = await json(`${baseUrl}/v1/materials`, 'POST', declared, who);
      const put = await fetch(String(m.body.uploadUrl), {
        method: 'PUT',
        headers: m.body.requiredHeaders as Record<string, string>,
        body: bytes,
      });
      if (!put.ok) throw new Error(`upload of ${kind}: ${put.status}`);
      return String(m.body.materialId);
    }),
  );
}

/** Polls `probe` until it answers something, or fails naming `what` after `ms`. */
export async function until<T>(probe: () => Promise<T | undefined>, what: string, ms = 120_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const found = await probe();
    if (found !== undefined) return found;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}
