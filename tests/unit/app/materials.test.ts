import { describe, expect, it, vi } from 'vitest';
import { requestMaterial, UPLOAD_TTL_SECONDS, verifyMaterials } from '#app/materials/materials';
import { alice, bob, clerk, freshPorts, sha256, T0, type TestPorts, upload } from './support.ts';

// verifyMaterials outcomes on the in-memory ports: the record store and the bucket's digest, as the
// workflow's materials check calls them. The SDK side (BatchGet, streaming, presigning) is the adapters'.
const KIND = 'articles_of_association';
const BYTES = '%PDF-1.7 the articles of association, signed';
const owner = { sub: 'alice' };

async function pending(ports: TestPorts, content = BYTES) {
  const { record } = await requestMaterial(
    ports,
    {
      kind: KIND,
      fileName: 'articles.pdf',
      contentType: 'application/pdf',
      size: Buffer.byteLength(content),
      sha256: sha256(content),
    },
    alice,
  );
  return record.id;
}

describe('requestMaterial', () => {
  it('records the material as pending, then presigns an upload bound to the declaration', async () => {
    const ports = freshPorts();
    const declared = {
      kind: KIND,
      fileName: '张三 章程.pdf',
      contentType: 'application/pdf',
      size: 42,
      sha256: sha256('x'),
    };
    const { record, upload: ticket } = await requestMaterial(ports, declared, alice);
    expect(ports.registry.materials.get(record.id)).toMatchObject({
      ...declared,
      status: 'pending',
      ownerSub: 'alice',
      ownerIdHash: alice.idHash,
      channel: 'online',
      createdAt: T0.toISOString(),
      uploadExpiresAt: new Date(T0.getTime() + UPLOAD_TTL_SECONDS * 1000).toISOString(),
    });
    expect(ports.documents.presigned.get(`materials/${record.id}`)).toMatchObject({
      contentType: 'application/pdf',
      size: 42,
      sha256: sha256('x'),
    });
    expect(ticket.expiresAt).toEqual(new Date(T0.getTime() + 900_000));
    // The key is the id only: the file name may name a person.
    expect(ticket.url).not.toContain(encodeURI('张三'));
  });

  it('hands out no URL when the record cannot be written', async () => {
    const ports = freshPorts();
    vi.spyOn(ports.materials, 'create').mockRejectedValue(new Error('connect ECONNREFUSED'));
    await expect(
      requestMaterial(
        ports,
        { kind: KIND, fileName: 'a.pdf', contentType: 'application/pdf', size: 1, sha256: sha256('a') },
        alice,
      ),
    ).rejects.toThrow('ECONNREFUSED');
    expect(ports.documents.presigned.size).toBe(0);
  });
});

