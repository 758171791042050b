/**
 * The embedded runtime: DynamoDB Local, s3rver, the local Step Functions engine and the API server in one
 * process, wired so that the handlers find them exactly as they find AWS (endpoints in the environment,
 * read only by functions/adapters/clients.ts). The server is ready as soon as the engines are; executions
 * left running by the last stop resume in the background (engine.ts).
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { join, resolve } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { logger } from '#adapters/logger';
import { ROUTES } from '#contract/routes';
import { settingsEnvironment } from '#contract/settings';
import { BUCKETS, SERVICE_NAME, TABLES } from '#contract/tables';
import { WORKFLOWS } from '#contract/workflows';
import { handlers as executionIndexHandlers } from '#tasks/execution-index';
import { ensureBuckets, ensureTables } from './bootstrap.ts';
import { startConsoleBuild } from './console.ts';
import { useIssuer } from './dev-tokens.ts';
import { startDynamo } from './engines/dynamodb.ts';
import { startS3 } from './engines/s3.ts';
import { createApiServer, listen } from './http-server.ts';
import { type LocalIssuer, localIssuer } from './identity.ts';
import { preload, wire } from './lambda.ts';
import { answerParserErrors } from './parser-errors.ts';
import { localPorts } from './ports.ts';
import { startPushRelay } from './push-relay.ts';
import { RateLimiter } from './rate-limit.ts';
import { seedEnterprises } from './seed.ts';
import { drain, PHASE, Shutdown } from './shutdown.ts';
import { startStepFunctionsEndpoint } from './step-functions/endpoint.ts';
import { LocalStepFunctions, stateMachineArnOf } from './step-functions/engine.ts';
import { EXECUTIONS_TABLE, ExecutionLog } from './step-functions/execution-log.ts';
import { sweepAtBoot } from './sweep.ts';

const LOCAL_CREDENTIALS = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };

export interface RuntimeOptions {
  port: number;
  dataDir: string;
  /** Keep DynamoDB's data on disk under dataDir (npm start); false runs it in memory (tests). */
  persistent: boolean;
  /** Public-route requests per second per client; 0 turns the limit off. */
  rateLimitPerSecond?: number;
  /**
   * Relay the outbox to the departments (default true). The registration benchmark turns it off so that
   * the storage round trips it counts are the registration's own; the push has its own benchmark.
   */
  push?: boolean;
  /**
   * Attempts before a delivery parks as `failed` (default: the retry policy's 30, some 18 hours): a demo
   * or a browser test shortens it to see a failed delivery and redrive it (PUSH_MAX_ATTEMPTS).
   */
  pushMaxAttempts?: number;
}

export interface Runtime {
  url: string;
  dataDir: string;
  /** The environment the handlers run with: tests and benchmarks in other processes reuse it. */
  env: Record<string, string>;
  /**
   * Resolves, after the runtime is ready, with how many executions left running by the last stop were
   * started again, once each is back in its wait (or has ended).
   */
  resumed: Promise<number>;
  engine: LocalStepFunctions;
  /** DynamoDB Local's process id (benchmarks read its memory). */
  dynamoPid: number | undefined;
  /** Idempotent; never rejects. */
  stop(): Promise<void>;
}

/** Refuses a second runtime on the same data directory: it would end the first one's engine. */
function lockDataDir(dataDir: string): () => void {
  const file = join(dataDir, 'runtime.pid');
  if (existsSync(file)) {
    const pid = Number(readFileSync(file, 'utf8'));
    let alive = false;
    if (pid !== process.pid && Number.isInteger(pid) && pid > 0) {
      try {
        process.kill(pid, 0);
        alive = true;
      } catch {
        alive = false;
      }
    }
    if (alive)
      throw new Error(`another local runtime (pid ${pid}) is using ${dataDir}; stop it or set DATA_DIR`);
  }
  writeFileSync(file, String(process.pid));
  return () => rmSync(file, { force: true });
}

/** The API server listens first, answering 503 on /healthz until every engine is up. */
async function startServer(options: RuntimeOptions, isReady: () => boolean) {
  const issuerBox: { current?: LocalIssuer } = {};
  const rate = options.rateLimitPerSecond ?? 50;
  const server: Server = createApiServer({
    routes: ROUTES,
    issuer: {
      issuer: '',
      sign: (c) => issuerBox.current!.sign(c),
      verify: (t) => issuerBox.current!.verify(t),
    },
    isReady,
    rateLimit: new RateLimiter(rate, Math.max(1, rate * 2)),
  });
  answerParserErrors(server);
  const url = await listen(server, options.port);
  return { server, url, issuerBox };
}

function environmentFor(dynamoEndpoint: string, s3Endpoint: string): Record<string, string> {
  const env: Record<string, string> = {
    AWS_REGION: 'us-east-1',
    // s3rver accepts only its own default key; DynamoDB Local accepts any.
    AWS_ACCESS_KEY_ID: LOCAL_CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: LOCAL_CREDENTIALS.secretAccessKey,
    AWS_ENDPOINT_URL_DYNAMODB: dynamoEndpoint,
    AWS_ENDPOINT_URL_S3: s3Endpoint,
    // Every setting the local runtime sets, from the one list (contract/settings.ts).
    ...settingsEnvironment('local', process.env),
    POWERTOOLS_SERVICE_NAME: SERVICE_NAME,
  };
  for (const t of TABLES) env[t.envVar] = t.id;
  for (const b of BUCKETS) env[b.envVar] = b.id;
  for (const w of WORKFLOWS) env[w.envVar] = stateMachineArnOf(w);
  return env;
}

