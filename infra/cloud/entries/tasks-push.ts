/**
 * Lambda entry of functions/tasks/push.ts: its handlers, over the adapters they use; webhooks over fetch,
 * the delivery queue over SQS.
 */
import { httpWebhookSender } from '#adapters/http-webhook-sender';
import { sqsMessageHold } from '#adapters/sqs-message-hold';
import { clock, settings } from '#adapters/wiring/basics';
import { deliveries, enterprises } from '#adapters/wiring/dynamo';
import { metrics } from '#adapters/wiring/metrics';
import { handlers } from '#tasks/push';
import { cloudPorts, keyring, licensing, sealer } from '../ports.ts';
import { traced } from '../tracing.ts';

// The sealer is made on first use, by the delivery alone (it unseals the webhooks' secrets; the relay never).
export const { relayOutbox, deliver } = handlers(
  traced(cloudPorts({ clock, deliveries, enterprises, keyring, licensing, metrics, sealer, settings })),
  { send: httpWebhookSender(), hold: sqsMessageHold() },
);
