/**
 * `npm run bench:capacity`: what each hot path costs DynamoDB, for docs/capacity.md. On the local runtime
 * (DynamoDB Local in memory), every request asks for its consumed capacity (`ReturnConsumedCapacity:
 * INDEXES`) and the units are summed per Lambda function (the handler whose invocation made the call,
 * infra/local/lambda.ts) and per table and index; then the table is read whole and each item's size is
 * measured by family. Paths: name checks (the seeded corpus), reservations, and registrations on the
 * auto-approval path through to the license, with the push on. Brief by design: BENCH_CASES (10).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ConsumedCapacity } from '@aws-sdk/client-dynamodb';
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { dynamoDocumentClient } from '#adapters/clients';
import { tableFamilyOf } from '#contract/item-families';
import { REGISTRY_TABLE } from '#contract/tables';
import { INDEX_ENTRY_CAP } from '#domain/names/index-entries';
import { invocation } from '#local/lambda';
import { startRuntime } from '#local/runtime';
import { application } from '../tests/unit/registration/fixtures.ts';
import { itemSize } from './item-size.ts';
import { clientOf, reserveAll, standardNames, uploadMaterials } from './registration/cases.ts';

process.env.LOG_LEVEL ??= 'WARN';
process.env.NAME_RESERVATION_PREAPPROVAL_PERIOD ??= 'PT3600S';
const CASES = Number(process.env.BENCH_CASES ?? 10);

type Units = { read: number; write: number; calls: number };
const byFunction = new Map<string, Map<string, Units>>();
const WRITES = /^(Put|Update|Delete|BatchWrite|TransactWrite)/;

/**
 * Adds a response's consumed capacity to the function that asked, per index and for the table, the
 * registry table only. DynamoDB Local reports `CapacityUnits` alone: a write command's are write units.
 */
function account(fn: string, command: string, consumed: ConsumedCapacity | ConsumedCapacity[] | undefined) {
  const rows = byFunction.get(fn) ?? new Map<string, Units>();
  const write = WRITES.test(command);
  const table = process.env[REGISTRY_TABLE.envVar];
  for (const c of [consumed ?? []].flat().filter((c) => c.TableName === table)) {
    const add = (where: string, units: number | undefined) => {
      const row = rows.get(where) ?? { read: 0, write: 0, calls: 0 };
      if (write) row.write += units ?? 0;
      else row.read += units ?? 0;
      rows.set(where, row);
    };
    add('table', c.Table?.CapacityUnits ?? c.CapacityUnits);
    for (const [index, u] of Object.entries(c.GlobalSecondaryIndexes ?? {})) add(index, u.CapacityUnits);
  }
  const table0 = rows.get('table') ?? { read: 0, write: 0, calls: 0 };
  table0.calls += 1;
  rows.set('table', table0);
  byFunction.set(fn, rows);
}

/** The partition key a request names first (a key, an item, a transaction's first item, a query's value). */
function firstKey(input: Record<string, unknown>): string {
  const item = (x: unknown) => (x as { pk?: string } | undefined)?.pk;
  const transact = (
    input.TransactItems as Record<string, { Key?: unknown; Item?: unknown }>[] | undefined
  )?.[0];
  const op = transact ? Object.values(transact)[0] : undefined;
  const values = Object.values((input.ExpressionAttributeValues ?? {}) as Record<string, unknown>);
  return String(
    item(input.Key) ??
      item(input.Item) ??
      item(op?.Key) ??
      item(op?.Item) ??
      values.find((v) => typeof v === 'string') ??
      '',
  );
}

