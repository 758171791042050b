import { ConditionalCheckFailedException, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { SFNClient, StartExecutionCommand } from '@aws-sdk/client-sfn';
import {
  DeleteCommand,
  DynamoDBDocumentClient,
  PutCommand,
  TransactWriteCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import type { Context } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { readCaller } from '#http/claims';
import type { HttpEvent } from '#http/route';

// Handler branches with the SDK mocked at the client: the real engines are the integration tier's job.
const dynamo = mockClient(DynamoDBDocumentClient);
const sfn = mockClient(SFNClient);

beforeAll(() => {
  Object.assign(process.env, {
    REGISTRY_TABLE: 'registry',
    NAME_RESERVATION_STATE_MACHINE_ARN: 'arn:aws:states:us-east-1:000000000000:stateMachine:name-reservation',
    AWS_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: 'x',
    AWS_SECRET_ACCESS_KEY: 'x',
    LOG_LEVEL: 'DEBUG',
  });
});
beforeEach(() => {
  dynamo.reset();
  sfn.reset();
});
afterEach(() => vi.restoreAllMocks());

const context = { awsRequestId: 'req-1', getRemainingTimeInMillis: () => 30_000 } as unknown as Context;

function event(over: {
  method?: string;
  body?: unknown;
  claims?: Record<string, string>;
  headers?: Record<string, string>;
  path?: Record<string, string>;
}): HttpEvent {
  return {
    version: '2.0',
    routeKey: 'x',
    rawPath: '/',
    rawQueryString: '',
    headers: { 'content-type': 'application/json', ...over.headers },
    ...(over.path ? { pathParameters: over.path } : {}),
    requestContext: {
      http: {
        method: over.method ?? 'POST',
        path: '/',
        protocol: 'HTTP/1.1',
        sourceIp: '127.0.0.1',
        userAgent: 't',
      },
      requestId: 'r',
      authorizer: { jwt: { claims: over.claims ?? {}, scopes: [] }, principalId: '', integrationLatency: 0 },
    },
    ...(over.body !== undefined
      ? { body: typeof over.body === 'string' ? over.body : JSON.stringify(over.body) }
      : {}),
    isBase64Encoded: false,
  } as unknown as HttpEvent;
}

const applicant = { sub: 'alice', role: 'applicant' };
const reservation = {
  name: '深圳市青云科技有限公司',
  division: '440305',
  entityType: 'limited_liability_company',
};

describe('readCaller', () => {
  it('reads Cognito custom: claims and bare local ones alike', () => {
    const cognito = readCaller(
      event({ claims: { sub: 'u1', 'custom:role': 'bank_clerk', 'custom:branchId': 'B-1' } }),
    );
    const local = readCaller(event({ claims: { sub: 'u1', role: 'bank_clerk', branchId: 'B-1' } }));
    expect(cognito).toEqual({ sub: 'u1', role: 'bank_clerk', branchId: 'B-1' });
    expect(local).toEqual(cognito);
  });

  it('has no caller without a known role', () => {
    expect(readCaller(event({ claims: { sub: 'u1', role: 'root' } }))).toBeUndefined();
    expect(readCaller(event({ claims: { role: 'applicant' } }))).toBeUndefined();
  });
});

describe('the route stack', () => {
  it('answers 401 without a caller and 403 for a role the route does not admit', async () => {
    const { reserve } = await import('#api/reservations');
    const none = await reserve(event({ body: reservation }), context);
    expect(none.statusCode).toBe(401);
    const examiner = await reserve(
      event({ body: reservation, claims: { sub: 'e', role: 'examiner', authority: '440300' } }),
      context,
    );
    expect(examiner.statusCode).toBe(403);
    expect(JSON.parse(examiner.body!)).toMatchObject({
      type: 'urn:one-stop-registry:problem:forbidden',
      status: 403,
    });
  });

  it('lists every bad field with its path', async () => {
    const { reserve } = await import('#api/reservations');
    const r = await reserve(event({ body: { name: 7, division: 'x' }, claims: applicant }), context);
    expect(r.statusCode).toBe(400);
    expect(r.headers?.['content-type']).toBe('application/problem+json');
    const paths = (JSON.parse(r.body!).errors as { path: string }[]).map((e) => e.path);
    expect(paths).toEqual(expect.arrayContaining(['body.name', 'body.division', 'body.entityType']));
  });

  it('turns a storage failure into a 500 that reveals nothing', async () => {
    dynamo
      .on(TransactWriteCommand)
      .rejects(new Error('connect ECONNREFUSED 10.1.2.3:8000 at Socket.internal'));
    const { reserve } = await import('#api/reservations');
    const r = await reserve(event({ body: reservation, claims: applicant }), context);
    expect(r.statusCode).toBe(500);
    expect(r.body).not.toMatch(/ECONNREFUSED|10\.1\.2\.3|Socket|stack/);
    expect(JSON.parse(r.body!)).toMatchObject({ status: 500, instance: 'req-1' });
  });

  it('answers 409 with the holder, from the failed condition alone (no second read)', async () => {
    dynamo.on(TransactWriteCommand).rejects(
      new TransactionCanceledException({
        message: 'cancelled',
        $metadata: {},
        CancellationReasons: [
          { Code: 'None' },
          {
            Code: 'ConditionalCheckFailed',
            Item: marshall({
              pk: 'x',
              'c:technology': {
                kind: 'reservation',
                id: 'r0',
                name: '深圳青云科技有限公司',
                status: 'reserved',
                industryClass: 'technology',
              },
            }),
          },
        ],
      }),
    );
    const { reserve } = await import('#api/reservations');
    const r = await reserve(event({ body: reservation, claims: applicant }), context);
    expect(r.statusCode).toBe(409);
    expect(JSON.parse(r.body!).findings).toEqual([
      expect.objectContaining({
        rule: 'name.identical',
        conflictsWith: expect.objectContaining({ name: '深圳青云科技有限公司', status: 'reserved' }),
      }),
    ]);
    expect(dynamo.calls()).toHaveLength(1);
    expect(sfn.commandCalls(StartExecutionCommand)).toHaveLength(0);
  });

  it('starts the workflow with ids only, never the holder’s identity', async () => {
    dynamo.on(TransactWriteCommand).resolves({});
    sfn.on(StartExecutionCommand).resolves({ executionArn: 'arn', startDate: new Date() });
    const lines: string[] = [];
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
      lines.push(String(chunk));
      return true;
    });
    vi.spyOn(console, 'info').mockImplementation((...a) => void lines.push(a.join(' ')));
    vi.spyOn(console, 'debug').mockImplementation((...a) => void lines.push(a.join(' ')));
    const { reserve } = await import('#api/reservations');
    const clerk = { sub: 'clerk-1', role: 'bank_clerk', branchId: 'B-1' };
    const r = await reserve(
      event({
        body: { ...reservation, holder: { name: '张三', idNumber: '11010519491231002X' } },
        claims: clerk,
      }),
      context,
    );
    expect(r.statusCode).toBe(201);
    const input = sfn.commandCalls(StartExecutionCommand)[0]!.args[0].input;
    expect(JSON.parse(input.input!)).toEqual({
      reservationId: JSON.parse(r.body!).id,
      generation: 0,
      generationStartedAt: expect.any(String),
    });
    expect(input.name).toBe(`name-reservation--${JSON.parse(r.body!).id}--g0`);
    const written = JSON.stringify(dynamo.commandCalls(TransactWriteCommand)[0]!.args[0].input);
    expect(written).not.toContain('11010519491231002X');
    expect(lines.join('\n')).toContain('ReserveName');
    expect(lines.join('\n')).not.toContain('11010519491231002X');
  });
});

