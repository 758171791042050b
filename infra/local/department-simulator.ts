/**
 * A receiving department for the local runtime and the tests: an HTTP server on loopback taking webhook
 * deliveries as a department's system would. It checks the Standard Webhooks signature with its secret,
 * then the event's own JWS (detached in `x-jws-signature`) against the registry's JWKS, refuses an event
 * meant for another department, deduplicates by id, and records what it kept in arrival order, so gaps
 * and reorderings in the per-enterprise sequence show. On request it misbehaves: fails a share of calls
 * (seeded, so a run repeats), answers slowly, or is down for a stretch (503, or refusing connections).
 * It listens on 127.0.0.1 only and stops with `close()`.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import type { JSONWebKeySet } from 'jose';
import { type DepartmentEvent, parseSequence } from '#domain/push/events';
import { seededRandom } from '#domain/push/retry';
import { checkSequences, type SequenceAnomaly, type SequenceGap } from '#domain/push/sequence';
import { WEBHOOK_ID } from '#domain/push/webhook-signature';
import { type Refusal, refusal, verifyDelivery } from './department-verifier.ts';

const HOST = '127.0.0.1';
const MAX_BODY_BYTES = 1024 * 1024;

export interface SimulatorOptions {
  department: string;
  /** The webhook's signing secret, `whsec_…`. */
  secret: string;
  /** The registry's JWKS, or how to read it (a keyring's `jwks()`), asked on every delivery. */
  jwks: JSONWebKeySet | (() => Promise<JSONWebKeySet>);
  /** 0 (the default) lets the system choose. */
  port?: number;
  /** Misbehaviour from the start: see failShare() and slow(). */
  failShare?: number;
  seed?: number;
  delayMs?: number;
  toleranceSeconds?: number;
  now?: () => Date;
}

export interface ReceivedEvent {
  id: string;
  creditCode: string;
  type: string;
  sequence: number;
  event: DepartmentEvent;
  receivedAt: string;
}

export interface Rejection {
  status: number;
  reason: string;
  /** As sent, or '' when absent. */
  webhookId: string;
}

const COUNTERS = ['calls', 'accepted', 'duplicates', 'failedOnPurpose', 'downAnswers', 'rejected'] as const;
export type SimulatorStats = Record<(typeof COUNTERS)[number], number>;

export class DepartmentSimulator {
  readonly department: string;
  private readonly server: Server;
  private readonly options: SimulatorOptions;
  private readonly aborts = new AbortController();
  /** By id, in arrival order (a Map keeps insertion order). */
  private readonly kept = new Map<string, ReceivedEvent>();
  private readonly replays = new Map<string, number>();
  private readonly refusals: Rejection[] = [];
  private readonly waiters = new Set<() => void>();
  private readonly counters = Object.fromEntries(COUNTERS.map((c) => [c, 0])) as SimulatorStats;
  private random: () => number;
  private share: number;
  private delay: number;
  private downUntil = 0;
  private downMode: '503' | 'refuse' | undefined;
  private upTimer: NodeJS.Timeout | undefined;
  private closed = false;
  private port = 0;

  private constructor(options: SimulatorOptions) {
    this.options = options;
    this.department = options.department;
    this.random = seededRandom(options.seed ?? 1);
    this.share = options.failShare ?? 0;
    this.delay = options.delayMs ?? 0;
    this.server = createServer((req, res) => void this.handle(req, res));
  }

  static async start(options: SimulatorOptions): Promise<DepartmentSimulator> {
    const simulator = new DepartmentSimulator(options);
    await simulator.listen(options.port ?? 0);
    return simulator;
  }

  /** Takes the secret the registry answered when this URL was registered as the webhook. */
  useSecret(secret: string): void {
    this.options.secret = secret;
  }

  /** Where to register the webhook. */
  get url(): string {
    return `http://${HOST}:${this.port}/webhook`;
  }