/** DynamoDB Local and s3rver, the tables and buckets in them, and the environment that names them. */
async function startStores(options: RuntimeOptions, dataDir: string, shutdown: Shutdown) {
  const [dynamo, s3] = await Promise.all([
    startDynamo(options.persistent ? join(dataDir, 'dynamodb') : undefined, dataDir),
    startS3(join(dataDir, 's3')),
  ]);
  shutdown.add(PHASE.engines, 'dynamodb', dynamo.stop);
  shutdown.add(PHASE.engines, 's3', s3.stop);
  const env = environmentFor(dynamo.endpoint, s3.endpoint);
  Object.assign(process.env, env);
  // The logger was built at import time; the level chosen for this runtime applies from here on.
  logger.setLogLevel(env.LOG_LEVEL as 'WARN');
  const credentials = LOCAL_CREDENTIALS;
  const db = new DynamoDBClient({ endpoint: dynamo.endpoint, region: 'us-east-1', credentials });
  const s3Client = new S3Client({
    endpoint: s3.endpoint,
    region: 'us-east-1',
    credentials,
    forcePathStyle: true,
  });
  shutdown.add(PHASE.clients, 'clients', () => {
    db.destroy();
    s3Client.destroy();
  });
  await Promise.all([ensureTables(db, [...TABLES, EXECUTIONS_TABLE]), ensureBuckets(s3Client, BUCKETS)]);
  return { env, db, dynamoPid: dynamo.pid };
}

/** The local Step Functions engine and its API endpoint; nothing is resumed yet. */
async function startWorkflows(db: DynamoDBClient, env: Record<string, string>, shutdown: Shutdown) {
  const engine = new LocalStepFunctions(new ExecutionLog(DynamoDBDocumentClient.from(db)));
  for (const w of WORKFLOWS) engine.register(w);
  shutdown.add(PHASE.workflows, 'workflows', () => engine.shutdown());
  const sfn = await startStepFunctionsEndpoint(engine);
  shutdown.add(PHASE.endpoints, 'step-functions endpoint', () => drain(sfn.server, 1000));
  env.AWS_ENDPOINT_URL_SFN = sfn.url;
  process.env.AWS_ENDPOINT_URL_SFN = sfn.url;
  return engine;
}

export async function startRuntime(options: RuntimeOptions): Promise<Runtime> {
  const dataDir = resolve(options.dataDir);
  mkdirSync(dataDir, { recursive: true });
  const shutdown = new Shutdown();
  shutdown.add(PHASE.lock, 'lock', lockDataDir(dataDir));
  const stop = () => shutdown.run();
  const consoleBuild = startConsoleBuild(dataDir);
  try {
    let ready = false;
    const { server, url, issuerBox } = await startServer(options, () => ready);
    shutdown.add(PHASE.server, 'api server', () => drain(server));
    const { env, db, dynamoPid } = await startStores(options, dataDir, shutdown);

    const ports = localPorts({ dataDir, publicUrl: url });
    wire(ports);
    await seedEnterprises(ports);
    // The token service's issuer: the server's own URL, its key under dataDir (identity.ts).
    issuerBox.current = localIssuer(ports);
    useIssuer(issuerBox.current);

    const engine = await startWorkflows(db, env, shutdown);
    // The execution index is written from the engine's status changes, as EventBridge feeds it in the cloud.
    const { statusChanged } = executionIndexHandlers(ports);
    engine.onStatusChange(statusChanged);
    Object.assign(env, await consoleBuild.done());
    await preload([...ROUTES.map((r) => r.handler), ...WORKFLOWS.flatMap((w) => Object.values(w.tasks))]);
    ready = true;
    // The department push runs on its own: a department that is down never holds up a registration.
    if (options.push !== false) {
      const relay = startPushRelay(ports, {
        db,
        endpoint: env.AWS_ENDPOINT_URL_DYNAMODB!,
        ...(options.pushMaxAttempts !== undefined ? { maxAttempts: options.pushMaxAttempts } : {}),
      });
      shutdown.add(PHASE.workflows, 'push relay', () => relay.stop());
    }
    const resumed = engine.resume().catch((error: Error) => {
      logger.error('could not resume the executions left running', { error });
      return 0;
    });
    // Then the starts owed by cases whose workflow start never happened (the last process died between).
    void resumed.then(() => sweepAtBoot(ports));
    // A data directory from before the execution index: its executions are indexed once, in the background.
    void resumed
      .then(() => engine.backfillIndex())
      .then((n) => n > 0 && logger.info('execution index: past executions indexed', { count: n }))
      .catch((error: Error) => logger.error('could not index the past executions', { error }));
    return { url, dataDir, env, resumed, engine, dynamoPid, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
