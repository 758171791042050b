/**
 * The cloud's push handlers (functions/tasks/push.ts) on the in-memory ports, fed SQS FIFO batches as the
 * pipes would put them: the relay by outbox place, the delivery by pending state. What each message does
 * to the store, what it sends, and which messages the batch answer returns to the queue.
 */
import type { SQSEvent, SQSRecord } from 'aws-lambda';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { type MemoryPorts, memoryPorts } from '#adapters/memory/ports';
import { listDeliveries } from '#app/push/operators';
import { registerWebhook } from '#app/push/webhooks';
import type { Caller } from '#domain/caller';
import type { Delivery } from '#ports/deliveries';
import type { WebhookCall, WebhookSender } from '#ports/webhook-sender';
import { handlers } from '#tasks/push';
import { DOMESTIC, FOREIGN, lifeOf } from '../push/fixtures.ts';

const T0 = new Date('2026-11-20T02:00:00.000Z');
const POLICY = { baseMs: 60_000, capMs: 600_000, maxAttempts: 3 };
const operator: Caller = { sub: 'op', role: 'operator' };
const dept = (code: string): Caller => ({ sub: `${code}-system`, role: 'department', departmentCode: code });

let n = 0;
function record(body: unknown, group: string): SQSRecord {
  n++;
  return {
    messageId: `m-${n}`,
    receiptHandle: `receipt-${n}`,
    body: typeof body === 'string' ? body : JSON.stringify(body),
    attributes: {
      ApproximateReceiveCount: '1',
      SentTimestamp: '0',
      SenderId: 'pipes',
      ApproximateFirstReceiveTimestamp: '0',
      MessageGroupId: group,
    },
    messageAttributes: {},
    md5OfBody: '',
    eventSource: 'aws:sqs',
    eventSourceARN: 'arn:aws-cn:sqs:cn-north-1:111122223333:queue.fifo',
    awsRegion: 'cn-north-1',
  };
}
const batch = (...records: SQSRecord[]): SQSEvent => ({ Records: records });

/** The message the delivery pipe makes of a pending inbox entry (infra/cloud/push-stack.ts). */
const messageOf = (d: Delivery) =>
  record(
    { deliveryId: d.id, attempts: String(d.attempts), dueAt: d.nextAttemptAt ?? d.sentAt },
    `${d.department}#${d.creditCode}`,
  );

interface World {
  ports: MemoryPorts;
  calls: WebhookCall[];
  holds: Array<{ receipt: string; seconds: number }>;
  push: ReturnType<typeof handlers>;
  /** Answer of each department's webhook: true 2xx, false 503, 'throw' a crash of the sender. */
  answers: Record<string, boolean | 'throw'>;
}

async function world(): Promise<World> {
  const ports = memoryPorts({ now: T0 });
  const calls: WebhookCall[] = [];
  const holds: World['holds'] = [];
  const answers: World['answers'] = { tax: true, hrss: true };
  const send: WebhookSender = async (call) => {
    calls.push(call);
    const answer = answers[new URL(call.url).pathname.slice(1)];
    if (answer === 'throw') throw new Error('socket closed by a bug');
    return answer ? { ok: true, status: 204 } : { ok: false, status: 503, error: 'HTTP 503' };
  };
  const hold = {
    holdBack: async (receipt: string, seconds: number) => void holds.push({ receipt, seconds }),
  };
  const push = handlers(ports, { send, hold, attempt: { random: () => 0.5, policy: POLICY } });
  for (const code of ['tax', 'hrss'])
    await registerWebhook(ports, dept(code), code, `http://127.0.0.1:9/${code}`, 'local');
  for (const code of [DOMESTIC, FOREIGN]) {
    ports.registry.outbox.set(code, lifeOf(code, code === FOREIGN));
    for (const seq of [1, 2, 3])
      await push.relayOutbox(batch(record({ creditCode: code, seq: `${seq}` }, code)));
  }
  return { ports, calls, holds, push, answers };
}

