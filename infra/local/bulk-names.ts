/**
 * Loads many registered names at once (seeding, benchmarks): their name locks and their index entries,
 * aggregated in memory and written with BatchWriteItem, several batches in flight. A marker item records
 * what was loaded, so a kept data directory is loaded once. Items are written whole: load every scope of
 * a corpus in one call, so the all-scopes search entries aggregate them all.
 */
import { BatchWriteCommand, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { dynamoDocumentClient } from '#adapters/clients';
import { requireEnv } from '#adapters/config';
import { bulkIndexItems } from '#adapters/dynamo-name-index';
import { keys } from '#adapters/keys';
import { indexEntriesOf, memberOf } from '#domain/names/index-entries';
import type { CorpusName } from './name-corpus.ts';

export interface LoadReport {
  names: number;
  items: number;
  lockItems: number;
  indexItems: number;
  seconds: number;
}

const marker = (label: string) => ({ pk: `CORPUS#${label}`, sk: 'CORPUS' });

export async function loadedCorpus(label: string): Promise<LoadReport | undefined> {
  const out = await dynamoDocumentClient().send(
    new GetCommand({ TableName: requireEnv('REGISTRY_TABLE'), Key: marker(label) }),
  );
  return out.Item as LoadReport | undefined;
}

export async function loadNames(
  names: Iterable<CorpusName>,
  label: string,
  onProgress?: (done: number, total: number) => void,
): Promise<LoadReport> {
  const started = Date.now();
  const db = dynamoDocumentClient();
  const table = requireEnv('REGISTRY_TABLE');
  const locks = new Map<string, Record<string, unknown>>();
  const indexed: Parameters<typeof bulkIndexItems>[0] = [];
  let count = 0;
  for (const n of names) {
    const key = keys.nameLock(n.lock);
    const lock = locks.get(key.pk) ?? { ...key, holderCount: 0 };
    lock[`c:${n.lock.industryClass ?? '*'}`] = {
      kind: 'enterprise',
      id: n.creditCode,
      name: n.name,
      status: 'registered',
      industryClass: n.lock.industryClass,
      trade: n.parts.tradeName,
      industry: n.parts.industry,
    };
    lock.holderCount = (lock.holderCount as number) + 1;
    locks.set(key.pk, lock);
    indexed.push({
      scope: n.lock.scope,
      member: memberOf(n.creditCode, n.name, n.parts, 'registered', { creditCode: n.creditCode }),
      entries: indexEntriesOf(n.parts),
    });
    count++;
  }
  const indexItems = bulkIndexItems(indexed);
  const items = [...locks.values(), ...indexItems];
  let done = 0;
  let cursor = 0;
  const worker = async () => {
    while (cursor < items.length) {
      const batch = items.slice(cursor, cursor + 25);
      cursor += 25;
      let request: Record<string, unknown[]> | undefined = {
        [table]: batch.map((Item) => ({ PutRequest: { Item } })),
      };
      for (let attempt = 0; request && (request[table]?.length ?? 0) > 0; attempt++) {
        if (attempt > 8) throw new Error('DynamoDB kept items unprocessed');
        const out = await db.send(new BatchWriteCommand({ RequestItems: request as never }));
        request = out.UnprocessedItems as Record<string, unknown[]> | undefined;
      }
      done += batch.length;
      if (done % 25_000 < 25) onProgress?.(done, items.length);
    }
  };
  await Promise.all(Array.from({ length: 8 }, worker));
  const report: LoadReport = {
    names: count,
    items: items.length,
    lockItems: locks.size,
    indexItems: indexItems.length,
    seconds: (Date.now() - started) / 1000,
  };
  await db.send(
    new PutCommand({
      TableName: table,
      Item: { ...marker(label), ...report, loadedAt: new Date().toISOString() },
    }),
  );
  return report;
}
