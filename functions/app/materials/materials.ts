/**
 * Materials (申请材料): an upload is requested with what the file is (kind, type, size, SHA-256); the
 * record is kept and the file goes straight to the documents bucket through a presigned PUT bound to
 * those declarations. Nothing trusts the upload until `verifyMaterials` has read the object back and
 * hashed it, once: in AWS the presigned PUT carries the declared SHA-256 as a signed checksum, so no
 * other bytes can ever stand under the key (docs/decisions/0012-layers-and-ports.md).
 */
import type { Caller } from '#domain/caller';
import {
  belongsTo,
  MATERIAL_ID,
  type MaterialCheck,
  type MaterialOwner,
  type MaterialRecord,
  materialObjectKey,
  materialOwnership,
} from '#domain/material';
import type { PresignedUpload } from '#ports/documents';
import type { Ports } from '#ports/ports';

/** Long enough for a slow counter scan, short enough that a leaked URL soon stops working. */
export const UPLOAD_TTL_SECONDS = 15 * 60;
/** Objects hashed at once by one verification: bounds open streams, not memory (bodies are streamed). */
const CONCURRENCY = 4;

export interface MaterialDeclaration {
  kind: string;
  fileName: string;
  contentType: string;
  size: number;
  sha256: string;
}

/** Records the material as pending and returns where to PUT it: one storage round trip. */
export async function requestMaterial(
  ports: Pick<Ports, 'materials' | 'documents' | 'clock' | 'ids'>,
  declared: MaterialDeclaration,
  caller: Caller,
): Promise<{ record: MaterialRecord; upload: PresignedUpload }> {
  const now = ports.clock.now();
  const id = ports.ids.newId(now);
  const record: MaterialRecord = {
    id,
    ...declared,
    status: 'pending',
    ...materialOwnership(caller),
    createdAt: now.toISOString(),
    uploadExpiresAt: new Date(now.getTime() + UPLOAD_TTL_SECONDS * 1000).toISOString(),
  };
  // Recorded before the URL exists, so no URL is ever handed out for a material the registry lacks.
  await ports.materials.create(record);
  const upload = await ports.documents.presignPut(materialObjectKey(id), declared, now, UPLOAD_TTL_SECONDS);
  return { record, upload };
}

/**
 * One batch read of the records; each object not yet verified is streamed and hashed, and those that
 * check out are marked verified in one write. A verified material is not read again: ownership is
 * checked on its record every time, its bytes once.
 */
export async function verifyMaterials(
  ports: Pick<Ports, 'materials' | 'documents' | 'clock'>,
  ids: readonly string[],
  owner: MaterialOwner,
): Promise<MaterialCheck[]> {
  const unique = [...new Set(ids)];
  const wellFormed = unique.filter((id) => MATERIAL_ID.test(id));
  const records = wellFormed.length
    ? await ports.materials.getMany(wellFormed)
    : new Map<string, MaterialRecord>();
  const checks = new Map<string, MaterialCheck>();
  const newlyVerified: string[] = [];
  await inBatches(unique, CONCURRENCY, async (id) => {
    const check = await checkOne(ports, id, records.get(id), owner);
    if (check.ok && records.get(id)?.status !== 'verified') newlyVerified.push(id);
    checks.set(id, check);
  });
  if (newlyVerified.length) await ports.materials.markVerified(newlyVerified, ports.clock.now());
  return ids.map((id) => checks.get(id)!);
}

async function checkOne(
  ports: Pick<Ports, 'documents'>,
  id: string,
  record: MaterialRecord | undefined,
  owner: MaterialOwner,
): Promise<MaterialCheck> {
  // Someone else's material reads exactly like a missing one: never say which (and never its kind).
  if (!record || !belongsTo(record, owner)) return { id, kind: '', ok: false, problem: 'not found' };
  if (record.status === 'verified') return { id, kind: record.kind, ok: true };
  const refused = (problem: string): MaterialCheck => ({ id, kind: record.kind, ok: false, problem });
  const stored = await ports.documents.digest(materialObjectKey(id), record.size);
  if (stored.state === 'missing') return refused('not uploaded yet');
  if (stored.size !== record.size) return refused('size differs');
  if (stored.contentType !== record.contentType) return refused('content type differs');
  if (stored.sha256 !== record.sha256) return refused('SHA-256 differs');
  return { id, kind: record.kind, ok: true };
}

async function inBatches<T>(
  items: readonly T[],
  width: number,
  run: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await run(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(width, items.length) }, worker));
}