  private listen(port: number): Promise<void> {
    return new Promise((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, HOST, () => {
        this.server.off('error', reject);
        this.port = (this.server.address() as AddressInfo).port;
        resolve();
      });
    });
  }

  /** Events kept, deduplicated by id, in arrival order. */
  received(): ReceivedEvent[] {
    return [...this.kept.values()];
  }

  /** Missing sequence numbers per enterprise (in what arrived so far). */
  gaps(): SequenceGap[] {
    return this.sequenceCheck().gaps;
  }

  /** Numbers that arrived after a higher one of the same enterprise. */
  outOfOrder(): SequenceAnomaly[] {
    return this.sequenceCheck().outOfOrder;
  }

  /** Ids delivered again after they were kept (replays caught by deduplication), with how often. */
  duplicates(): Array<{ id: string; times: number }> {
    return [...this.replays].map(([id, times]) => ({ id, times }));
  }

  rejected(): Rejection[] {
    return [...this.refusals];
  }

  stats(): SimulatorStats {
    return { ...this.counters };
  }

  private sequenceCheck() {
    return checkSequences([...this.kept.values()].map((e) => ({ ...e, department: this.department })));
  }

  /** Fails this share of calls (0 to 1) with a 500 before looking at them; a new seed restarts the pattern. */
  failShare(share: number, seed?: number): void {
    if (!(share >= 0 && share <= 1)) throw new RangeError('a share is between 0 and 1');
    this.share = share;
    if (seed !== undefined) this.random = seededRandom(seed);
  }

  /** Answers every call this much later. */
  slow(delayMs: number): void {
    this.delay = Math.max(0, delayMs);
  }

  /** Down for `ms`: answering 503 with Retry-After, or refusing connections (nothing listens). */
  async down(ms: number, mode: '503' | 'refuse' = '503'): Promise<void> {
    await this.up();
    this.downMode = mode;
    this.downUntil = Date.now() + ms;
    if (mode === 'refuse') {
      this.server.closeAllConnections();
      await new Promise<void>((resolve) => this.server.close(() => resolve()));
    }
    this.upTimer = setTimeout(() => void this.up(), ms);
    this.upTimer.unref();
  }

  /** Back up at once. */
  async up(): Promise<void> {
    clearTimeout(this.upTimer);
    this.upTimer = undefined;
    const wasRefusing = this.downMode === 'refuse';
    this.downMode = undefined;
    this.downUntil = 0;
    if (wasRefusing && !this.closed) await this.listen(this.port);
  }

  /** Resolves once `count` events are kept; rejects after `timeoutMs`. */
  waitForEvents(count: number, timeoutMs: number): Promise<void> {
    return new Promise((resolve, reject) => {
      const check = () => {
        if (this.kept.size < count) return;
        clearTimeout(timer);
        this.waiters.delete(check);
        resolve();
      };
      const timer = setTimeout(() => {
        this.waiters.delete(check);
        reject(new Error(`${this.department}: ${this.kept.size} of ${count} events after ${timeoutMs} ms`));
      }, timeoutMs);
      this.waiters.add(check);
      check();
    });
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    clearTimeout(this.upTimer);
    this.aborts.abort();
    if (!this.server.listening) return;
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    this.counters.calls++;
    try {
      if (this.delay > 0) await sleep(this.delay, undefined, { signal: this.aborts.signal });
      const body = await readBody(req);
      if (this.downMode === '503' && Date.now() < this.downUntil) {
        this.counters.downAnswers++;
        return answer(res, 503, { error: 'down' }, { 'retry-after': '1' });
      }
      if (this.share > 0 && this.random() < this.share) {
        this.counters.failedOnPurpose++;
        return answer(res, 500, { error: 'failing on purpose' });
      }
      if (req.method !== 'POST') throw refusal(405, 'POST only');
      const event = await this.verified(req, body);
      answer(res, 200, this.keep(event));
    } catch (error) {
      if (this.aborts.signal.aborted) return void res.destroy();
      const refused = (error as Partial<Refusal>).refusal
        ? (error as Refusal)
        : refusal(400, 'unreadable request');
      this.counters.rejected++;
      const webhookId = String(req.headers[WEBHOOK_ID] ?? '');
      this.refusals.push({ status: refused.refusal, reason: refused.message, webhookId });
      answer(res, refused.refusal, { error: refused.message });
    }
  }

  /** The event, once both signatures hold and it is this department's. */
  private async verified(req: IncomingMessage, body: string): Promise<DepartmentEvent> {
    const jwks = typeof this.options.jwks === 'function' ? await this.options.jwks() : this.options.jwks;
    return verifyDelivery(req.headers, body, {
      department: this.department,
      secret: this.options.secret,
      jwks,
      now: this.options.now?.() ?? new Date(),
      toleranceSeconds: this.options.toleranceSeconds,
    });
  }

  private keep(event: DepartmentEvent): { id: string; duplicate: boolean } {
    if (this.kept.has(event.id)) {
      this.counters.duplicates++;
      this.replays.set(event.id, (this.replays.get(event.id) ?? 0) + 1);
      return { id: event.id, duplicate: true };
    }
    this.counters.accepted++;
    this.kept.set(event.id, {
      id: event.id,
      creditCode: event.subject,
      type: event.type,
      sequence: parseSequence(event.sequence),
      event,
      receivedAt: (this.options.now?.() ?? new Date()).toISOString(),
    });
    for (const waiter of [...this.waiters]) waiter();
    return { id: event.id, duplicate: false };
  }
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) throw refusal(413, 'body too large');
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function answer(res: ServerResponse, status: number, body: object, extra: Record<string, string> = {}) {
  if (res.headersSent || res.destroyed) return;
  res.writeHead(status, { 'content-type': 'application/json', ...extra });
  res.end(JSON.stringify(body));
}

/** One simulator per department (tax and hrss in the local runtime), each with its own secret. */
export async function startDepartmentSimulators(
  departments: ReadonlyArray<Omit<SimulatorOptions, 'jwks'>>,
  jwks: SimulatorOptions['jwks'],
): Promise<Map<string, DepartmentSimulator>> {
  const started = await Promise.allSettled(departments.map((o) => DepartmentSimulator.start({ ...o, jwks })));
  const running = started.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
  const failed = started.find((s) => s.status === 'rejected');
  if (failed) await Promise.all(running.map((s) => s.close()));
  if (failed) throw failed.reason;
  return new Map(running.map((s) => [s.department, s]));
}
