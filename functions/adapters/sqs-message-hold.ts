/**
 * MessageHold over SQS: ChangeMessageVisibility on the delivery queue (DELIVERY_QUEUE_URL, read at the
 * first hold, so a function that never holds needs none). SQS allows at most 12 hours from the message's
 * receipt; a longer wait is held in steps, each receipt checking again (app/push/deliver.ts).
 */
import { ChangeMessageVisibilityCommand } from '@aws-sdk/client-sqs';
import type { MessageHold } from '#ports/message-hold';
import { sqsClient } from './clients.ts';
import { requireEnv } from './config.ts';

/** SQS's ceiling (43,200 s) less a margin for the time since the message was received. */
export const MAX_HOLD_SECONDS = 43_200 - 300;

export function sqsMessageHold(queueUrl = () => requireEnv('DELIVERY_QUEUE_URL')): MessageHold {
  return {
    async holdBack(receipt: string, seconds: number): Promise<void> {
      await sqsClient().send(
        new ChangeMessageVisibilityCommand({
          QueueUrl: queueUrl(),
          ReceiptHandle: receipt,
          VisibilityTimeout: Math.max(0, Math.min(Math.ceil(seconds), MAX_HOLD_SECONDS)),
        }),
      );
    },
  };
}
