/**
 * The one way this app makes a Lambda function, shared by the API and workflow stacks: Node.js 22 on
 * arm64 (the major the tests run on), bundled locally by esbuild as ESM from the same sources the local
 * runtime runs, its own log group, and its own role that can write to that log group and nothing else
 * until a grant adds exactly what the function touches.
 */
import { join } from 'node:path';
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import {
  ApplicationLogLevel,
  Architecture,
  LoggingFormat,
  Runtime,
  SystemLogLevel,
  Tracing,
} from 'aws-cdk-lib/aws-lambda';
import { type BundlingOptions, LogLevel, NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import { REPO_ROOT } from '#contract/workflows';
import { ASSET_PACKAGE_JSON, externalsOf, LAMBDA_BUNDLE, SEEDS_DIR } from './bundling.ts';
import { acknowledge } from './nag.ts';

export interface HandlerRef {
  /** Source file, relative to the repository root. */
  entry: string;
  /** The exported handler. */
  export: string;
}

export interface RegistryFunctionProps {
  handler: HandlerRef;
  description: string;
  environment: Record<string, string>;
  timeout?: Duration;
  memorySize?: number;
  /**
   * Files copied beside the bundle (`/var/task/<name>` at run time) and named to the function by an
   * environment variable each: the license fonts, which must not be inlined into the JavaScript.
   */
  files?: ReadonlyArray<{ source: string; name: string; envVar: string }>;
  /**
   * Directories made when CDK bundles the function and copied beside the bundle (`/var/task/<name>`),
   * where the handler finds them next to its own module: the operators' console (console-assets.ts).
   */
  directories?: ReadonlyArray<{ name: string; build: () => string }>;
}

/** Where Lambda unpacks a function's bundle. */
const TASK_ROOT = '/var/task';

const shellQuote = (path: string) => `'${path.replace(/'/g, "'\\''")}'`;

export const RUNTIME = Runtime.NODEJS_22_X;

function logLevelOf(environment: Record<string, string>): 'DEBUG' | 'INFO' | 'WARN' | 'ERROR' {
  const level = environment.LOG_LEVEL ?? 'INFO';
  if (level === 'DEBUG' || level === 'INFO' || level === 'WARN' || level === 'ERROR') return level;
  throw new Error(`LOG_LEVEL '${level}' is not one of DEBUG, INFO, WARN, ERROR`);
}

/**
 * The Lambda entry of a handler module: a file beside the cloud's composition root that calls the
 * module's `handlers` with the cloud's ports (`functions/api/names.ts` → `infra/cloud/entries/api-names.ts`).
 */
export function cloudEntryOf(handlerModule: string): string {
  const [layer, file] = handlerModule.split('/').slice(-2) as [string, string];
  return join('infra', 'cloud', 'entries', `${layer}-${file}`);
}

const CDK_FORMAT = { esm: OutputFormat.ESM } as const;
const CDK_LOG_LEVEL = { warning: LogLevel.WARNING } as const;

/**
 * LAMBDA_BUNDLE (bundling.ts) in CDK's terms, with the seeds and the function's files and directories copied
 * beside the bundle. Every option is taken apart by name, so one added there fails to compile until it is
 * mapped here.
 */
function cdkBundling(
  entry: string,
  files: NonNullable<RegistryFunctionProps['files']>,
  directories: NonNullable<RegistryFunctionProps['directories']> = [],
): BundlingOptions {
  const {
    bundle: _bundledByCdk,
    platform: _alwaysNodeInCdk,
    format,
    target,
    mainFields,
    banner,
    minify,
    sourcemap,
    sourcesContent,
    charset,
    external: _perEntry,
    alias,
    loader,
    tsconfig,
    logLevel,
    ...unmapped
  } = LAMBDA_BUNDLE;
  unmapped satisfies Record<string, never>;
  return {
    format: CDK_FORMAT[format],
    target,
    mainFields: [...mainFields],
    banner: banner.js,
    minify,
    sourceMap: sourcemap,
    sourcesContent,
    // CDK declares a `charset` option but does not pass it to esbuild (aws-cdk-lib 2.276): say it directly.
    esbuildArgs: {
      '--charset': charset,
      '--alias': Object.entries(alias).map(([from, to]) => `${from}=${to}`),
    },
    loader: { ...loader },
    // Set, CDK bundles the SDK too: only these stay out (the runtime's SDK too, for the one entry that needs it).
    externalModules: externalsOf(entry),
    tsconfig,
    logLevel: CDK_LOG_LEVEL[logLevel],
    commandHooks: {
      beforeBundling: () => [],
      beforeInstall: () => [],
      // `input` is the repository root, locally or as mounted in a bundling container.
      afterBundling: (input: string, output: string) => [
        `cp -R ${shellQuote(join(input, SEEDS_DIR))} ${shellQuote(join(output, SEEDS_DIR))}`,
        `printf '%s' ${shellQuote(ASSET_PACKAGE_JSON)} > ${shellQuote(join(output, 'package.json'))}`,
        ...files.map((f) => `cp ${shellQuote(f.source)} ${shellQuote(join(output, f.name))}`),
        // Built here, as the bundle is: a synth that skips bundling builds nothing.
        ...directories.map((d) => `cp -R ${shellQuote(d.build())} ${shellQuote(join(output, d.name))}`),
      ],
    },
  };
}

export function registryFunction(scope: Construct, id: string, props: RegistryFunctionProps): NodejsFunction {
  const logGroup = new LogGroup(scope, `${id}Logs`, {
    retention: RetentionDays.SIX_MONTHS,
    removalPolicy: RemovalPolicy.RETAIN,
  });
  const role = new Role(scope, `${id}Role`, {
    assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
    description: `Runs ${props.handler.entry}#${props.handler.export}`,
  });
  logGroup.grantWrite(role);

  const fn = new NodejsFunction(scope, id, {
    description: props.description,
    entry: join(REPO_ROOT, cloudEntryOf(props.handler.entry)),
    handler: props.handler.export,
    runtime: RUNTIME,
    architecture: Architecture.ARM_64,
    memorySize: props.memorySize ?? 512,
    timeout: props.timeout ?? Duration.seconds(10),
    role,
    logGroup,
    loggingFormat: LoggingFormat.JSON,
    // Powertools filters by LOG_LEVEL itself; Lambda lets INFO through at least, because the metrics'
    // embedded-metric-format lines carry no level and count as INFO (functions/adapters/metrics-emf.ts).
    applicationLogLevelV2:
      logLevelOf(props.environment) === 'DEBUG' ? ApplicationLogLevel.DEBUG : ApplicationLogLevel.INFO,
    systemLogLevelV2: SystemLogLevel.WARN,
    tracing: Tracing.ACTIVE,
    environment: {
      ...props.environment,
      ...Object.fromEntries((props.files ?? []).map((f) => [f.envVar, `${TASK_ROOT}/${f.name}`])),
      NODE_OPTIONS: '--enable-source-maps',
    },
    projectRoot: REPO_ROOT,
    depsLockFilePath: join(REPO_ROOT, 'package-lock.json'),
    bundling: cdkBundling(cloudEntryOf(props.handler.entry), props.files ?? [], props.directories ?? []),
  });

  acknowledge(
    fn,
    'AwsSolutions-L1',
    'Node.js 22 on purpose: the tests run on Node 22 (the node@22 dev dependency), so Lambda runs the major that was tested. Moving to 24 is a project decision that moves both together.',
  );
  acknowledge(
    role,
    'AwsSolutions-IAM5[Resource::*]',
    'Active X-Ray tracing: xray:PutTraceSegments and xray:PutTelemetryRecords support no resource-level permissions, so the statement CDK adds for Tracing.ACTIVE must name Resource "*". It grants nothing else.',
  );
  return fn;
}
