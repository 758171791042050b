/**
 * `npm run bench:registration`: end-to-end registration latency on the local runtime, auto-approval path:
 * from POST /v1/registrations to the execution's last state (the case `registered`). Prints p50/p99 and
 * throughput, the storage round trips and state transitions per registration (every write on the path,
 * the notice included), and the floor: the sum of those round trips' single-call latencies measured
 * alone on the same engines in the same run (what this path cannot beat). It runs with DynamoDB on disk,
 * as `npm start` does, and in memory beside it; BENCH_STORAGE=disk|memory picks one.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GetCommand, PutCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { dynamoDocumentClient, roundTripsByCommand } from '#adapters/clients';
import { startRuntime } from '#local/runtime';
import { application } from '../tests/unit/registration/fixtures.ts';

process.env.LOG_LEVEL ??= 'WARN';
process.env.NAME_RESERVATION_PREAPPROVAL_PERIOD ??= 'PT3600S';
const N = Number(process.env.BENCH_REGISTRATIONS ?? 60);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 4);
const STORAGES = (process.env.BENCH_STORAGE ?? 'disk,memory').split(',') as ('disk' | 'memory')[];
let header = false;

for (const storage of STORAGES) await bench(storage);

async function bench(storage: 'disk' | 'memory') {
  const dataDir = mkdtempSync(join(tmpdir(), 'registry-bench-reg-'));
  const runtime = await startRuntime({
    port: 0,
    dataDir,
    persistent: storage === 'disk',
    rateLimitPerSecond: 0,
  });

  const j = async (method: string, path: string, body?: unknown, token?: string) => {
    const r = await fetch(runtime.url + path, {
      method,
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
    return (await r.json()) as Record<string, unknown> & { id: string };
  };
  const percentile = (xs: number[], p: number) =>
    [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))] ?? 0;
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

  try {
    const token = String((await j('POST', '/v1/dev/tokens', { role: 'applicant', sub: 'bench' })).token);
    const materials: string[] = [];
    for (const kind of [
      'application_form',
      'articles_of_association',
      'investor_identity',
      'domicile_commitment',
      'appointment_documents',
      'officers_identity',
    ]) {
      const bytes = Buffer.from(`bench ${kind}`);
      const m = await j(
        'POST',
        '/v1/materials',
        {
          kind,
          fileName: `${kind}.pdf`,
          contentType: 'application/pdf',
          size: bytes.length,
          sha256: createHash('sha256').update(bytes).digest('hex'),
        },
        token,
      );
      await fetch(String(m.uploadUrl), {
        method: 'PUT',
        headers: m.requiredHeaders as Record<string, string>,
        body: bytes,
      });
      materials.push(String(m.materialId));
    }
    // Names of distinct syllables and equal length: none similar to another, so every case is standard.
    const pool = [...'甲乙丙丁戊己庚辛壬癸琅瑙珀璞翡翠棠楸榕槐'];
    const names: string[] = [];
    for (let a = 0; a < 20; a++)
      for (let b = a + 1; b < 20; b++)
        for (let c = b + 1; c < 20 && names.length < N + 5; c++)
          names.push(`深圳市${pool[a]}${pool[b]}${pool[c]}科技有限公司`);
    const reservations: string[] = [];
    for (const name of names)
      reservations.push(
        (
          await j(
            'POST',
            '/v1/names/reservations',
            { name, division: '440305', entityType: 'limited_liability_company', preApprovalRequired: true },
            token,
          )
        ).id,
      );

    const register = async (reservationId: string) => {
      const started = performance.now();
      const r = await j(
        'POST',
        '/v1/registrations',
        { ...application('limited_liability_company'), reservationId, materials },
        token,
      );
      const arn = `${runtime.env.REGISTRATION_STATE_MACHINE_ARN!.replace(':stateMachine:', ':execution:')}:registration--${r.id}`;
      await runtime.engine.ended(arn);
      const ms = performance.now() - started;
      const record = await runtime.engine.settled(arn);
      return { ms, arn, ok: record.status === 'SUCCEEDED' };
    };
    for (const id of reservations.slice(0, 5)) await register(id); // warm up

    const before = roundTripsByCommand();
    const latencies: number[] = [];
    const arns: string[] = [];
    let failed = 0;
    let next = 5;
    const t0 = performance.now();
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (next < reservations.length) {
          const r = await register(reservations[next++]!);
          latencies.push(r.ms);
          arns.push(r.arn);
          if (!r.ok) failed++;
        }
      }),
    );
    const seconds = (performance.now() - t0) / 1000;
    const after = roundTripsByCommand();
    const perCommand = new Map<string, number>();
    for (const [k, v] of after) perCommand.set(k, (v - (before.get(k) ?? 0)) / latencies.length);
    const trips = [...perCommand.values()].reduce((a, b) => a + b, 0);
    const transitions = mean(
      await Promise.all(
        arns.map(
          async (arn) =>
            (await runtime.engine.history(arn)).filter((e) => e.type.endsWith('StateEntered')).length,
        ),
      ),
    );

    // The floor: each kind of round trip measured alone, serially, on the same engines.
    const db = dynamoDocumentClient();
    const time = async (f: () => Promise<unknown>, n = 100) => {
      for (let i = 0; i < 20; i++) await f();
      const t = performance.now();
      for (let i = 0; i < n; i++) await f();
      return (performance.now() - t) / n;
    };
    const key = (i: number) => ({ pk: `BENCHFLOOR#${i % 50}`, sk: 'X' });
    let i = 0;
    const single: Record<string, number> = {
      GetItemCommand: await time(() => db.send(new GetCommand({ TableName: 'registry', Key: key(i++) }))),
      PutItemCommand: await time(() =>
        db.send(new PutCommand({ TableName: 'registry', Item: { ...key(i++), v: i } })),
      ),
      UpdateItemCommand: await time(() =>
        db.send(
          new UpdateCommand({
            TableName: 'registry',
            Key: key(i++),
            UpdateExpression: 'ADD n :one',
            ExpressionAttributeValues: { ':one': 1 },
          }),
        ),
      ),
      TransactWriteItemsCommand: await time(() =>
        db.send(
          new TransactWriteCommand({
            TransactItems: [
              { Put: { TableName: 'registry', Item: { ...key(i++), v: 1 } } },
              { Put: { TableName: 'registry', Item: { ...key(i++ + 25), v: 1 } } },
            ],
          }),
        ),
      ),
    };
    const costOf = (command: string) => {
      const name = command.split(':')[1] ?? '';
      return (
        single[name] ??
        (name.startsWith('Query') || name.startsWith('BatchGet')
          ? single.GetItemCommand!
          : single.PutItemCommand!)
      );
    };
    const floor = [...perCommand].reduce((sum, [k, n]) => sum + n * costOf(k), 0);

    if (!header) {
      console.log(
        `\nRegistration, auto-approval path, submit to registered (${new Date().toISOString()}, Node ${process.version}, 2 cores)\n`,
      );
      console.log(
        '| storage | registrations | concurrency | registrations/s | p50 ms | p99 ms | storage round trips | state transitions | floor ms | p50 / floor | failed |',
      );
      console.log('|---|---|---|---|---|---|---|---|---|---|---|');
      header = true;
    }
    console.log(
      `| ${storage} | ${latencies.length} | ${CONCURRENCY} | ${(latencies.length / seconds).toFixed(1)} | ${percentile(latencies, 50).toFixed(0)} | ${percentile(latencies, 99).toFixed(0)} | ${trips.toFixed(1)} | ${transitions.toFixed(1)} | ${floor.toFixed(0)} | ${(percentile(latencies, 50) / floor).toFixed(2)} | ${failed} |`,
    );
    const perKind = [...perCommand].filter(([, v]) => v > 0).sort((a, b) => b[1] - a[1]);
    console.error(
      `  ${storage}: ${perKind.map(([k, v]) => `${k.split(':')[1]?.replace('Command', '')} ${v.toFixed(2)} (${costOf(k).toFixed(2)} ms)`).join(', ')}`,
    );
  } finally {
    await runtime.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
