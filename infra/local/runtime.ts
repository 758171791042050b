/**
 * The embedded runtime: DynamoDB Local, s3rver, the local Step Functions engine and the API server in one
 * process, wired so that the handlers find them exactly as they find AWS (endpoints in the environment,
 * read only by functions/adapters/clients.ts).
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
import { ensureBuckets, ensureTables } from './bootstrap.ts';
import { useIssuer } from './dev-tokens.ts';
import { startDynamo } from './engines/dynamodb.ts';
import { startS3 } from './engines/s3.ts';
import { answerParserErrors, createApiServer, listen } from './http-server.ts';
import { localIssuer } from './identity.ts';
import { preload, wire } from './lambda.ts';
import { localPorts } from './ports.ts';
import { RateLimiter } from './rate-limit.ts';
import { seedEnterprises } from './seed.ts';
import { startStepFunctionsEndpoint } from './step-functions/endpoint.ts';
import { LocalStepFunctions, stateMachineArnOf } from './step-functions/engine.ts';
import { EXECUTIONS_TABLE, ExecutionLog } from './step-functions/execution-log.ts';

const LOCAL_CREDENTIALS = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };

export interface RuntimeOptions {
  port: number;
  dataDir: string;
  /** Keep DynamoDB's data on disk under dataDir (npm start); false runs it in memory (tests). */
  persistent: boolean;
  /** Public-route requests per second per client; 0 turns the limit off. */
  rateLimitPerSecond?: number;
}

export interface Runtime {
  url: string;
  dataDir: string;
  /** The environment the handlers run with: tests and benchmarks in other processes reuse it. */
  env: Record<string, string>;
  resumedExecutions: number;
  engine: LocalStepFunctions;
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

export async function startRuntime(options: RuntimeOptions): Promise<Runtime> {
  const dataDir = resolve(options.dataDir);
  mkdirSync(dataDir, { recursive: true });
  const unlock = lockDataDir(dataDir);
  const cleanups: (() => Promise<void> | void)[] = [unlock];
  const stopAll = async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
  };
  try {
    let ready = false;
    // The API server listens first, answering 503 on /healthz until every engine is up.
    const issuerBox: { current?: Awaited<ReturnType<typeof localIssuer>> } = {};
    const server: Server = createApiServer({
      routes: ROUTES,
      issuer: {
        issuer: '',
        sign: (c) => issuerBox.current!.sign(c),
        verify: (t) => issuerBox.current!.verify(t),
      },
      isReady: () => ready,
      rateLimit: new RateLimiter(
        options.rateLimitPerSecond ?? 50,
        Math.max(1, (options.rateLimitPerSecond ?? 50) * 2),
      ),
    });
    answerParserErrors(server);
    const url = await listen(server, options.port);
    cleanups.push(() => new Promise<void>((done) => server.close(() => done())));
    server.closeIdleConnections?.();

    const [dynamo, s3] = await Promise.all([
      startDynamo(options.persistent ? join(dataDir, 'dynamodb') : undefined, dataDir),
      startS3(join(dataDir, 's3')),
    ]);
    cleanups.push(dynamo.stop, s3.stop);

    const env: Record<string, string> = {
      AWS_REGION: 'us-east-1',
      // s3rver accepts only its own default key; DynamoDB Local accepts any.
      AWS_ACCESS_KEY_ID: LOCAL_CREDENTIALS.accessKeyId,
      AWS_SECRET_ACCESS_KEY: LOCAL_CREDENTIALS.secretAccessKey,
      AWS_ENDPOINT_URL_DYNAMODB: dynamo.endpoint,
      AWS_ENDPOINT_URL_S3: s3.endpoint,
      // Every setting the local runtime sets, from the one list (contract/settings.ts).
      ...settingsEnvironment('local', process.env),
      POWERTOOLS_SERVICE_NAME: SERVICE_NAME,
    };
    for (const t of TABLES) env[t.envVar] = t.id;
    for (const b of BUCKETS) env[b.envVar] = b.id;
    for (const w of WORKFLOWS) env[w.envVar] = stateMachineArnOf(w);
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
    cleanups.push(() => {
      db.destroy();
      s3Client.destroy();
    });
    await Promise.all([ensureTables(db, [...TABLES, EXECUTIONS_TABLE]), ensureBuckets(s3Client, BUCKETS)]);

    const ports = localPorts(join(dataDir, 'keys', 'sealing-key'));
    wire(ports);
    await seedEnterprises(ports);

    issuerBox.current = await localIssuer(dataDir, `${url}/local-issuer`);
    useIssuer(issuerBox.current);

    const engine = new LocalStepFunctions(new ExecutionLog(DynamoDBDocumentClient.from(db)));
    for (const w of WORKFLOWS) engine.register(w);
    const sfn = await startStepFunctionsEndpoint(engine);
    env.AWS_ENDPOINT_URL_SFN = sfn.url;
    process.env.AWS_ENDPOINT_URL_SFN = sfn.url;
    cleanups.push(
      () => new Promise<void>((done) => sfn.server.close(() => done())),
      () => engine.shutdown(),
    );

    await preload([...ROUTES.map((r) => r.handler), ...WORKFLOWS.flatMap((w) => Object.values(w.tasks))]);
    const resumedExecutions = await engine.resume();
    ready = true;
    return { url, dataDir, env, resumedExecutions, engine, stop: stopAll };
  } catch (error) {
    await stopAll().catch(() => undefined);
    throw error;
  }
}
