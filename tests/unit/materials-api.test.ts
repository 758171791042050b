import { createHash } from 'node:crypto';
import { S3Client } from '@aws-sdk/client-s3';
import { DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { Context } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { HttpEvent } from '#http/route';

// Handler branches of the material and catalogue routes, the SDK mocked at the client.
const dynamo = mockClient(DynamoDBDocumentClient);
const s3 = mockClient(S3Client);

beforeAll(() => {
  Object.assign(process.env, {
    REGISTRY_TABLE: 'registry',
    DOCUMENTS_BUCKET: 'documents',
    AWS_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: 'x',
    AWS_SECRET_ACCESS_KEY: 'x',
    LOG_LEVEL: 'ERROR',
  });
});
beforeEach(() => {
  dynamo.reset();
  s3.reset();
});

const context = { awsRequestId: 'req-1', getRemainingTimeInMillis: () => 30_000 } as unknown as Context;

function event(over: {
  method?: string;
  body?: unknown;
  claims?: Record<string, string>;
  path?: Record<string, string>;
  query?: Record<string, string>;
}): HttpEvent {
  return {
    version: '2.0',
    routeKey: 'x',
    rawPath: '/',
    rawQueryString: '',
    headers: { 'content-type': 'application/json' },
    ...(over.path ? { pathParameters: over.path } : {}),
    ...(over.query ? { queryStringParameters: over.query } : {}),
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
    ...(over.body !== undefined ? { body: JSON.stringify(over.body) } : {}),
    isBase64Encoded: false,
  } as unknown as HttpEvent;
}

const bytes = Buffer.from('%PDF-1.7 a signed application form');
const declared = {
  kind: 'application_form',
  fileName: '张三 申请书.pdf',
  contentType: 'application/pdf',
  size: bytes.length,
  sha256: createHash('sha256').update(bytes).digest('hex').toUpperCase(),
};
const applicant = { sub: 'alice', role: 'applicant', idHash: 'f'.repeat(64) };
const errorPaths = (body: string | undefined) =>
  (JSON.parse(body!).errors as { path: string }[]).map((e) => e.path);

describe('POST /v1/materials', () => {
  it('refuses a kind outside the checklists, another type, a bad size or hash, with every path', async () => {
    const { create } = await import('#api/materials');
    const r = await create(
      event({
        body: {
          ...declared,
          kind: 'selfie',
          contentType: 'image/gif',
          size: 20 * 1024 * 1024 + 1,
          sha256: 'zz',
        },
        claims: applicant,
      }),
      context,
    );
    expect(r.statusCode).toBe(400);
    expect(errorPaths(r.body).sort()).toEqual(['body.contentType', 'body.kind', 'body.sha256', 'body.size']);
    const empty = await create(
      event({ body: { ...declared, size: 0, fileName: ' ' }, claims: applicant }),
      context,
    );
    expect(errorPaths(empty.body).sort()).toEqual(['body.fileName', 'body.size']);
    const path = await create(
      event({ body: { ...declared, fileName: '../etc/passwd' }, claims: applicant }),
      context,
    );
    expect(errorPaths(path.body)).toEqual(['body.fileName']);
    expect(dynamo.calls()).toHaveLength(0);
  });

  it('admits applicants and clerks only', async () => {
    const { create } = await import('#api/materials');
    expect((await create(event({ body: declared }), context)).statusCode).toBe(401);
    const examiner = { sub: 'e', role: 'examiner', authority: '440300' };
    expect((await create(event({ body: declared, claims: examiner }), context)).statusCode).toBe(403);
  });

  it('records the material in one write and signs the type, exact length and SHA-256 into the URL', async () => {
    dynamo.on(PutCommand).resolves({});
    const { create } = await import('#api/materials');
    const r = await create(event({ body: declared, claims: applicant }), context);
    expect(r.statusCode).toBe(201);
    const ticket = JSON.parse(r.body!);
    const url = new URL(ticket.uploadUrl);
    expect(url.pathname).toBe(`/materials/${ticket.materialId}`);
    expect(url.searchParams.get('X-Amz-SignedHeaders')).toBe(
      'content-length;content-type;host;x-amz-checksum-sha256',
    );
    expect(url.searchParams.get('X-Amz-Expires')).toBe('900');
    // Signed as headers, not hoisted into the query, where S3 would not enforce them.
    expect([...url.searchParams.keys()].map((k) => k.toLowerCase())).not.toContain('x-amz-checksum-sha256');
    expect(ticket.requiredHeaders).toEqual({
      'content-type': 'application/pdf',
      'content-length': String(bytes.length),
      'x-amz-checksum-sha256': createHash('sha256').update(bytes).digest('base64'),
    });

    expect(dynamo.calls()).toHaveLength(1);
    expect(s3.calls()).toHaveLength(0);
    const put = dynamo.commandCalls(PutCommand)[0]!.args[0].input;
    expect(put.ConditionExpression).toBe('attribute_not_exists(pk)');
    expect(put.Item).toMatchObject({
      pk: `MAT#${ticket.materialId}`,
      sk: 'MAT',
      kind: 'application_form',
      contentType: 'application/pdf',
      size: bytes.length,
      sha256: declared.sha256.toLowerCase(),
      status: 'pending',
      ownerSub: 'alice',
      ownerIdHash: applicant.idHash,
      channel: 'online',
    });
    expect(put.Item).not.toHaveProperty('branchId');
    // The file name may name a person: it stays in the record and out of the key.
    expect(ticket.uploadUrl).not.toContain(encodeURIComponent('张三'));
  });

  it("records a clerk's material under the branch, never with the clerk's identity as the owner's", async () => {
    dynamo.on(PutCommand).resolves({});
    const { create } = await import('#api/materials');
    const clerk = { sub: 'clerk-1', role: 'bank_clerk', branchId: 'B-1', idHash: 'c'.repeat(64) };
    expect((await create(event({ body: declared, claims: clerk }), context)).statusCode).toBe(201);
    const item = dynamo.commandCalls(PutCommand)[0]!.args[0].input.Item!;
    expect(item).toMatchObject({ ownerSub: 'clerk-1', branchId: 'B-1', channel: 'bank' });
    expect(item).not.toHaveProperty('ownerIdHash');
  });

  it('answers 500 revealing nothing when the write fails, and hands out no URL', async () => {
    dynamo.on(PutCommand).rejects(new Error('connect ECONNREFUSED 10.0.0.9:8000'));
    const { create } = await import('#api/materials');
    const r = await create(event({ body: declared, claims: applicant }), context);
    expect(r.statusCode).toBe(500);
    expect(r.body).not.toMatch(/ECONNREFUSED|10\.0\.0\.9|X-Amz/);
  });
});

describe('catalogue routes', () => {
  it('answers a checklist and refuses an unknown entity type at path.entityType', async () => {
    const { checklist } = await import('#api/catalogue');
    const ok = await checklist(event({ method: 'GET', path: { entityType: 'partnership' } }), context);
    expect(ok.statusCode).toBe(200);
    const body = JSON.parse(ok.body!);
    expect(body).toMatchObject({ entityType: 'partnership', version: expect.stringMatching(/^checklists@/) });
    expect(body.items).toContainEqual(
      expect.objectContaining({ kind: 'partnership_agreement', required: true }),
    );
    const bad = await checklist(event({ method: 'GET', path: { entityType: 'trust' } }), context);
    expect(bad.statusCode).toBe(400);
    expect(errorPaths(bad.body)).toEqual(['path.entityType']);
  });

  it('searches the scope with a bounded limit', async () => {
    const { scope } = await import('#api/catalogue');
    const ok = await scope(event({ method: 'GET', query: { q: 'I65', limit: '2' } }), context);
    expect(JSON.parse(ok.body!).items.map((i: { code: string }) => i.code)).toEqual(['I65001', 'I65002']);
    const bad = await scope(event({ method: 'GET', query: { limit: '500' } }), context);
    expect(bad.statusCode).toBe(400);
    expect(errorPaths(bad.body)).toEqual(['query.limit']);
  });
});
