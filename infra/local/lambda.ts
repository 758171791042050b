/**
 * Invokes the same Lambda handlers the cloud deploys, in-process. A result goes through JSON as it does
 * in Lambda, so a handler cannot hand the runtime an object the cloud would not carry.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Context } from 'aws-lambda';
import { REPO_ROOT } from '#contract/workflows';
import type { Ports } from '#ports/ports';

type Handler = (event: unknown, context: Context) => Promise<unknown>;

export interface HandlerRef {
  entry: string;
  export: string;
}

type HandlerModule = { handlers: (ports: Ports) => Record<string, unknown> };

const modules = new Map<string, Promise<Record<string, unknown>>>();
let wired: Ports | undefined;

/** The ports every handler module is built with, from here on (the local composition root's). */
export function wire(ports: Ports): void {
  wired = ports;
  modules.clear();
}

async function load(ref: HandlerRef): Promise<Handler> {
  let module = modules.get(ref.entry);
  if (!module) {
    const ports = wired;
    if (!ports) throw new Error('the local runtime has not wired its ports yet');
    module = (import(pathToFileURL(resolve(REPO_ROOT, ref.entry)).href) as Promise<HandlerModule>).then((m) =>
      m.handlers(ports),
    );
    modules.set(ref.entry, module);
  }
  const handler = (await module)[ref.export];
  if (typeof handler !== 'function')
    throw new Error(`${ref.entry} does not export a handler '${ref.export}'`);
  return handler as Handler;
}

function contextFor(ref: HandlerRef, timeoutMs: number): Context {
  const deadline = Date.now() + timeoutMs;
  const name = `${ref.entry.replace(/[^A-Za-z0-9]+/g, '-')}-${ref.export}`;
  return {
    callbackWaitsForEmptyEventLoop: false,
    functionName: name,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:us-east-1:000000000000:function:${name}`,
    memoryLimitInMB: '1024',
    awsRequestId: randomUUID(),
    logGroupName: `/aws/lambda/${name}`,
    logStreamName: 'local',
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}

/**
 * The handler whose invocation is running, for whatever the engines' clients want to attribute to a
 * function: the integration tier holds each call to the table against the function's declared grants
 * (tests/integration/table-access.ts), as IAM does in the cloud.
 */
export const invocation = new AsyncLocalStorage<HandlerRef>();

export async function invoke(ref: HandlerRef, event: unknown, timeoutMs = 30_000): Promise<unknown> {
  const handler = await load(ref);
  const result = await invocation.run(ref, () => handler(event, contextFor(ref, timeoutMs)));
  return result === undefined ? null : JSON.parse(JSON.stringify(result));
}

/** Loads every handler up front, so a broken import fails `npm start` instead of a user's request. */
export async function preload(refs: HandlerRef[]): Promise<void> {
  await Promise.all(refs.map(load));
}
