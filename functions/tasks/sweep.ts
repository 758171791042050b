/**
 * The scheduled sweep of owed workflow starts (functions/app/sweep.ts): an EventBridge scheduled event in,
 * counts out. Starts that failed stay owed for the next run; the run then fails too, so the function's
 * error alarm shows a sweep that cannot make progress.
 */
import * as z from 'zod';
import { logger } from '#adapters/logger';
import { publishSweepFindings } from '#app/ops/gauges';
import { sweepOwedStarts } from '#app/sweep';
import type { Ports } from '#ports/ports';
import { taskHandler } from './task.ts';

/** What an EventBridge schedule sends: nothing the sweep needs beyond knowing it is one. */
const ScheduledEvent = z.object({
  'detail-type': z.literal('Scheduled Event'),
  source: z.literal('aws.events'),
  time: z.string().optional(),
});

/** Some owed starts could not be made: the next run tries them again. */
export class SweepIncomplete extends Error {
  override name = 'SweepIncomplete';
}

export function handlers(ports: Pick<Ports, 'clock' | 'metrics' | 'startLedger' | 'workflows'>) {
  return {
    sweep: taskHandler('SweepOwedStarts', ScheduledEvent, async (event) => {
      const result = await sweepOwedStarts(ports);
      // The orphaned cases' alarms watch these (docs/operators.md), the failed run's error aside.
      publishSweepFindings(ports, result);
      const { started, settled, failed, failures } = result;
      const counts = { started, settled, failed };
      if (failed > 0) {
        logger.error('owed workflow starts could not be made', { ...counts, failures, at: event.time });
        throw new SweepIncomplete(`${failed} owed workflow starts could not be made`);
      }
      if (started > 0) logger.warn('owed workflow starts made by the sweep', counts);
      return counts;
    }),
  };
}
