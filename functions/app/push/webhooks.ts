/**
 * A department's webhook: registered by the department itself (https in the cloud, loopback on one
 * machine), answered once with its Standard Webhooks signing secret; its status (active, failing or
 * disabled, since when and why) readable by the department and the operators. Registering again makes
 * a new secret and an active webhook: that is how a disabled one comes back. The secret is sealed before
 * it is stored; only the delivery unseals it, to sign.
 */
import type { Caller } from '#domain/caller';
import { RuleViolation } from '#domain/errors';
import { activeWebhook, type WebhookHealth } from '#domain/push/retry';
import { webhookSecret } from '#domain/push/webhook-signature';
import type { Webhook } from '#ports/deliveries';
import type { Ports } from '#ports/ports';
import { departmentOrOperator, ownInbox } from './inbox.ts';

export type Runtime = 'cloud' | 'local';

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);

export interface WebhookView extends WebhookHealth {
  department: string;
  url: string | null;
  registeredAt?: string;
}

/**
 * Which runtime the ports serve, from the registry's public base URL: loopback is the local runtime (its
 * base is `http://127.0.0.1:<port>`), anything else the cloud.
 */
export function runtimeOf(ports: Pick<Ports, 'licensing'>): Runtime {
  const base = URL.canParse(ports.licensing.baseUrl) ? new URL(ports.licensing.baseUrl) : undefined;
  return base && LOOPBACK.has(base.hostname) ? 'local' : 'cloud';
}

/** Why a URL is refused for a webhook in this runtime, or undefined when it is fine. */
export function webhookUrlProblem(url: string, runtime: Runtime): string | undefined {
  if (!URL.canParse(url)) return 'not an absolute URL';
  const parsed = new URL(url);
  if (parsed.username || parsed.password) return 'a webhook URL carries no credentials';
  if (runtime === 'cloud') return parsed.protocol === 'https:' ? undefined : 'a webhook URL must be https';
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return 'a webhook URL is http(s)';
  return LOOPBACK.has(parsed.hostname) ? undefined : 'on one machine a webhook URL must be loopback';
}

export async function registerWebhook(
  ports: Pick<Ports, 'deliveries' | 'clock' | 'sealer'>,
  caller: Caller,
  department: string,
  url: string,
  runtime: Runtime,
): Promise<WebhookView & { secret: string }> {
  ownInbox(caller, department);
  const problem = webhookUrlProblem(url, runtime);
  if (problem) throw new RuleViolation('webhook-url-refused', problem, { reasons: [problem] });
  const now = ports.clock.now();
  const secret = webhookSecret(crypto.getRandomValues(new Uint8Array(32)));
  const health = activeWebhook(now);
  // Sealed at rest: a read of the table (or a backup) gives nobody the means to forge a delivery.
  const sealedSecret = await ports.sealer.seal(secret);
  await ports.deliveries.putWebhook({
    department,
    url,
    sealedSecret,
    registeredAt: now.toISOString(),
    health,
  });
  return { department, url, registeredAt: now.toISOString(), ...health, secret };
}

/** What anyone allowed may see of a department's webhook: never its secret. */
export function webhookView(department: string, hook: Webhook | undefined, now: Date): WebhookView {
  if (!hook)
    return {
      department,
      url: null,
      status: 'disabled',
      since: now.toISOString(),
      why: 'no webhook is registered: events wait in the inbox for pull',
      consecutiveFailures: 0,
    };
  return { department, url: hook.url, registeredAt: hook.registeredAt, ...hook.health };
}

export async function webhookStatus(
  ports: Pick<Ports, 'deliveries' | 'clock'>,
  caller: Caller,
  department: string,
): Promise<WebhookView> {
  departmentOrOperator(caller, department);
  return webhookView(department, await ports.deliveries.webhook(department), ports.clock.now());
}
