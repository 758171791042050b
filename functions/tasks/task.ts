/**
 * The wrapper of every workflow task: validate the state input with zod, run, and fail with an error
 * *name* the state machine can Retry or Catch on. Inputs carry ids only, never personal data.
 */
import type { z } from 'zod';
import { logger, withLogKeys } from '#adapters/logger';

/** A task input that does not match its schema: a bug in the definition, never retried. */
export class InvalidTaskInput extends Error {
  override name = 'InvalidTaskInput';
}

/** Storage or engine trouble that a retry may cure (throttling, a dropped connection). */
export class TransientStorageError extends Error {
  override name = 'TransientStorageError';
}

const TRANSIENT = new Set([
  'ProvisionedThroughputExceededException',
  'ThrottlingException',
  'RequestLimitExceeded',
  'InternalServerError',
  'ServiceUnavailable',
  'TransactionConflictException',
  'ECONNREFUSED',
  'ECONNRESET',
  'TimeoutError',
]);

export function taskHandler<S extends z.ZodType, R>(
  name: string,
  schema: S,
  run: (input: z.output<S>) => Promise<R>,
) {
  return async (event: unknown): Promise<R> => {
    // Every task's Parameters pass `executionName` from the context object, so its log lines can be
    // joined to the execution an operator is looking at.
    const executionName = (event as { executionName?: unknown } | null)?.executionName;
    const where = {
      task: name,
      executionName: typeof executionName === 'string' ? executionName : undefined,
    };
    // Every line the task writes, the use case's and the adapters' too, carries the task and execution.
    return withLogKeys(where, async () => {
      const input = schema.safeParse(event);
      if (!input.success) {
        throw new InvalidTaskInput(
          `${name}: ${input.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
        );
      }
      try {
        return await run(input.data);
      } catch (error) {
        const e = error as Error & { code?: string };
        logger.error('task failed', { errorName: e.name });
        if (TRANSIENT.has(e.name) || (e.code && TRANSIENT.has(e.code)))
          throw new TransientStorageError(`${name}: ${e.name}`);
        throw error;
      }
    });
  };
}
