/**
 * The name index in the registry table (docs/decisions/0009-name-index.md):
 *
 *   NAMEIDX#<scope>#<pair> / IDX    members whose trade name reads a pair of syllables (`xing-he`)
 *
 * with <scope> an authority scope for the check, or `*` for the public search. Each item keeps at most
 * INDEX_ENTRY_CAP members as attributes `m:<id>` (a compact string each) and their count `n`.
 * A check reads its lock and its entries with one BatchGetItem, whatever the number of names.
 */
import { BatchGetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { UnavailableError } from '#domain/errors';
import type { ExistingStatus } from '#domain/names/compare';
import {
  ALL_SCOPES,
  INDEX_ENTRY_CAP,
  type IndexEntries,
  type IndexMember,
} from '#domain/names/index-entries';
import { toSimplified } from '#domain/names/normalize';
import { segmentPinyin, syllablePairs, syllablesOf } from '#domain/names/syllables';
import type { NameLockKey } from '#domain/reservation';
import type { IndexLookup, NameIndex } from '#ports/name-index';
import type { LockHolder } from '#ports/reservations';
import { dynamoDocumentClient } from './clients.ts';
import { conditionally } from './conditions.ts';
import { requireEnv } from './config.ts';
import { keys as itemKeys } from './keys.ts';
import { logger } from './logger.ts';

const SEP = '\u001f';
const entry = (scope: string, pair: string) => ({ pk: `NAMEIDX#${scope}#${pair}`, sk: 'IDX' });

export function entryKeys(scope: string, entries: IndexEntries) {
  return entries.pairs.map((pair) => entry(scope, pair));
}

/** A member as one string: a check reads hundreds of them, and strings unmarshal fastest. */
export function encodeMember(m: IndexMember): string {
  return [
    m.name,
    m.trade,
    m.tradeKey,
    m.pinyin,
    m.industry ?? '',
    m.industryClass ?? '',
    m.status,
    m.creditCode ?? '',
    m.endedOn ?? '',
  ].join(SEP);
}

export function decodeMember(id: string, text: string): IndexMember {
  const [
    name = '',
    trade = '',
    tradeKey = '',
    pinyin = '',
    industry,
    industryClass,
    status,
    creditCode,
    endedOn,
  ] = text.split(SEP);
  return {
    id,
    name,
    trade,
    tradeKey,
    pinyin,
    industry: industry || null,
    industryClass: industryClass || null,
    status: status as ExistingStatus,
    ...(creditCode ? { creditCode } : {}),
    ...(endedOn ? { endedOn } : {}),
  };
}

function membersIn(item: Record<string, unknown>): IndexMember[] {
  const out: IndexMember[] = [];
  for (const [k, v] of Object.entries(item))
    if (k.startsWith('m:')) out.push(decodeMember(k.slice(2), v as string));
  return out;
}

function holdersIn(item: Record<string, unknown>): LockHolder[] {
  return Object.entries(item)
    .filter(([k]) => k.startsWith('c:'))
    .map(([, v]) => v as LockHolder);
}

/** Tries of a batch read, and the backoff between them (full jitter, capped). */
const BATCH_ATTEMPTS = 6;
const BACKOFF_BASE_MS = 25;
const BACKOFF_CAP_MS = 800;

export class DynamoNameIndex implements NameIndex {
  constructor(
    private readonly db = dynamoDocumentClient(),
    private readonly table = requireEnv('REGISTRY_TABLE'),
    private readonly sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms)),
  ) {}

  /**
   * Every key, or an error: a throttled batch hands back the keys it did not read, which are asked for
   * again with exponential backoff and full jitter. A check never answers from a partial read (a lock
   * not read would say "no conflict"): keys still unread after the last try are a 503 with Retry-After.
   */
  private async batchGet(keys: { pk: string; sk: string }[]): Promise<Record<string, unknown>[]> {
    const found: Record<string, unknown>[] = [];
    let pending: { pk: string; sk: string }[] = [...new Map(keys.map((k) => [k.pk, k])).values()];
    for (let attempt = 0; pending.length > 0 && attempt < BATCH_ATTEMPTS; attempt++) {
      if (attempt > 0)
        await this.sleep(Math.random() * Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** attempt));
      const out = await this.db.send(
        new BatchGetCommand({ RequestItems: { [this.table]: { Keys: pending } } }),
      );
      found.push(...(out.Responses?.[this.table] ?? []));
      pending = (out.UnprocessedKeys?.[this.table]?.Keys as { pk: string; sk: string }[] | undefined) ?? [];
    }
    if (pending.length > 0)
      throw new UnavailableError(`the name index is busy: ${pending.length} entries left unread`, 1);
    return found;
  }

  async lookup(lock: NameLockKey, entries: IndexEntries): Promise<IndexLookup> {
    const lockPk = itemKeys.nameLock(lock).pk;
    const items = await this.batchGet([itemKeys.nameLock(lock), ...entryKeys(lock.scope, entries)]);
    const holders: LockHolder[] = [];
    const members = new Map<string, IndexMember>();
    for (const item of items) {
      if (item.pk === lockPk) holders.push(...holdersIn(item));
      else for (const m of membersIn(item)) members.set(m.id, m);
    }
    return { holders, members: [...members.values()] };
  }

  async add(scope: string, member: IndexMember, entries: IndexEntries): Promise<void> {
    await this.updateEntries(scope, entries, {
      UpdateExpression: 'SET #m = :m ADD n :one',
      // Already there (a repeat) or the entry is full: either way there is nothing to do.
      ConditionExpression: 'attribute_not_exists(#m) AND (attribute_not_exists(n) OR n < :cap)',
      ExpressionAttributeNames: { '#m': `m:${member.id}` },
      ExpressionAttributeValues: { ':m': encodeMember(member), ':one': 1, ':cap': INDEX_ENTRY_CAP },
    });
  }

  async replace(scope: string, formerId: string, member: IndexMember, entries: IndexEntries): Promise<void> {
    const keys = [...entryKeys(scope, entries), ...entryKeys(ALL_SCOPES, entries)];
    await Promise.all(
      keys.map(async (Key) => {
        const swapped = await conditionally(() =>
          this.db.send(
            new UpdateCommand({
              TableName: this.table,
              Key,
              // One write per entry where the former member stands: the count does not change. The same id
              // (a name shown another way) is a plain overwrite: DynamoDB refuses REMOVE and SET of one path.
              UpdateExpression: formerId === member.id ? 'SET #old = :m' : 'REMOVE #old SET #new = :m',
              ConditionExpression: 'attribute_exists(#old)',
              ExpressionAttributeNames: {
                '#old': `m:${formerId}`,
                ...(formerId === member.id ? {} : { '#new': `m:${member.id}` }),
              },
              ExpressionAttributeValues: { ':m': encodeMember(member) },
            }),
          ),
        );
        if (!swapped) await this.addTo(Key, member);
      }),
    );
  }

  /** Adds a member to one entry unless it is there or the entry is full. */
  private addTo(Key: { pk: string; sk: string }, member: IndexMember): Promise<boolean> {
    return conditionally(() =>
      this.db.send(
        new UpdateCommand({
          TableName: this.table,
          Key,
          UpdateExpression: 'SET #m = :m ADD n :one',
          ConditionExpression: 'attribute_not_exists(#m) AND (attribute_not_exists(n) OR n < :cap)',
          ExpressionAttributeNames: { '#m': `m:${member.id}` },
          ExpressionAttributeValues: { ':m': encodeMember(member), ':one': 1, ':cap': INDEX_ENTRY_CAP },
        }),
      ),
    );
  }

  async remove(scope: string, memberId: string, entries: IndexEntries): Promise<void> {
    await this.updateEntries(scope, entries, {
      UpdateExpression: 'REMOVE #m ADD n :minusOne',
      ConditionExpression: 'attribute_exists(#m)',
      ExpressionAttributeNames: { '#m': `m:${memberId}` },
      ExpressionAttributeValues: { ':minusOne': -1 },
    });
  }

  /** One conditional update of each of a name's entries, in its scope and in the all-scopes search, in parallel. */
  private async updateEntries(
    scope: string,
    entries: IndexEntries,
    update: Omit<ConstructorParameters<typeof UpdateCommand>[0], 'TableName' | 'Key'>,
  ): Promise<void> {
    const keys = [...entryKeys(scope, entries), ...entryKeys(ALL_SCOPES, entries)];
    const results = await Promise.allSettled(
      keys.map((Key) =>
        conditionally(() => this.db.send(new UpdateCommand({ TableName: this.table, Key, ...update }))),
      ),
    );
    for (const r of results) {
      if (r.status === 'rejected') {
        logger.error('name index update failed', { error: r.reason as Error });
        throw r.reason;
      }
    }
  }

  async search(q: string): Promise<IndexMember[]> {
    const text = toSimplified(q.trim());
    const letters = /^[a-z]+$/i.test(text) ? text.toLowerCase() : undefined;
    const syllables = letters ? segmentPinyin(letters) : syllablesOf(text);
    if (!syllables || syllables.length === 0) return [];
    const items = await this.batchGet(entryKeys(ALL_SCOPES, { pairs: syllablePairs(syllables) }));
    const unique = new Map<string, IndexMember>();
    for (const m of items.flatMap(membersIn)) {
      if (letters ? m.pinyin.includes(letters) : m.trade.includes(text)) unique.set(m.id, m);
    }
    return [...unique.values()];
  }
}

/** The items a bulk load writes for many names at once (seeding, benchmarks): aggregated, capped. */
export function bulkIndexItems(
  names: { scope: string; member: IndexMember; entries: IndexEntries }[],
): Record<string, unknown>[] {
  const items = new Map<string, Record<string, unknown>>();
  const put = (key: { pk: string; sk: string }, member: IndexMember) => {
    let item = items.get(key.pk);
    if (!item) {
      item = { ...key, n: 0 };
      items.set(key.pk, item);
    }
    if ((item.n as number) >= INDEX_ENTRY_CAP || item[`m:${member.id}`] !== undefined) return;
    item[`m:${member.id}`] = encodeMember(member);
    item.n = (item.n as number) + 1;
  };
  for (const { scope, member, entries } of names) {
    for (const key of [...entryKeys(scope, entries), ...entryKeys(ALL_SCOPES, entries)]) put(key, member);
  }
  return [...items.values()];
}
