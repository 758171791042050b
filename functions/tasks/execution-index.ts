/**
 * Feeds the platform's execution index (docs/decisions/0019): in the cloud an EventBridge rule sends every
 * "Step Functions Execution Status Change" event of the registry's state machines here; locally the
 * engine makes the same event for each start and end of an execution and hands it to the same handler.
 * A malformed event is a bug (logged, failed: EventBridge retries it, then its dead-letter queue keeps it).
 */
import type { EventBridgeEvent } from 'aws-lambda';
import { z } from 'zod';
import { logger } from '#adapters/logger';
import { indexStatusChange } from '#app/ops/index-execution';
import { EXECUTION_STATUS_CHANGE as STATUS_CHANGE } from '#contract/executions';
import type { Ports } from '#ports/ports';

const Detail = z.object({
  name: z.string().min(1).max(80),
  status: z.string().min(1).max(32),
  startDate: z.number(),
  stopDate: z.number().nullish(),
  input: z.string().nullish(),
  output: z.string().nullish(),
  error: z.string().nullish(),
  cause: z.string().nullish(),
  redriveCount: z.number().int().nullish(),
});

export class InvalidStatusChange extends Error {
  override name = 'InvalidStatusChange';
}

export function handlers(ports: Pick<Ports, 'executions'>) {
  return {
    statusChanged: async (event: EventBridgeEvent<typeof STATUS_CHANGE, unknown>) => {
      const parsed = Detail.safeParse(event.detail);
      if (event['detail-type'] !== STATUS_CHANGE || !parsed.success) {
        const issues = parsed.success
          ? 'not a status change'
          : parsed.error.issues.map((i) => i.path.join('.')).join(', ');
        logger.error('execution index: an event it cannot read', { eventId: event.id, issues });
        throw new InvalidStatusChange(`event ${event.id}: ${issues}`);
      }
      const changed = await indexStatusChange(ports, parsed.data);
      logger.debug('execution index', { execution: parsed.data.name, status: parsed.data.status, changed });
      return { changed };
    },
  };
}
