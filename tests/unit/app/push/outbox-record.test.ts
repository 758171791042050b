/** The relay step both runtimes share (app/push/outbox-record.ts): which stored items it takes, and the facts it routes by. */
import { describe, expect, it } from 'vitest';
import { memoryPorts } from '#adapters/memory/ports';
import { enterpriseFacts, pendingOutboxRef, relayOutboxAt } from '#app/push/outbox-record';
import { DOMESTIC, FOREIGN, lifeOf } from '../../push/fixtures.ts';

const item = (over: Record<string, unknown>) => ({
  pk: `OUTBOX#${DOMESTIC}`,
  sk: 'EVT#00000002',
  creditCode: DOMESTIC,
  seq: 2,
  delivery: 'pending',
  ...over,
});

describe('pendingOutboxRef', () => {
  it('takes an outbox item still pending, as the pipe filter does, and nothing else', () => {
    expect(pendingOutboxRef(item({}))).toEqual({ creditCode: DOMESTIC, seq: 2 });
    expect(pendingOutboxRef(item({ delivery: 'relayed' }))).toBeUndefined();
    expect(pendingOutboxRef(item({ pk: 'INBOX#tax' }))).toBeUndefined();
    expect(pendingOutboxRef({ pk: `ENT#${DOMESTIC}`, sk: 'ENT' })).toBeUndefined();
  });
});

describe('enterpriseFacts and relayOutboxAt', () => {
  it("routes a later event by the scope of the enterprise's registration event, and relays each once", async () => {
    const ports = memoryPorts();
    ports.registry.outbox.set(FOREIGN, lifeOf(FOREIGN, true));
    const [registered, issued] = lifeOf(FOREIGN, true);
    expect(await enterpriseFacts(ports, issued!)).toMatchObject({ scopeCodes: ['F51001', 'F51028'] });
    expect(await enterpriseFacts(ports, registered!)).toEqual({
      entityType: 'foreign_invested_company',
      scopeCodes: ['F51001', 'F51028'],
    });
    const first = await relayOutboxAt(ports, { creditCode: FOREIGN, seq: 1 });
    expect(first?.created.some((id) => id.endsWith(':commerce'))).toBe(true);
    expect(await relayOutboxAt(ports, { creditCode: FOREIGN, seq: 1 })).toBeUndefined();
    expect(await relayOutboxAt(ports, { creditCode: FOREIGN, seq: 99 })).toBeUndefined();
  });

  it('relays the earlier events an enterprise still owes first, so none is taken for a replay', async () => {
    const ports = memoryPorts();
    ports.registry.outbox.set(DOMESTIC, lifeOf(DOMESTIC));
    await relayOutboxAt(ports, { creditCode: DOMESTIC, seq: 3 });
    const inbox = await ports.deliveries.inbox('tax', undefined, 10);
    expect(inbox.map((d) => [d.outboxSeq, d.sequence])).toEqual([
      [1, 1],
      [2, 2],
      [3, 3],
    ]);
    expect(await relayOutboxAt(ports, { creditCode: DOMESTIC, seq: 2 })).toBeUndefined();
  });
});
