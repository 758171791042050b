/**
 * Materials (申请材料): an upload is requested with what the file is (kind, type, size, SHA-256), the
 * record is kept in the registry table and the file goes straight to S3 through a presigned PUT bound to
 * those declarations. Nothing trusts the upload until `verify` has read the object back and hashed it:
 * that is what the registration workflow's CheckMaterials task calls.
 */
import type { Caller } from '#domain/caller';
import { type Clock, systemClock } from '#ports/clock';
import type { MaterialCheck, MaterialOwner, MaterialVerifier } from '#ports/materials';
import { DynamoMaterialStore, type MaterialRecord } from './dynamo-materials.ts';
import { newId } from './ids.ts';
import { type PresignedUpload, S3Documents } from './s3-documents.ts';

/** Long enough for a slow counter scan, short enough that a leaked URL soon stops working. */
export const UPLOAD_TTL_SECONDS = 15 * 60;
/** Objects hashed at once by one verification: bounds open streams, not memory (bodies are streamed). */
const CONCURRENCY = 4;
/** The shape `newId` makes; anything else cannot be a material, so it is refused without a lookup. */
const MATERIAL_ID = /^[0-9a-z]{26}$/;

/** The object key: the generated id only, so the bucket holds no names or identity numbers. */
export const materialObjectKey = (id: string) => `materials/${id}`;

export interface MaterialDeclaration {
  kind: string;
  fileName: string;
  contentType: string;
  size: number;
  sha256: string;
}

/**
 * Whose material it is: the sub that requested it, the person whose verified identity it carries, or
 * any clerk of the branch that took it at the counter (a colleague may file what another one scanned).
 */
export function belongsTo(record: MaterialRecord, owner: MaterialOwner): boolean {
  if (record.ownerSub === owner.sub) return true;
  if (owner.idHash && record.ownerIdHash === owner.idHash) return true;
  return Boolean(owner.branchId && record.branchId === owner.branchId);
}

/** Who owns a material requested by this caller: a clerk's material belongs to the clerk's branch too. */
function ownership(
  caller: Caller,
): Pick<MaterialRecord, 'ownerSub' | 'ownerIdHash' | 'branchId' | 'channel'> {
  if (caller.role === 'bank_clerk')
    // The clerk's own identity is not the applicant's: it is never recorded as the owner's.
    return {
      ownerSub: caller.sub,
      channel: 'bank',
      ...(caller.branchId ? { branchId: caller.branchId } : {}),
    };
  return {
    ownerSub: caller.sub,
    channel: 'online',
    ...(caller.idHash ? { ownerIdHash: caller.idHash } : {}),
  };
}

export class MaterialService implements MaterialVerifier {
  constructor(
    private readonly store = new DynamoMaterialStore(),
    private readonly documents = new S3Documents(),
    private readonly clock: Clock = systemClock,
  ) {}

  /** Records the material as pending and returns where to PUT it: one storage round trip. */
  async request(
    declared: MaterialDeclaration,
    caller: Caller,
  ): Promise<{ record: MaterialRecord; upload: PresignedUpload }> {
    const now = this.clock.now();
    const id = newId(now.getTime());
    const record: MaterialRecord = {
      id,
      kind: declared.kind,
      fileName: declared.fileName,
      contentType: declared.contentType,
      size: declared.size,
      sha256: declared.sha256,
      status: 'pending',
      ...ownership(caller),
      createdAt: now.toISOString(),
      uploadExpiresAt: new Date(now.getTime() + UPLOAD_TTL_SECONDS * 1000).toISOString(),
    };
    // Recorded before the URL exists, so no URL is ever handed out for a material the registry lacks.
    await this.store.create(record);
    const upload = await this.documents.presignPut(materialObjectKey(id), declared, now, UPLOAD_TTL_SECONDS);
    return { record, upload };
  }

  /**
   * One batch read of the records, then each object streamed and hashed. A material that checks out is
   * marked verified (once; a repeat finds it so and writes nothing). The object is read again on every
   * call: until the upload URL expires, the file under it could still be replaced.
   */
  async verify(ids: readonly string[], owner: MaterialOwner): Promise<MaterialCheck[]> {
    const unique = [...new Set(ids)];
    const wellFormed = unique.filter((id) => MATERIAL_ID.test(id));
    const records = wellFormed.length
      ? await this.store.getMany(wellFormed)
      : new Map<string, MaterialRecord>();
    const checks = new Map<string, MaterialCheck>();
    await inBatches(unique, CONCURRENCY, async (id) => {
      checks.set(id, await this.check(id, records.get(id), owner));
    });
    return ids.map((id) => checks.get(id)!);
  }

  private async check(
    id: string,
    record: MaterialRecord | undefined,
    owner: MaterialOwner,
  ): Promise<MaterialCheck> {
    // Someone else's material reads exactly like a missing one: never say which (and never its kind).
    if (!record || !belongsTo(record, owner)) return { id, kind: '', ok: false, problem: 'not found' };
    const refused = (problem: string): MaterialCheck => ({ id, kind: record.kind, ok: false, problem });
    const stored = await this.documents.digest(materialObjectKey(id), record.size);
    if (stored.state === 'missing') return refused('not uploaded yet');
    if (stored.size !== record.size) return refused('size differs');
    if (stored.contentType !== record.contentType) return refused('content type differs');
    if (stored.sha256 !== record.sha256) return refused('SHA-256 differs');
    if (record.status !== 'verified') await this.store.markVerified(id, this.clock.now());
    return { id, kind: record.kind, ok: true };
  }
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

let defaultVerifier: MaterialVerifier | undefined;

/** The verifier the workflow task uses, built on first use (its clients and configuration are read then). */
export function defaultMaterialVerifier(): MaterialVerifier {
  defaultVerifier ??= new MaterialService();
  return defaultVerifier;
}
