/**
 * The operators' console in the cloud: the API serves it (functions/api/console.ts), from files CDK puts
 * beside the bundle of each function that serves it, as it puts the seeds (nodejs-function.ts). They are
 * built from console/ with the options the local runtime uses (infra/shared/console-bundle.ts), once per
 * synth, and only if CDK bundles one of those functions.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROUTE, type RouteSchema } from '#contract/routes';
import { buildConsoleSync } from '../shared/console-bundle.ts';

/** Where the handler looks beside its bundle (`/var/task/console`). */
export const CONSOLE_DIR_NAME = 'console';

const SERVED_BY = ROUTE.ConsolePage.handler.entry;

let built: string | undefined;

function builtConsole(): string {
  built ??= buildConsoleSync(mkdtempSync(join(tmpdir(), 'registry-console-')));
  return built;
}

/** The directories a route's function ships: the console's files for the routes that serve it. */
export function consoleDirectories(route: Pick<RouteSchema, 'handler'>) {
  return route.handler.entry === SERVED_BY ? [{ name: CONSOLE_DIR_NAME, build: builtConsole }] : [];
}
