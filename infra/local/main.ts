/**
 * `npm start`: the whole platform on this machine, on its embedded engines. PORT (default 3000) and
 * DATA_DIR (default .data) are honoured, so several copies can run side by side.
 */
import { startRuntime } from './runtime.ts';

const port = Number(process.env.PORT ?? 3000);
const dataDir = process.env.DATA_DIR ?? '.data';

if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`PORT must be a port number, got '${process.env.PORT}'`);
  process.exit(2);
}

try {
  const started = Date.now();
  const runtime = await startRuntime({
    port,
    dataDir,
    persistent: true,
    rateLimitPerSecond: Number(process.env.RATE_LIMIT_PER_SECOND ?? 50),
  });
  const ms = Date.now() - started;
  console.log(
    [
      `One-stop business registration is running (started in ${ms} ms).`,
      `  Online hall API   ${runtime.url}/v1/…`,
      `  OpenAPI contract  ${runtime.url}/openapi.json`,
      `  Health            ${runtime.url}/healthz`,
      `  Local tokens      POST ${runtime.url}/v1/dev/tokens  {"role":"applicant","sub":"alice"}`,
      `  Operators         GET ${runtime.url}/v1/ops/executions  (operator token)`,
      `  Data              ${runtime.dataDir}  (DynamoDB Local, s3rver, keys; delete it to start afresh)`,
      runtime.resumedExecutions
        ? `  Resumed ${runtime.resumedExecutions} workflow execution(s) left running by the last stop.`
        : '',
      'Press Ctrl+C to stop.',
    ]
      .filter(Boolean)
      .join('\n'),
  );
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: stopping; running workflows are kept and resume at the next start.`);
    await runtime.stop();
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
} catch (error) {
  console.error(`Could not start: ${(error as Error).message}`);
  process.exit(1);
}
