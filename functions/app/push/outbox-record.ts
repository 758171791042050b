/**
 * What both runtimes' relays do with a change of the registry table: recognise an outbox event still to
 * relay, read it and the enterprise's facts through the ports, and run relayOutboxEvent. The local relay
 * reads the change from DynamoDB Local's stream (infra/local/push-relay.ts); the cloud's reaches the relay
 * function through a pipe and a FIFO queue (functions/tasks/push.ts), as ids only: the event is read from
 * the store, so neither queue nor dead-letter queue ever holds the personal data an event may carry.
 */
import { z } from 'zod';
import { logger } from '#adapters/logger';
import type { OutboxEvent } from '#domain/enterprise';
import type { Ports } from '#ports/ports';
import { type EnterpriseFacts, type RelayOutcome, relayOutboxEvent } from './relay.ts';

type Deps = Pick<Ports, 'deliveries' | 'enterprises' | 'keyring' | 'clock' | 'settings' | 'licensing'>;

/** An outbox event by its place in its enterprise's outbox. */
export const OutboxRef = z.object({
  creditCode: z.string().length(18),
  seq: z.coerce.number().int().min(1),
});
export type OutboxRef = z.infer<typeof OutboxRef>;

/**
 * A stored item (unmarshalled) that is an outbox event not relayed yet: the filter the cloud's pipe
 * applies too (`pk` begins with `OUTBOX#`, `delivery` = `pending`). Anything else is no work for the relay.
 */
const PendingOutboxItem = z.object({
  pk: z.string().startsWith('OUTBOX#'),
  delivery: z.literal('pending'),
  creditCode: z.string(),
  seq: z.number(),
});

export function pendingOutboxRef(item: Record<string, unknown>): OutboxRef | undefined {
  const found = PendingOutboxItem.safeParse(item);
  return found.success ? OutboxRef.parse(found.data) : undefined;
}

/**
 * The enterprise's type and business scope, which decide the recipients and the data each receives. The
 * registration event carries the scope; a later event is routed by the scope of the enterprise's first.
 */
export async function enterpriseFacts(
  ports: Pick<Ports, 'deliveries' | 'enterprises'>,
  event: OutboxEvent,
): Promise<EnterpriseFacts> {
  const enterprise = await ports.enterprises.get(event.creditCode);
  let scope = event.data.businessScope;
  if (!Array.isArray(scope)) {
    const first = await ports.deliveries.outboxEvent(event.creditCode, 1);
    scope = first?.event.data.businessScope;
  }
  return {
    entityType: enterprise?.entityType ?? String(event.data.entityType ?? ''),
    scopeCodes: Array.isArray(scope) ? scope.map(String) : [],
  };
}

/**
 * Relays one outbox event named by its place: undefined when it is already relayed (a replay of the
 * stream or the queue) or not in the outbox at all, which a committed write never leaves behind.
 *
 * An earlier event of the enterprise not relayed yet goes first. Its message may have failed until it
 * was moved to the dead-letter queue (the FIFO group then lets the next through), or it was written before
 * the table had its stream: relayed after this one, the planner would take it for a replay (its outbox
 * sequence is below the pairs' cursors) and no department would ever receive it.
 */
export async function relayOutboxAt(ports: Deps, ref: OutboxRef): Promise<RelayOutcome | undefined> {
  const entry = await ports.deliveries.outboxEvent(ref.creditCode, ref.seq);
  if (!entry) {
    logger.warn('push relay: no such outbox event', { creditCode: ref.creditCode, seq: ref.seq });
    return undefined;
  }
  if (entry.relayed) return undefined;
  if (ref.seq > 1) await relayEarlier(ports, { creditCode: ref.creditCode, seq: ref.seq - 1 });
  return relayOutboxEvent(ports, entry.event, await enterpriseFacts(ports, entry.event));
}

async function relayEarlier(ports: Deps, ref: OutboxRef): Promise<void> {
  const entry = await ports.deliveries.outboxEvent(ref.creditCode, ref.seq);
  if (!entry || entry.relayed) return;
  logger.warn('push relay: an earlier outbox event was not relayed; relaying it first', ref);
  await relayOutboxAt(ports, ref);
}
