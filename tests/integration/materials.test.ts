import { createHash, randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { awsAdapters } from '#adapters/aws-ports';
import { roundTrips } from '#adapters/clients';
import { LocalFileSealer } from '#adapters/sealer';
import { verifyMaterials } from '#app/materials/materials';
import { identityHash } from '#domain/identity';
import { call, runtime, tokenFor } from './support.ts';

interface Ticket {
  materialId: string;
  kind: string;
  status: string;
  uploadUrl: string;
  expiresAt: string;
  requiredHeaders: Record<string, string>;
}

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
/** A small PDF-looking file; random after the magic bytes so no two tests share content. */
const pdf = (size = 4096) => Buffer.concat([Buffer.from('%PDF-1.7\n'), randomBytes(size - 9)]);
const ID_NUMBER = '11010519491231002X';

function requestUpload(token: string, file: Buffer, over: Record<string, unknown> = {}) {
  return call<Ticket>('POST', '/v1/materials', {
    token,
    body: {
      kind: 'application_form',
      fileName: '张三-设立登记申请书.pdf',
      contentType: 'application/pdf',
      size: file.length,
      sha256: sha256(file),
      ...over,
    },
  });
}

/** The PUT a client makes: the ticket's headers exactly, unless a test sends others. */
function put(ticket: Ticket, body: Buffer, headers: Record<string, string> = ticket.requiredHeaders) {
  return fetch(ticket.uploadUrl, { method: 'PUT', headers, body });
}

async function uploaded(token: string, file = pdf()): Promise<Ticket> {
  const r = await requestUpload(token, file);
  expect(r.status).toBe(201);
  expect((await put(r.body, file)).status).toBe(200);
  return r.body;
}

let alice: string;
let verify: (ids: string[], owner: { sub: string; idHash?: string }) => ReturnType<typeof verifyMaterials>;
const aliceOwner = { sub: 'mat-alice' };

beforeAll(async () => {
  runtime(); // process.env now points at the runtime's engines, for the verifier built here
  const ports = awsAdapters(() => new LocalFileSealer(join(tmpdir(), 'unused-sealing-key')));
  verify = (ids, owner) => verifyMaterials(ports, ids, owner);
  alice = await tokenFor({ role: 'applicant', sub: 'mat-alice' });
});

describe('POST /v1/materials', () => {
  it('records the material and answers a 15-minute PUT under a key with no personal data', async () => {
    const file = pdf();
    const before = Date.now();
    const r = await requestUpload(alice, file);
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ kind: 'application_form', status: 'pending' });
    const url = new URL(r.body.uploadUrl);
    expect(url.pathname).toBe(`/documents/materials/${r.body.materialId}`);
    expect(r.body.uploadUrl).not.toMatch(/张三|%E5%BC%A0|pdf$/i);
    expect(url.searchParams.get('X-Amz-Expires')).toBe('900');
    const expires = Date.parse(r.body.expiresAt);
    expect(r.body.expiresAt).toMatch(/\+08:00$/);
    expect(expires - before).toBeGreaterThan(14 * 60_000);
    expect(expires - before).toBeLessThanOrEqual(15 * 60_000 + 1000);
    expect(r.body.requiredHeaders).toEqual({
      'content-type': 'application/pdf',
      'content-length': String(file.length),
      'x-amz-checksum-sha256': createHash('sha256').update(file).digest('base64'),
    });
  });

  it('takes the bytes at the upload URL with the required headers', async () => {
    const file = pdf();
    const { body: ticket } = await requestUpload(alice, file);
    const res = await put(ticket, file);
    expect(res.status).toBe(200);
  });

  it('refuses bad declarations with the field paths, a missing token and a role that files nothing', async () => {
    const bad = await requestUpload(alice, pdf(), {
      kind: 'selfie',
      contentType: 'text/html',
      size: 20 * 1024 * 1024 + 1,
      sha256: 'abc',
    });
    expect(bad.status).toBe(400);
    const paths = (bad.body as unknown as { errors: { path: string }[] }).errors.map((e) => e.path);
    expect(paths).toEqual(
      expect.arrayContaining(['body.kind', 'body.contentType', 'body.size', 'body.sha256']),
    );
    const anonymous = await call('POST', '/v1/materials', { body: {} });
    expect(anonymous.status).toBe(401);
    const examiner = await tokenFor({ role: 'examiner', sub: 'mat-examiner', authority: '440300' });
    expect((await requestUpload(examiner, pdf())).status).toBe(403);
  });

  it('replays the first ticket for a repeated Idempotency-Key', async () => {
    const file = pdf();
    const body = {
      kind: 'articles_of_association',
      fileName: 'articles.pdf',
      contentType: 'application/pdf',
      size: file.length,
      sha256: sha256(file),
    };
    const headers = { 'idempotency-key': `mat-${randomBytes(8).toString('hex')}` };
    const first = await call<Ticket>('POST', '/v1/materials', { token: alice, body, headers });
    const again = await call<Ticket>('POST', '/v1/materials', { token: alice, body, headers });
    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(again.body.materialId).toBe(first.body.materialId);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
  });
});

