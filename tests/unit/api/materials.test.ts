import { createHash } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { memoryPorts } from '#adapters/memory/ports';
import { handlers } from '#api/materials';
import { context, errorPaths, event } from './support.ts';

// POST /v1/materials on in-memory ports: what the S3 adapter signs into the URL is its own test's
// (tests/unit/adapters/s3-documents.test.ts); here, the route's answers and what it records.
beforeEach(() => {
  vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
  vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
});
afterEach(() => vi.restoreAllMocks());

const bytes = Buffer.from('%PDF-1.7 a signed application form');
const declared = {
  kind: 'application_form',
  fileName: '张三 申请书.pdf',
  contentType: 'application/pdf',
  size: bytes.length,
  sha256: createHash('sha256').update(bytes).digest('hex').toUpperCase(),
};
const applicant = { sub: 'alice', role: 'applicant', idHash: 'f'.repeat(64) };

function routes() {
  const ports = memoryPorts();
  return { ports, ...handlers(ports) };
}

describe('POST /v1/materials', () => {
  it('refuses a kind outside the checklists, another type, a bad size or hash, with every path', async () => {
    const { create, ports } = routes();
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
    expect(ports.registry.materials.size).toBe(0);
  });

  it('admits applicants and clerks only', async () => {
    const { create } = routes();
    expect((await create(event({ body: declared }), context)).statusCode).toBe(401);
    const examiner = { sub: 'e', role: 'examiner', authority: '440300' };
    expect((await create(event({ body: declared, claims: examiner }), context)).statusCode).toBe(403);
  });

  it('records the material and answers the upload ticket bound to the declaration', async () => {
    const { create, ports } = routes();
    const r = await create(event({ body: declared, claims: applicant }), context);
    expect(r.statusCode).toBe(201);
    const ticket = JSON.parse(r.body!);
    expect(ticket).toMatchObject({ kind: 'application_form', status: 'pending' });
    expect(ticket.expiresAt).toMatch(/\+08:00$/);
    expect(ticket.requiredHeaders).toEqual({
      'content-type': 'application/pdf',
      'content-length': String(bytes.length),
      'x-amz-checksum-sha256': createHash('sha256').update(bytes).digest('base64'),
    });
    expect(ports.registry.materials.get(ticket.materialId)).toMatchObject({
      kind: 'application_form',
      contentType: 'application/pdf',
      size: bytes.length,
      sha256: declared.sha256.toLowerCase(),
      status: 'pending',
      ownerSub: 'alice',
      ownerIdHash: applicant.idHash,
      channel: 'online',
    });
    expect(ports.registry.materials.get(ticket.materialId)).not.toHaveProperty('branchId');
    // The file name may name a person: it stays in the record and out of the key.
    expect(ticket.uploadUrl).toContain(`materials/${ticket.materialId}`);
    expect(ticket.uploadUrl).not.toContain(encodeURI('张三'));
  });

  it("records a clerk's material under the branch, never with the clerk's identity as the owner's", async () => {
    const { create, ports } = routes();
    const clerk = { sub: 'clerk-1', role: 'bank_clerk', branchId: 'B-1', idHash: 'c'.repeat(64) };
    const r = await create(event({ body: declared, claims: clerk }), context);
    expect(r.statusCode).toBe(201);
    const stored = ports.registry.materials.get(JSON.parse(r.body!).materialId)!;
    expect(stored).toMatchObject({ ownerSub: 'clerk-1', branchId: 'B-1', channel: 'bank' });
    expect(stored).not.toHaveProperty('ownerIdHash');
  });

  it('answers 500 revealing nothing when the write fails, and hands out no URL', async () => {
    const { create, ports } = routes();
    vi.spyOn(ports.materials, 'create').mockRejectedValue(new Error('connect ECONNREFUSED 10.0.0.9:8000'));
    const r = await create(event({ body: declared, claims: applicant }), context);
    expect(r.statusCode).toBe(500);
    expect(r.body).not.toMatch(/ECONNREFUSED|10\.0\.0\.9|memory:/);
    expect(ports.documents.presigned.size).toBe(0);
  });
});
