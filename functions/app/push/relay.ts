/**
 * The relay's use case: one outbox event becomes one delivery per entitled department, each with the
 * next sequence of its (department, enterprise) pair, its data cut to the department's entitlement and
 * signed with the keyring's current key, all recorded with the pairs' cursors and the outbox item's
 * `relayed` mark in one write. Running it twice for the same event plans nothing the second time.
 */
import type { OutboxEvent } from '#domain/enterprise';
import { periodEnd } from '#domain/legal-time';
import { isPushEventType } from '#domain/push/entitlements';
import { departmentEvent, signDepartmentEvent } from '#domain/push/events';
import { loadPushRouting, outboxRecipients, type PushRouting } from '#domain/push/recipients';
import { planDeliveries } from '#domain/push/sequence';
import type { SignedDelivery } from '#ports/deliveries';
import type { Ports } from '#ports/ports';

type Deps = Pick<Ports, 'deliveries' | 'keyring' | 'clock' | 'settings' | 'licensing'>;

export interface EnterpriseFacts {
  entityType: string;
  scopeCodes: readonly string[];
}

export interface RelayOutcome {
  /** Ids of the deliveries this call created. */
  created: string[];
  /** Ids planned by an earlier relay of the same event. */
  replayed: string[];
}

const MAX_CONFLICTS = 5;

/** The `source` of every event: the registry, named by its public base URL. */
export const eventSource = (ports: Pick<Ports, 'licensing'>) => ports.licensing.baseUrl;

export async function relayOutboxEvent(
  ports: Deps,
  outboxEvent: OutboxEvent,
  enterpriseFacts: EnterpriseFacts,
  push: PushRouting = loadPushRouting(),
): Promise<RelayOutcome> {
  const recipients = isPushEventType(outboxEvent.type)
    ? outboxRecipients(outboxEvent, enterpriseFacts, push)
    : [];
  const pairs = recipients.map((department) => ({ department, creditCode: outboxEvent.creditCode }));
  for (let attempt = 1; attempt <= MAX_CONFLICTS; attempt++) {
    const before = await ports.deliveries.cursors(pairs);
    const plan = planDeliveries(outboxEvent, recipients, before);
    const signer = await ports.keyring.current();
    const deliveries: SignedDelivery[] = await Promise.all(
      plan.deliveries.map(async (planned) => ({
        ...planned,
        ...(await signDepartmentEvent(
          signer,
          departmentEvent(
            outboxEvent,
            planned.department,
            planned.sequence,
            push.version,
            eventSource(ports),
          ),
        )),
      })),
    );
    const at = ports.clock.now();
    const outcome = await ports.deliveries.record({
      outbox: { creditCode: outboxEvent.creditCode, seq: outboxEvent.seq },
      deliveries,
      before,
      after: plan.cursors,
      at,
      expiresAt: Math.ceil(periodEnd(at, ports.settings.eventRetention).getTime() / 1000),
    });
    if (outcome === 'recorded') return { created: deliveries.map((d) => d.id), replayed: plan.replayed };
  }
  throw new Error(`relay of ${outboxEvent.id}: the pairs' cursors kept moving (${MAX_CONFLICTS} conflicts)`);
}
