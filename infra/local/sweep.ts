/**
 * The local runtime's sweep of owed workflow starts (functions/app/sweep.ts), once at boot: a case whose
 * write committed while its workflow start did not (the last process died between the two) is started
 * now. It runs after the engine has resumed the executions left running, so a start it makes for one of
 * those finds that execution and changes nothing.
 */
import { logger } from '#adapters/logger';
import { type SweepResult, sweepOwedStarts } from '#app/sweep';
import type { Ports } from '#ports/ports';

/**
 * Every start still owed, however young (one made at this moment by a request as well is one execution,
 * by its name). Logs the counts; never rejects.
 */
export async function sweepAtBoot(ports: Ports): Promise<SweepResult | undefined> {
  try {
    const result = await sweepOwedStarts(ports, { olderThanMs: 0 });
    const { started, settled, failed, failures } = result;
    if (failed > 0)
      logger.error('owed workflow starts could not be made at boot', { started, settled, failed, failures });
    else logger.info('owed workflow starts swept at boot', { started, settled });
    return result;
  } catch (error) {
    logger.error('could not sweep the owed workflow starts', { error: error as Error });
    return undefined;
  }
}
