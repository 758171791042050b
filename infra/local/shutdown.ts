/**
 * The local runtime's stop, in order: the API server drains first (no request reaches an engine that is
 * going away), then the workflows are suspended and their log flushed while DynamoDB Local still runs,
 * then the engines end, and the data directory's lock goes last. Stopping twice is stopping once (a
 * terminal's Ctrl+C reaches the process once from the terminal and once more from npm), and a step that
 * fails (an engine already gone) does not keep the later ones from running.
 */
import type { Server } from 'node:http';
import { logger } from '#adapters/logger';

export const PHASE = {
  server: 0,
  workflows: 1,
  endpoints: 2,
  clients: 3,
  engines: 4,
  lock: 5,
} as const;

type Step = { phase: number; name: string; run: () => Promise<void> | void };

export class Shutdown {
  private readonly steps: Step[] = [];
  private stopping: Promise<void> | undefined;

  add(phase: number, name: string, run: Step['run']): void {
    this.steps.push({ phase, name, run });
  }

  /** Runs every step once, by phase, later-registered first within a phase; never rejects. */
  run(): Promise<void> {
    this.stopping ??= (async () => {
      const ordered = this.steps
        .map((step, i) => ({ step, i }))
        .sort((a, b) => a.step.phase - b.step.phase || b.i - a.i)
        .map(({ step }) => step);
      for (const step of ordered) {
        try {
          await step.run();
        } catch (error) {
          // An engine already gone (ECONNREFUSED) is what a stop can meet; nothing is lost by it: the
          // execution log's last state is what the next start resumes from.
          logger.debug('a stop step failed', { step: step.name, error: error as Error });
        }
      }
    })();
    return this.stopping;
  }
}

/** Stops accepting connections and waits for the requests in flight, at most `graceMs`. */
export function drain(server: Server, graceMs = 5000): Promise<void> {
  return new Promise<void>((done) => {
    if (!server.listening) return done();
    const timer = setTimeout(() => server.closeAllConnections(), graceMs);
    timer.unref();
    server.close(() => {
      clearTimeout(timer);
      done();
    });
    server.closeIdleConnections();
  });
}
