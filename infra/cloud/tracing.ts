/**
 * X-Ray for the cloud's functions (they run with active tracing, nodejs-function.ts): every AWS SDK
 * client a function makes is captured by the Powertools Tracer (functions/adapters/clients.ts), so each
 * DynamoDB, S3, KMS, SQS and Step Functions call is a subsegment of the invocation, and webhook calls
 * over fetch are too. An entry opts in by passing its ports through `traced`; the local runtime never
 * does, so it neither loads the X-Ray SDK nor needs a daemon.
 */
import { Tracer } from '@aws-lambda-powertools/tracer';
import { captureClientsWith } from '#adapters/clients';
import { SERVICE_NAME } from '#contract/tables';

let tracer: Tracer | undefined;

/** The ports, unchanged, with every SDK client made from now on traced. */
export function traced<P>(ports: P): P {
  if (!tracer) {
    const made = new Tracer({ serviceName: SERVICE_NAME });
    captureClientsWith((client) => made.captureAWSv3Client(client));
    tracer = made;
  }
  return ports;
}
