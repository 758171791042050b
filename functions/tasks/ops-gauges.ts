/**
 * The scheduled ops gauges (functions/app/ops/gauges.ts): an EventBridge scheduled event in, the readings
 * out and in the metrics. A missing holiday calendar is also logged by name, for whoever reads the log
 * before the alarm's mail.
 */
import * as z from 'zod';
import { logger } from '#adapters/logger';
import { publishOpsGauges } from '#app/ops/gauges';
import type { Ports } from '#ports/ports';
import { taskHandler } from './task.ts';

/** What an EventBridge schedule sends: nothing the gauges need beyond knowing it is one. */
const ScheduledEvent = z.object({
  'detail-type': z.literal('Scheduled Event'),
  source: z.literal('aws.events'),
  time: z.string().optional(),
});

export function handlers(
  ports: Pick<Ports, 'clock' | 'deliveries' | 'executions' | 'humanTasks' | 'metrics'>,
) {
  return {
    publishGauges: taskHandler('OpsGauges', ScheduledEvent, async () => {
      const { readings, calendarMissing } = await publishOpsGauges(ports);
      if (calendarMissing.length > 0)
        logger.warn('holiday calendar missing ahead', { years: calendarMissing });
      return readings;
    }),
  };
}
