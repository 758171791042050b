import { Logger } from '@aws-lambda-powertools/logger';

/**
 * One logger per process. Log lines carry ids (request, execution, record), never a request body and
 * never an identity number: callers log what they choose, field by field.
 */
export const logger = new Logger({
  serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? 'one-stop-registry',
  logLevel: (process.env.LOG_LEVEL as 'INFO' | 'DEBUG' | 'WARN' | 'ERROR' | undefined) ?? 'INFO',
});
