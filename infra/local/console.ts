/**
 * The operators' console on the local runtime: built from console/ with esbuild at every start (so
 * `npm start` needs no build step and always serves the console of the checked-out sources) into
 * DATA_DIR/console, where functions/api/console.ts, served like every route, reads it. A console that
 * does not build stops the start with esbuild's errors, by file and line.
 */
import { join } from 'node:path';
import { buildConsole } from '../shared/console-bundle.ts';

/** The variable functions/api/console.ts reads the files' directory from. */
export const CONSOLE_ASSETS_DIR = 'CONSOLE_ASSETS_DIR';

export interface ConsoleBuild {
  /** The environment entry naming the built files, once they are written; rejects if the build failed. */
  done(): Promise<Record<string, string>>;
}

/** Starts the build at once (it runs while the engines start); `done` waits for it. */
export function startConsoleBuild(dataDir: string): ConsoleBuild {
  const built = buildConsole(join(dataDir, 'console')).then((dir) => {
    process.env[CONSOLE_ASSETS_DIR] = dir;
    return { [CONSOLE_ASSETS_DIR]: dir };
  });
  // Awaited by done(); a start that fails earlier must not also report an unhandled rejection.
  built.catch(() => undefined);
  return { done: () => built };
}