describe('Idempotency-Key', () => {
  const withKey = (body: unknown = reservation) =>
    event({ body, claims: applicant, headers: { 'idempotency-key': 'key-12345678' } });

  it('replays the stored response without running the handler', async () => {
    const stored = { statusCode: 201, body: '{"id":"r1"}', headers: { 'content-type': 'application/json' } };
    const { createHash } = await import('node:crypto');
    const hash = createHash('sha256').update(JSON.stringify(reservation)).digest('hex');
    dynamo.on(PutCommand).rejects(
      new ConditionalCheckFailedException({
        message: 'x',
        $metadata: {},
        Item: marshall({ state: 'completed', requestHash: hash, response: stored }),
      }),
    );
    const { reserve } = await import('#api/reservations');
    const r = await reserve(withKey(), context);
    expect(r).toMatchObject({
      statusCode: 201,
      body: '{"id":"r1"}',
      headers: { 'idempotent-replayed': 'true' },
    });
    expect(dynamo.commandCalls(TransactWriteCommand)).toHaveLength(0);
  });

  it('answers 422 to another body and 409 while the first is in flight', async () => {
    dynamo.on(PutCommand).rejects(
      new ConditionalCheckFailedException({
        message: 'x',
        $metadata: {},
        Item: marshall({ state: 'completed', requestHash: 'other', response: {} }),
      }),
    );
    const { reserve } = await import('#api/reservations');
    expect((await reserve(withKey(), context)).statusCode).toBe(422);
    const { createHash } = await import('node:crypto');
    const hash = createHash('sha256').update(JSON.stringify(reservation)).digest('hex');
    dynamo.reset();
    dynamo.on(PutCommand).rejects(
      new ConditionalCheckFailedException({
        message: 'x',
        $metadata: {},
        Item: marshall({ state: 'in_progress', requestHash: hash }),
      }),
    );
    expect((await reserve(withKey(), context)).statusCode).toBe(409);
  });

  it('records the response after success, and frees the key after a failure', async () => {
    dynamo.on(PutCommand).resolves({});
    dynamo.on(TransactWriteCommand).resolves({});
    sfn.on(StartExecutionCommand).resolves({});
    const { reserve } = await import('#api/reservations');
    expect((await reserve(withKey(), context)).statusCode).toBe(201);
    const completed = dynamo.commandCalls(UpdateCommand)[0]!.args[0].input;
    expect(completed.ExpressionAttributeValues?.[':response']).toMatchObject({ statusCode: 201 });

    dynamo.reset();
    dynamo.on(PutCommand).resolves({});
    dynamo.on(TransactWriteCommand).rejects(new Error('boom'));
    expect((await reserve(withKey(), context)).statusCode).toBe(500);
    expect(dynamo.commandCalls(DeleteCommand)).toHaveLength(1);
  });
});