describe('verifyMaterials', () => {
  it('is ok for the declared bytes and marks the records verified in one write', async () => {
    const ports = freshPorts();
    const [a, b] = [await pending(ports), await pending(ports, `${BYTES}, twice`)];
    ports.documents.put(`materials/${a}`, BYTES, 'application/pdf');
    ports.documents.put(`materials/${b}`, `${BYTES}, twice`, 'application/pdf');
    const mark = vi.spyOn(ports.materials, 'markVerified');
    ports.clock.advance(60_000);
    expect(await verifyMaterials(ports, [a, b], owner)).toEqual([
      { id: a, kind: KIND, ok: true },
      { id: b, kind: KIND, ok: true },
    ]);
    expect(mark).toHaveBeenCalledTimes(1);
    expect(mark.mock.calls[0]![0]).toEqual(expect.arrayContaining([a, b]));
    expect(ports.registry.materials.get(a)).toMatchObject({
      status: 'verified',
      verifiedAt: new Date(T0.getTime() + 60_000).toISOString(),
    });
  });

  it('does not read a verified material again, nor write it again', async () => {
    const ports = freshPorts();
    const id = await pending(ports);
    ports.documents.put(`materials/${id}`, BYTES, 'application/pdf');
    await verifyMaterials(ports, [id], owner);
    const digest = vi.spyOn(ports.documents, 'digest');
    const mark = vi.spyOn(ports.materials, 'markVerified');
    // Other bytes under the key now: a verified material's bytes are not read again.
    ports.documents.put(`materials/${id}`, 'other bytes', 'image/png');
    expect(await verifyMaterials(ports, [id], owner)).toEqual([{ id, kind: KIND, ok: true }]);
    expect(digest).not.toHaveBeenCalled();
    expect(mark).not.toHaveBeenCalled();
  });

  it("says 'not uploaded yet' while the object is missing, and marks nothing", async () => {
    const ports = freshPorts();
    const id = await pending(ports);
    expect(await verifyMaterials(ports, [id], owner)).toEqual([
      { id, kind: KIND, ok: false, problem: 'not uploaded yet' },
    ]);
    expect(ports.registry.materials.get(id)?.status).toBe('pending');
  });

  it("says 'size differs' for an object of another length", async () => {
    const ports = freshPorts();
    const id = await pending(ports);
    ports.documents.put(`materials/${id}`, `${BYTES}!`, 'application/pdf');
    expect(await verifyMaterials(ports, [id], owner)).toEqual([
      { id, kind: KIND, ok: false, problem: 'size differs' },
    ]);
  });

  it("says 'SHA-256 differs' for other bytes of the declared length, and marks nothing", async () => {
    const ports = freshPorts();
    const id = await pending(ports);
    ports.documents.put(`materials/${id}`, BYTES.toUpperCase(), 'application/pdf');
    expect(await verifyMaterials(ports, [id], owner)).toEqual([
      { id, kind: KIND, ok: false, problem: 'SHA-256 differs' },
    ]);
    expect(ports.registry.materials.get(id)?.status).toBe('pending');
  });

  it("says 'content type differs' when the object was stored as another type", async () => {
    const ports = freshPorts();
    const id = await pending(ports);
    ports.documents.put(`materials/${id}`, BYTES, 'image/png');
    expect(await verifyMaterials(ports, [id], owner)).toEqual([
      { id, kind: KIND, ok: false, problem: 'content type differs' },
    ]);
  });

  it("says 'not found' for an unknown id, another's material or a malformed id, and reveals no kind", async () => {
    const ports = freshPorts();
    const id = await pending(ports);
    ports.documents.put(`materials/${id}`, BYTES, 'application/pdf');
    const getMany = vi.spyOn(ports.materials, 'getMany');
    const digest = vi.spyOn(ports.documents, 'digest');
    const unknown = '01kabcdefg0123456789zzzzzz';
    const checks = await verifyMaterials(ports, [id, unknown, 'materials/../x'], { sub: bob.sub });
    expect(checks).toEqual([
      { id, kind: '', ok: false, problem: 'not found' },
      { id: unknown, kind: '', ok: false, problem: 'not found' },
      { id: 'materials/../x', kind: '', ok: false, problem: 'not found' },
    ]);
    // The malformed id is never looked up; nobody's object is read.
    expect(getMany).toHaveBeenCalledWith([id, unknown]);
    expect(digest).not.toHaveBeenCalled();
    expect(ports.registry.materials.get(id)?.status).toBe('pending');
  });

  it('looks nothing up when no id is well formed', async () => {
    const ports = freshPorts();
    const getMany = vi.spyOn(ports.materials, 'getMany');
    expect(await verifyMaterials(ports, ['x'], owner)).toEqual([
      { id: 'x', kind: '', ok: false, problem: 'not found' },
    ]);
    expect(getMany).not.toHaveBeenCalled();
  });

  it('admits the verified person and a clerk of the branch that took the material', async () => {
    const ports = freshPorts();
    const mine = await upload(ports, alice, KIND);
    const counter = await upload(ports, clerk, KIND);
    expect(await verifyMaterials(ports, [mine], { sub: 'alice-web', idHash: alice.idHash! })).toEqual([
      { id: mine, kind: KIND, ok: true },
    ]);
    expect(await verifyMaterials(ports, [counter], { sub: 'clerk-2', branchId: 'B-1' })).toEqual([
      { id: counter, kind: KIND, ok: true },
    ]);
  });

  it('answers one check per id given, in order, reading a repeated id once', async () => {
    const ports = freshPorts();
    const id = await pending(ports);
    const missing = await pending(ports, 'never uploaded');
    ports.documents.put(`materials/${id}`, BYTES, 'application/pdf');
    const digest = vi.spyOn(ports.documents, 'digest');
    const checks = await verifyMaterials(ports, [id, missing, id], owner);
    expect(checks.map((c) => [c.id, c.ok])).toEqual([
      [id, true],
      [missing, false],
      [id, true],
    ]);
    expect(digest).toHaveBeenCalledTimes(2);
  });

  it('lets a storage failure through, so the task retries instead of calling the material bad', async () => {
    const ports = freshPorts();
    const id = await pending(ports);
    ports.documents.put(`materials/${id}`, BYTES, 'application/pdf');
    vi.spyOn(ports.documents, 'digest').mockRejectedValue(
      Object.assign(new Error('Access Denied'), { name: 'AccessDenied' }),
    );
    const mark = vi.spyOn(ports.materials, 'markVerified');
    await expect(verifyMaterials(ports, [id], owner)).rejects.toThrow('Access Denied');
    expect(mark).not.toHaveBeenCalled();
  });
});
