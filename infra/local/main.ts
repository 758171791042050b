/**
 * `npm start`: the whole platform on this machine, on its embedded engines. PORT (default 3000) and
 * DATA_DIR (default .data) are honoured, so several copies can run side by side.
 *
 * SIGINT, SIGTERM and SIGHUP, to this process or to its whole group (a terminal's Ctrl+C), stop it the same
 * way, once: one line, the server drained, the workflows suspended, the engines ended, no pid file left.
 */
import { type Runtime, startRuntime } from './runtime.ts';

const port = Number(process.env.PORT ?? 3000);
const dataDir = process.env.DATA_DIR ?? '.data';
/** A stop that has not finished by then ends the process anyway (an engine that does not answer). */
const STOP_DEADLINE_MS = 20_000;

if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`PORT must be a port number, got '${process.env.PORT}'`);
  process.exit(2);
}

function banner(runtime: Runtime, ms: number): string {
  return [
    `One-stop business registration is running (started in ${ms} ms).`,
    `  Online hall API   ${runtime.url}/v1/…`,
    `  OpenAPI contract  ${runtime.url}/openapi.json`,
    `  Health            ${runtime.url}/healthz`,
    `  Local tokens      POST ${runtime.url}/v1/dev/tokens  {"role":"applicant","sub":"alice"}`,
    `  Operators         GET ${runtime.url}/v1/ops/executions  (operator token)`,
    `  Console           ${runtime.url}/console  (operators' web console; docs/console.md)`,
    `  Data              ${runtime.dataDir}  (DynamoDB Local, s3rver, keys; delete it to start afresh)`,
    'Press Ctrl+C to stop.',
  ].join('\n');
}

/** Installed before the engines start, so a signal during the start still ends them (once they are up). */
function stopOnSignals(): (runtime: Runtime) => void {
  let stopping = false;
  let runtime: Runtime | undefined;
  const stopRuntime = (r: Runtime) => {
    setTimeout(() => process.exit(1), STOP_DEADLINE_MS).unref();
    void r.stop().then(() => process.exit(0));
  };
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return; // Ctrl+C under npm arrives twice: from the terminal and forwarded by npm
    stopping = true;
    console.log(`\n${signal}: stopping; running workflows are kept and resume at the next start.`);
    if (runtime) stopRuntime(runtime);
  };
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, stop);
  return (r) => {
    runtime = r;
    if (stopping) stopRuntime(r);
  };
}

const started = Date.now();
const ready = stopOnSignals();
try {
  const runtime = await startRuntime({
    port,
    dataDir,
    persistent: true,
    rateLimitPerSecond: Number(process.env.RATE_LIMIT_PER_SECOND ?? 50),
    ...(process.env.PUSH_MAX_ATTEMPTS ? { pushMaxAttempts: Number(process.env.PUSH_MAX_ATTEMPTS) } : {}),
  });
  console.log(banner(runtime, Date.now() - started));
  ready(runtime);
  void runtime.resumed.then((count) => {
    if (count) console.log(`Resumed ${count} workflow execution(s) left running by the last stop.`);
  });
} catch (error) {
  console.error(`Could not start: ${(error as Error).message}`);
  process.exit(1);
}