/** The pending head of one pair (the only one of its pair a message may attempt). */
async function headOf(w: World, department: string, creditCode: string): Promise<Delivery> {
  const due = await w.ports.deliveries.due(new Date('2100-01-01'), 100);
  const found = due.find((d) => d.department === department && d.creditCode === creditCode);
  if (!found) throw new Error(`no pending head for ${department}#${creditCode}`);
  return found;
}

const sentTo = (w: World, department: string) =>
  w.calls.filter((c) => c.url.endsWith(`/${department}`)).map((c) => JSON.parse(c.body).sequence as string);

describe('relayOutbox', () => {
  it('relays an outbox event named by its place, once, and skips one the outbox does not hold', async () => {
    const w = await world();
    const taxInbox = await listDeliveries(w.ports, operator, 'pending', undefined, 100);
    expect(taxInbox.items.map((d) => `${d.department}#${d.creditCode}#${d.sequence}`).sort()).toContain(
      `tax#${DOMESTIC}#1`,
    );
    expect(w.ports.deliveries.relayed.has(`${DOMESTIC}#3`)).toBe(true);
    const before = (await w.ports.deliveries.inbox('tax', undefined, 100)).length;
    const again = await w.push.relayOutbox(
      batch(
        record({ creditCode: DOMESTIC, seq: '2' }, DOMESTIC),
        record({ creditCode: FOREIGN, seq: 9 }, FOREIGN),
      ),
    );
    expect(again.batchItemFailures).toEqual([]);
    expect((await w.ports.deliveries.inbox('tax', undefined, 100)).length).toBe(before);
  });

  it('fails a body that is not an outbox place, and with it only its own enterprise', async () => {
    const w = await world();
    const bad = record({ creditCode: 'nope' }, DOMESTIC);
    const behind = record({ creditCode: DOMESTIC, seq: 4 }, DOMESTIC);
    const other = record({ creditCode: FOREIGN, seq: 4 }, FOREIGN);
    const answer = await w.push.relayOutbox(batch(bad, behind, other));
    expect(answer.batchItemFailures).toEqual([
      { itemIdentifier: bad.messageId },
      { itemIdentifier: behind.messageId },
    ]);
    expect(w.ports.deliveries.relayed.has(`${FOREIGN}#4`)).toBe(true);
    expect(w.ports.deliveries.relayed.has(`${DOMESTIC}#4`)).toBe(false);
  });
});

