/**
 * The name index under throttling (the hardening issue): unread keys are asked for again with backoff,
 * and a check never answers from a partial read: 503 with Retry-After instead of a verdict.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { BatchGetCommand, DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { DynamoNameIndex } from '#adapters/dynamo-name-index';
import { memoryPorts } from '#adapters/memory/ports';
import { handlers } from '#api/names';
import { UnavailableError } from '#domain/errors';
import { context, event } from '../api/support.ts';

const dynamo = mockClient(DynamoDBDocumentClient);
const lock = { scope: '4403', tradeKey: '青云', industryClass: 'I65' };
const entries = { pairs: ['qing-yun'] };
const keyOf = (pk: string) => ({ pk, sk: pk.startsWith('NAMELOCK') ? 'LOCK' : 'IDX' });

beforeEach(() => dynamo.reset());

function index(waits: number[]) {
  return new DynamoNameIndex(
    DynamoDBDocumentClient.from(new DynamoDBClient({ region: 'us-east-1' })),
    'registry',
    async (ms) => {
      waits.push(ms);
    },
  );
}

describe('DynamoNameIndex under throttling', () => {
  it('asks again for the keys a batch left unread, waiting between tries', async () => {
    dynamo
      .on(BatchGetCommand)
      .resolvesOnce({
        Responses: { registry: [] },
        UnprocessedKeys: { registry: { Keys: [keyOf('NAMELOCK#4403#青云')] } },
      })
      .resolves({
        Responses: {
          registry: [{ ...keyOf('NAMELOCK#4403#青云'), 'c:I65': { id: 'r1', kind: 'reservation' } }],
        },
      });
    const waits: number[] = [];
    const found = await index(waits).lookup(lock, entries);
    expect(found.holders).toEqual([{ id: 'r1', kind: 'reservation' }]);
    expect(dynamo.commandCalls(BatchGetCommand)).toHaveLength(2);
    // The second try asks for the unread key only.
    expect(dynamo.commandCalls(BatchGetCommand)[1]!.args[0].input.RequestItems!.registry!.Keys).toHaveLength(
      1,
    );
    expect(waits).toHaveLength(1);
  });

  it('refuses to answer from a partial read once the tries are spent', async () => {
    dynamo.on(BatchGetCommand).resolves({
      Responses: { registry: [] },
      UnprocessedKeys: { registry: { Keys: [keyOf('NAMELOCK#4403#青云')] } },
    });
    const waits: number[] = [];
    await expect(index(waits).lookup(lock, entries)).rejects.toBeInstanceOf(UnavailableError);
    expect(dynamo.commandCalls(BatchGetCommand)).toHaveLength(6);
    // Backoff grows (full jitter: each wait is at most its cap).
    expect(waits.every((ms, i) => ms <= Math.min(800, 25 * 2 ** (i + 1)))).toBe(true);
  });

  it('answers the name check with 503 and Retry-After, never a verdict', async () => {
    const ports = memoryPorts();
    ports.nameIndex.lookup = async () => {
      throw new UnavailableError('the name index is busy', 2);
    };
    const r = await handlers(ports).check(
      event({ body: { name: '深圳市青云科技有限公司', division: '440305' } }),
      context,
    );
    expect(r.statusCode).toBe(503);
    expect(r.headers?.['retry-after']).toBe('2');
    expect(JSON.parse(r.body!)).toMatchObject({
      status: 503,
      type: 'urn:one-stop-registry:problem:unavailable',
    });
    expect(JSON.parse(r.body!).verdict).toBeUndefined();
  });
});
