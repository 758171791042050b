/**
 * The owed-start markers as the DynamoDB adapters write them: put as the last item of the transaction
 * that writes the case (so the cancellation reasons of the items before keep their places), deleted as
 * the last item of the transactions that prove the workflow started or the case ended, and read oldest
 * first by the sweep. The SDK is mocked at the client.
 */
import { DynamoDBClient, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import {
  DeleteCommand,
  DynamoDBDocumentClient,
  GetCommand,
  QueryCommand,
  TransactWriteCommand,
} from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { DynamoRegistrationStore } from '#adapters/dynamo-registrations';
import { DynamoReservationStore } from '#adapters/dynamo-reservations';
import { DynamoStartLedger } from '#adapters/dynamo-start-ledger';
import { registrationExecutionName, reservationExecutionName } from '#contract/executions';
import { move } from '#domain/registration/lifecycle';
import { registration, reservation, T0 } from './memory/fixtures.ts';

const dynamo = mockClient(DynamoDBDocumentClient);
const client = DynamoDBDocumentClient.from(
  new DynamoDBClient({ region: 'us-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'x' } }),
);
beforeEach(() => dynamo.reset());

const RES = reservation('res-1');
const REG = registration('reg-1', RES.id);
const reservationMarker = {
  pk: 'PENDING#START',
  sk: `${RES.reservedAt}#${reservationExecutionName(RES.id, 0)}`,
};
const registrationMarker = {
  pk: 'PENDING#START',
  sk: `${REG.createdAt}#${registrationExecutionName(REG.id)}`,
};

const transaction = () => dynamo.commandCalls(TransactWriteCommand)[0]!.args[0].input.TransactItems ?? [];

function cancelled(...codes: string[]) {
  return new TransactionCanceledException({
    message: 'cancelled',
    $metadata: {},
    CancellationReasons: codes.map((Code) => ({ Code })),
  });
}

describe('DynamoReservationStore.reserve', () => {
  it('puts the owed start of the first execution as the last item, with the reservation and its lock', async () => {
    dynamo.on(TransactWriteCommand).resolves({});
    expect(await new DynamoReservationStore(client, 'registry').reserve(RES)).toEqual({ reserved: true });
    const items = transaction();
    expect(items).toHaveLength(3);
    expect(items[0]?.Put?.Item).toMatchObject({ pk: 'RES#res-1', sk: 'RES' });
    expect(items[1]?.Update?.Key).toMatchObject({ sk: 'LOCK' });
    expect(items[2]).toEqual({
      Put: {
        TableName: 'registry',
        Item: {
          ...reservationMarker,
          workflow: 'name-reservation',
          executionName: reservationExecutionName(RES.id, 0),
          input: { reservationId: RES.id, generation: 0, generationStartedAt: RES.reservedAt },
          since: RES.reservedAt,
        },
      },
    });
  });

  it('still reads a taken name from the lock item’s reason (index 1)', async () => {
    dynamo.on(TransactWriteCommand).rejects(cancelled('None', 'ConditionalCheckFailed', 'None'));
    expect(await new DynamoReservationStore(client, 'registry').reserve(RES)).toEqual({
      reserved: false,
      heldBy: undefined,
    });
  });
});

describe('DynamoRegistrationStore', () => {
  const store = () => new DynamoRegistrationStore(client, 'registry');

  it('create puts the owed start of the registration workflow as the last item', async () => {
    dynamo.on(TransactWriteCommand).resolves({});
    expect(await store().create(REG)).toBe(true);
    const items = transaction();
    expect(items).toHaveLength(3);
    expect(items[0]?.Put?.Item).toMatchObject({ pk: 'REG#reg-1' });
    expect(items[1]?.Update?.Key).toEqual({ pk: 'RES#res-1', sk: 'RES' });
    expect(items[2]).toEqual({
      Put: {
        TableName: 'registry',
        Item: {
          ...registrationMarker,
          workflow: 'registration',
          executionName: registrationExecutionName(REG.id),
          input: { registrationId: REG.id },
          since: REG.createdAt,
        },
      },
    });
  });

  it('create still answers false when the reservation is not free (index 1)', async () => {
    dynamo.on(TransactWriteCommand).rejects(cancelled('None', 'ConditionalCheckFailed', 'None'));
    expect(await store().create(REG)).toBe(false);
  });

  it('consumeReservation deletes the owed start as the last item of its one transaction', async () => {
    dynamo.on(TransactWriteCommand).resolves({});
    const checking = { ...REG, status: 'checking' as const };
    expect(await store().consumeReservation(checking, T0, move(T0, 'validated', 'reservationConsumed'))).toBe(
      'consumed',
    );
    expect(dynamo.commandCalls(TransactWriteCommand)).toHaveLength(1);
    const items = transaction();
    expect(items).toHaveLength(3);
    expect(items[0]?.Update?.Key).toEqual({ pk: 'RES#res-1', sk: 'RES' });
    expect(items[1]?.Update?.Key).toEqual({ pk: 'REG#reg-1', sk: 'REG' });
    expect(items[2]).toEqual({ Delete: { TableName: 'registry', Key: registrationMarker } });
  });

  it('consumeReservation still tells a refused move (index 1) from a reservation gone (index 0)', async () => {
    dynamo.on(TransactWriteCommand).rejects(cancelled('None', 'ConditionalCheckFailed', 'None'));
    await expect(store().consumeReservation(REG, T0, move(T0, 'validated'))).rejects.toThrow(
      'cannot make this move now',
    );
    dynamo.reset();
    dynamo.on(TransactWriteCommand).rejects(cancelled('ConditionalCheckFailed', 'None', 'None'));
    dynamo.on(GetCommand).resolves({ Item: { ...RES, pk: 'RES#res-1', sk: 'RES', status: 'expired' } });
    expect(await store().consumeReservation(REG, T0, move(T0, 'validated'))).toBe('unavailable');
  });

  it('release deletes the owed start as the last item: an ended case is not started', async () => {
    dynamo.on(GetCommand).resolves({
      Item: { ...RES, pk: 'RES#res-1', sk: 'RES', registrationId: REG.id },
    });
    dynamo.on(TransactWriteCommand).resolves({});
    expect(await store().release(REG, T0, move(T0, 'withdrawn'))).toMatchObject({ moved: true });
    const items = transaction();
    expect(items[0]?.Update?.Key).toEqual({ pk: 'REG#reg-1', sk: 'REG' });
    expect(items.at(-1)).toEqual({ Delete: { TableName: 'registry', Key: registrationMarker } });
  });
});

describe('DynamoStartLedger', () => {
  const ledger = () => new DynamoStartLedger(client, 'registry');

  it('reads the starts owed before a time, oldest first, from the one partition', async () => {
    dynamo.on(QueryCommand).resolves({
      Items: [
        {
          ...registrationMarker,
          workflow: 'registration',
          executionName: registrationExecutionName(REG.id),
          input: { registrationId: REG.id },
          since: REG.createdAt,
        },
      ],
    });
    const before = new Date(T0.getTime() + 60_000);
    expect(await ledger().owed(before, 25)).toEqual([
      {
        workflow: 'registration',
        executionName: registrationExecutionName(REG.id),
        input: { registrationId: REG.id },
        since: REG.createdAt,
      },
    ]);
    expect(dynamo.commandCalls(QueryCommand)[0]!.args[0].input).toMatchObject({
      TableName: 'registry',
      KeyConditionExpression: 'pk = :pk AND sk < :before',
      ExpressionAttributeValues: { ':pk': 'PENDING#START', ':before': before.toISOString() },
      Limit: 25,
    });
    // Sort keys start with the time: one written at `before` or later is not yet owed to the sweep.
    expect(`${before.toISOString()}#x` < before.toISOString()).toBe(false);
    expect(`${T0.toISOString()}#x` < before.toISOString()).toBe(true);
  });

  it('settles by deleting the marker, which is no error when it is gone already', async () => {
    dynamo.on(DeleteCommand).resolves({});
    await ledger().settle({ since: REG.createdAt, executionName: registrationExecutionName(REG.id) });
    expect(dynamo.commandCalls(DeleteCommand)[0]!.args[0].input).toEqual({
      TableName: 'registry',
      Key: registrationMarker,
    });
  });
});