const dataDir = mkdtempSync(join(tmpdir(), 'registry-bench-capacity-'));
const runtime = await startRuntime({ port: 0, dataDir, persistent: false, rateLimitPerSecond: 0 });
dynamoDocumentClient().middlewareStack.add(
  (next, context) => async (args) => {
    const input = args.input as Record<string, unknown>;
    input.ReturnConsumedCapacity = 'INDEXES';
    const out = await next(args);
    const ref = invocation.getStore();
    // Outside a handler: the push relay and delivery, and the execution index (Lambdas of their own in
    // the cloud), told apart by the family of the first key they name.
    const fn = ref
      ? `${ref.entry.replace(/^functions\/|\.ts$/g, '')}#${ref.export}`
      : `(runtime: ${tableFamilyOf(firstKey(input)) ?? 'other'})`;
    const consumed = (out.output as { ConsumedCapacity?: ConsumedCapacity | ConsumedCapacity[] })
      .ConsumedCapacity;
    account(fn, context.commandName ?? '', consumed);
    return out;
  },
  { step: 'initialize', name: 'consumed-capacity', priority: 'high' },
);

try {
  const j = clientOf(runtime);
  const token = String((await j('POST', '/v1/dev/tokens', { role: 'applicant', sub: 'capacity' })).token);
  // A check per case (the figures are per case): three kinds of names in turn.
  const names = ['深圳市腾讯计算机系统有限公司', '深圳市星河科技有限公司', '深圳市华为技术有限公司'];
  for (let i = 0; i < CASES; i++)
    await j('POST', '/v1/names/check', { name: names[i % 3], division: '440305' });
  const materials = await uploadMaterials(j, token);
  const reservations = await reserveAll(j, token, standardNames(CASES));
  const executions = runtime.env.REGISTRATION_STATE_MACHINE_ARN!.replace(':stateMachine:', ':execution:');
  for (const reservationId of reservations) {
    const body = { ...application('limited_liability_company'), reservationId, materials };
    const r = await j('POST', '/v1/registrations', body, token);
    await runtime.engine.ended(`${executions}:registration--${r.id}`);
  }
  await new Promise((r) => setTimeout(r, 2000)); // the push relays the last events

  console.log(
    `\nDynamoDB capacity per call, by function (${CASES} cases each; ${new Date().toISOString()})\n`,
  );
  console.log('| function | where | calls per case | RCU per case | WCU per case |');
  console.log('|---|---|---|---|---|');
  const per = (n: number) => (n / CASES).toFixed(2);
  for (const [fn, rows] of [...byFunction].sort())
    for (const [where, u] of rows)
      console.log(
        `| ${fn} | ${where} | ${where === 'table' ? per(u.calls) : ''} | ${per(u.read)} | ${per(u.write)} |`,
      );

  const sizes = new Map<string, number[]>();
  const memberBytes: number[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await dynamoDocumentClient().send(
      new ScanCommand({ TableName: runtime.env[REGISTRY_TABLE.envVar], ExclusiveStartKey: start }),
    );
    for (const item of page.Items ?? []) {
      // A name index entry's members (`m:<id>`): the bytes one adds, to size an entry at its cap.
      for (const [k, v] of Object.entries(item))
        if (k.startsWith('m:')) memberBytes.push(itemSize({ [k]: v }));
      const family = tableFamilyOf(String(item.pk)) ?? `? ${String(item.pk).slice(0, 12)}`;
      sizes.set(family, [...(sizes.get(family) ?? []), itemSize(item)]);
    }
    start = page.LastEvaluatedKey;
  } while (start);
  console.log('\nItem sizes by family (bytes, as DynamoDB counts them)\n');
  console.log('| family | items | mean | max |');
  console.log('|---|---|---|---|');
  for (const [family, xs] of [...sizes].sort())
    console.log(
      `| ${family} | ${xs.length} | ${Math.round(xs.reduce((a, b) => a + b, 0) / xs.length)} | ${Math.max(...xs)} |`,
    );
  const mean = memberBytes.reduce((a, b) => a + b, 0) / memberBytes.length;
  console.log(
    `\nName index members: ${memberBytes.length}, mean ${mean.toFixed(0)} bytes, max ${Math.max(...memberBytes)}; an entry at its cap of ${INDEX_ENTRY_CAP} is about ${Math.round(INDEX_ENTRY_CAP * mean + 40)} bytes`,
  );
} finally {
  await runtime.stop();
  rmSync(dataDir, { recursive: true, force: true });
}