describe('deliver', () => {
  let w: World;
  beforeEach(async () => {
    w = await world();
  });

  it("sends a pair's due head, settles it and makes the pair's next one due", async () => {
    const head = await headOf(w, 'tax', DOMESTIC);
    const answer = await w.push.deliver(batch(messageOf(head)));
    expect(answer.batchItemFailures).toEqual([]);
    expect(sentTo(w, 'tax')).toEqual(['0000000001']);
    expect((await w.ports.deliveries.get(head.id))?.status).toBe('delivered');
    const next = await headOf(w, 'tax', DOMESTIC);
    expect(next.sequence).toBe(2);
    await w.push.deliver(batch(messageOf(next)));
    expect(sentTo(w, 'tax')).toEqual(['0000000001', '0000000002']);
  });

  it('acknowledges a stale or duplicate message without sending: settled, attempted since, or not the head', async () => {
    const head = await headOf(w, 'tax', DOMESTIC);
    const first = messageOf(head);
    const duplicate = messageOf(head);
    const answer = await w.push.deliver(batch(first, duplicate));
    expect(answer.batchItemFailures).toEqual([]);
    expect(sentTo(w, 'tax')).toHaveLength(1);

    // A message of a state the delivery has left (its attempt was made and recorded) sends nothing.
    w.answers.tax = false;
    const next = await headOf(w, 'tax', DOMESTIC);
    await w.push.deliver(batch(messageOf(next)));
    expect(sentTo(w, 'tax')).toHaveLength(2);
    const replayed = await w.push.deliver(batch(messageOf(next)));
    expect(replayed.batchItemFailures).toEqual([]);
    expect(sentTo(w, 'tax')).toHaveLength(2);

    // A delivery queued behind its pair's head is never attempted, whatever a message says.
    const queued = (await w.ports.deliveries.inbox('tax', undefined, 100)).find(
      (d) => d.status === 'queued',
    )!;
    await w.push.deliver(batch(messageOf({ ...queued, nextAttemptAt: queued.sentAt })));
    expect(sentTo(w, 'tax')).toHaveLength(2);
    expect(w.holds).toEqual([]);
  });

  it('holds a message back until its backoff ends, failing only its own group, then attempts it', async () => {
    w.answers.tax = false;
    await w.push.deliver(batch(messageOf(await headOf(w, 'tax', DOMESTIC))));
    const retrying = await headOf(w, 'tax', DOMESTIC);
    expect(retrying).toMatchObject({ attempts: 1, lastError: 'HTTP 503' });
    const waiting = messageOf(retrying);
    const behind = messageOf(retrying);
    const hrss = messageOf(await headOf(w, 'hrss', DOMESTIC));
    const answer = await w.push.deliver(batch(waiting, behind, hrss));
    expect(answer.batchItemFailures).toEqual([
      { itemIdentifier: waiting.messageId },
      { itemIdentifier: behind.messageId },
    ]);
    // Full jitter at 0.5 of the first minute: due 30 s after the failed attempt.
    expect(w.holds).toEqual([{ receipt: waiting.receiptHandle, seconds: 30 }]);
    expect(sentTo(w, 'tax')).toHaveLength(1);
    expect(sentTo(w, 'hrss')).toEqual(['0000000001']);

    w.answers.tax = true;
    w.ports.clock.advance(30_000);
    const later = await w.push.deliver(batch(waiting));
    expect(later.batchItemFailures).toEqual([]);
    expect(sentTo(w, 'tax')).toEqual(['0000000001', '0000000001']);
    expect((await w.ports.deliveries.get(retrying.id))?.status).toBe('delivered');
  });

  it("unseals each webhook's secret once for the warm function, not once per delivery", async () => {
    const unseal = vi.spyOn(w.ports.sealer, 'unseal');
    for (let i = 0; i < 3; i++) await w.push.deliver(batch(messageOf(await headOf(w, 'tax', DOMESTIC))));
    await w.push.deliver(batch(messageOf(await headOf(w, 'hrss', DOMESTIC))));
    expect(sentTo(w, 'tax')).toEqual(['0000000001', '0000000002', '0000000003']);
    expect(unseal).toHaveBeenCalledTimes(2);
  });

  it('parks a delivery after its last attempt: the store says failed, the message is done', async () => {
    w.answers.tax = false;
    for (let i = 0; i < POLICY.maxAttempts; i++) {
      const head = await headOf(w, 'tax', DOMESTIC);
      w.ports.clock.advance(POLICY.capMs);
      expect((await w.push.deliver(batch(messageOf(head)))).batchItemFailures).toEqual([]);
    }
    const parked = await listDeliveries(w.ports, operator, 'failed', undefined, 10);
    expect(parked.items.map((d) => [d.department, d.sequence, d.attempts])).toEqual([['tax', 1, 3]]);
    await expect(headOf(w, 'tax', DOMESTIC)).rejects.toThrow('no pending head');
  });

  it('fails a crashed group and a malformed message, each alone; the other groups are delivered', async () => {
    w.answers.tax = 'throw';
    const crashing = messageOf(await headOf(w, 'tax', DOMESTIC));
    const behind = messageOf(await headOf(w, 'tax', DOMESTIC));
    const malformed = record('{"deliveryId": 1}', `hrss#${FOREIGN}`);
    const hrss = messageOf(await headOf(w, 'hrss', DOMESTIC));
    const answer = await w.push.deliver(batch(crashing, malformed, hrss, behind));
    expect(answer.batchItemFailures.map((f) => f.itemIdentifier)).toEqual([
      crashing.messageId,
      malformed.messageId,
      behind.messageId,
    ]);
    expect(sentTo(w, 'hrss')).toEqual(['0000000001']);
    // Nothing was recorded for the crashed attempt: its message comes back and tries again.
    expect((await headOf(w, 'tax', DOMESTIC)).attempts).toBe(0);
  });
});
