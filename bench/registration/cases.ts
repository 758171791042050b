/** The cases the registration bench submits: one applicant, the checklist's materials, standard names. */
import { createHash } from 'node:crypto';
import { checklistFor } from '#domain/registration/catalogue';
import type { Runtime } from '#local/runtime';

export type Client = (
  method: string,
  path: string,
  body?: unknown,
  token?: string,
) => Promise<Record<string, unknown> & { id: string }>;

export function clientOf(runtime: Runtime): Client {
  return async (method, path, body, token) => {
    const r = await fetch(runtime.url + path, {
      method,
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
    return (await r.json()) as Record<string, unknown> & { id: string };
  };
}

/** Every material a limited liability company always files, uploaded once and filed by every case. */
export async function uploadMaterials(j: Client, token: string): Promise<string[]> {
  const materials: string[] = [];
  for (const { kind } of checklistFor('limited_liability_company').filter(
    (i) => i.required && !i.requiredWhen,
  )) {
    const bytes = Buffer.from(`bench ${kind}`);
    const declared = {
      kind,
      fileName: `${kind}.pdf`,
      contentType: 'application/pdf',
      size: bytes.length,
      sha256: createHash('sha256').update(bytes).digest('hex'),
    };
    const m = await j('POST', '/v1/materials', declared, token);
    await fetch(String(m.uploadUrl), {
      method: 'PUT',
      headers: m.requiredHeaders as Record<string, string>,
      body: bytes,
    });
    materials.push(String(m.materialId));
  }
  return materials;
}

/** Names of distinct syllables and equal length: none similar to another, so every case is standard. */
export function standardNames(count: number): string[] {
  const pool = [...'甲乙丙丁戊己庚辛壬癸琅瑙珀璞翡翠棠楸榕槐'];
  const names: string[] = [];
  for (let a = 0; a < 20; a++)
    for (let b = a + 1; b < 20; b++)
      for (let c = b + 1; c < 20 && names.length < count; c++)
        names.push(`深圳市${pool[a]}${pool[b]}${pool[c]}科技有限公司`);
  return names;
}

export async function reserveAll(j: Client, token: string, names: string[]): Promise<string[]> {
  const ids: string[] = [];
  for (const name of names) {
    const body = {
      name,
      division: '440305',
      entityType: 'limited_liability_company',
      preApprovalRequired: true,
    };
    ids.push((await j('POST', '/v1/names/reservations', body, token)).id);
  }
  return ids;
}