describe('verifyMaterials against the runtime engines', () => {
  it('is ok for the declared bytes, marks it once, and reads its object once', async () => {
    const ticket = await uploaded(alice);
    const t0 = roundTrips();
    expect(await verify([ticket.materialId], aliceOwner)).toEqual([
      { id: ticket.materialId, kind: 'application_form', ok: true },
    ]);
    const t1 = roundTrips();
    // A repeat finds the record verified and writes nothing.
    expect((await verify([ticket.materialId], aliceOwner))[0]!.ok).toBe(true);
    const t2 = roundTrips();
    expect({ dynamodb: t1.dynamodb - t0.dynamodb, s3: t1.s3 - t0.s3 }).toEqual({ dynamodb: 2, s3: 1 });
    // Verified once: the object is not read again (the presigned PUT binds its SHA-256).
    expect({ dynamodb: t2.dynamodb - t1.dynamodb, s3: t2.s3 - t1.s3 }).toEqual({ dynamodb: 1, s3: 0 });
  });

  it('reads every record of a batch in one round trip', async () => {
    const tickets = await Promise.all([1, 2, 3, 4, 5].map(() => uploaded(alice, pdf(2048))));
    const t0 = roundTrips();
    const checks = await verify(
      tickets.map((t) => t.materialId),
      aliceOwner,
    );
    const t1 = roundTrips();
    expect(checks.every((c) => c.ok)).toBe(true);
    // One BatchGet, one GetObject per material, and one transaction marking all five verified.
    expect({ dynamodb: t1.dynamodb - t0.dynamodb, s3: t1.s3 - t0.s3 }).toEqual({ dynamodb: 2, s3: 5 });
  });

  it("says 'not uploaded yet' before the PUT, and ok after it", async () => {
    const file = pdf();
    const { body: ticket } = await requestUpload(alice, file);
    expect(await verify([ticket.materialId], aliceOwner)).toEqual([
      { id: ticket.materialId, kind: 'application_form', ok: false, problem: 'not uploaded yet' },
    ]);
    await put(ticket, file);
    expect((await verify([ticket.materialId], aliceOwner))[0]!.ok).toBe(true);
  });

  it("says 'SHA-256 differs' for other bytes of the declared length", async () => {
    const file = pdf();
    const { body: ticket } = await requestUpload(alice, file);
    // The local S3 stand-in checks neither signatures nor checksums (AWS would answer 400 BadDigest):
    // the verifier is what refuses the file here.
    await put(ticket, pdf(file.length));
    const [check] = await verify([ticket.materialId], aliceOwner);
    expect(check).toMatchObject({ ok: false, problem: 'SHA-256 differs' });
  });

  it('never accepts a PUT of another content type or length', async () => {
    const file = pdf();
    const typed = (await requestUpload(alice, file)).body;
    const typePut = await put(typed, file, { ...typed.requiredHeaders, 'content-type': 'image/png' });
    const sized = (await requestUpload(alice, file)).body;
    // A client with another file sends that file's length (fetch sets it from the body).
    const { 'content-length': _declared, ...otherLength } = sized.requiredHeaders;
    const sizePut = await put(sized, Buffer.concat([file, Buffer.from('tail')]), otherLength);
    const [byType, bySize] = await verify([typed.materialId, sized.materialId], aliceOwner);
    // AWS refuses both PUTs (the type and length are signed headers); s3rver verifies no SigV4 signature
    // and stores them, so the verifier must refuse what landed. Either way the material is not ok.
    expect([typePut.status, sizePut.status].every((s) => s === 200 || s === 403)).toBe(true);
    expect(byType).toMatchObject({ ok: false });
    expect(['not uploaded yet', 'content type differs']).toContain(byType!.problem);
    expect(bySize).toMatchObject({ ok: false });
    expect(['not uploaded yet', 'size differs']).toContain(bySize!.problem);
  });

  it("treats another applicant's material, and unknown or malformed ids, as not found", async () => {
    const ticket = await uploaded(alice);
    const checks = await verify([ticket.materialId, '0000000000aaaaaaaaaaaaaaaa', '../x'], {
      sub: 'mat-bob',
    });
    expect(checks).toEqual([
      { id: ticket.materialId, kind: '', ok: false, problem: 'not found' },
      { id: '0000000000aaaaaaaaaaaaaaaa', kind: '', ok: false, problem: 'not found' },
      { id: '../x', kind: '', ok: false, problem: 'not found' },
    ]);
  });

  it('belongs to the same person signed in another way, and to every clerk of the branch that took it', async () => {
    const carol = await tokenFor({ role: 'applicant', sub: 'mat-carol-app', idNumber: ID_NUMBER });
    const own = await uploaded(carol);
    const sameIdHash = { sub: 'mat-carol-web', idHash: identityHash(ID_NUMBER) };
    expect((await verify([own.materialId], sameIdHash))[0]!.ok).toBe(true);

    const clerk = await tokenFor({ role: 'bank_clerk', sub: 'mat-clerk-1', branchId: 'B-MAT-1' });
    const counter = await uploaded(clerk);
    const colleague = { sub: 'mat-clerk-2', branchId: 'B-MAT-1' };
    const elsewhere = { sub: 'mat-clerk-3', branchId: 'B-MAT-2' };
    expect((await verify([counter.materialId], colleague))[0]!.ok).toBe(true);
    expect((await verify([counter.materialId], elsewhere))[0]!.problem).toBe('not found');
  });
});
