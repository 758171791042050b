import { AsyncLocalStorage } from 'node:async_hooks';
import { LogFormatter, Logger, LogItem } from '@aws-lambda-powertools/logger';
import type { LogAttributes, UnformattedAttributes } from '@aws-lambda-powertools/logger/types';

/**
 * Keys that belong to one unit of work (a workflow task's execution), kept per async context rather than
 * on the shared logger: the local runtime runs many executions' tasks at once in one process, where
 * `appendKeys` would stamp one execution's id on another's lines.
 */
const workKeys = new AsyncLocalStorage<LogAttributes>();

/** Runs `work` with `keys` on every log line it writes, down to the adapters it calls. */
export function withLogKeys<T>(keys: LogAttributes, work: () => Promise<T>): Promise<T> {
  return workKeys.run({ ...workKeys.getStore(), ...keys }, work);
}

/**
 * Powertools' standard JSON line, with the unit of work's keys added before the call's own (which win).
 * Written out because Powertools exports only the abstract formatter; the keys are its documented ones.
 */
class RegistryLogFormatter extends LogFormatter {
  formatAttributes(attributes: UnformattedAttributes, additional: LogAttributes): LogItem {
    const lambda = attributes.lambdaContext;
    return new LogItem({
      attributes: {
        level: attributes.logLevel,
        message: attributes.message,
        timestamp: this.formatTimestamp(attributes.timestamp),
        service: attributes.serviceName,
        cold_start: lambda?.coldStart,
        function_arn: lambda?.invokedFunctionArn,
        function_memory_size: lambda?.memoryLimitInMB,
        function_name: lambda?.functionName,
        function_request_id: lambda?.awsRequestId,
        sampling_rate: attributes.sampleRateValue,
        xray_trace_id: attributes.xRayTraceId,
      },
    }).addAttributes({ ...workKeys.getStore(), ...additional });
  }
}

/**
 * One logger per process. Log lines carry ids (request, execution, record), never a request body and
 * never an identity number: callers log what they choose, field by field.
 */
export const logger = new Logger({
  serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? 'one-stop-registry',
  logLevel: (process.env.LOG_LEVEL as 'INFO' | 'DEBUG' | 'WARN' | 'ERROR' | undefined) ?? 'INFO',
  logFormatter: new RegistryLogFormatter(),
});
