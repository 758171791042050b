/** Walking an applicant through the registration, over HTTP, on the local runtime. */
import { createHash } from 'node:crypto';
import type { EntityType } from '#domain/entity-types';
import { application } from '../unit/registration/fixtures.ts';
import { call, eventually } from './support.ts';

export const LLC_MATERIALS = [
  'application_form',
  'articles_of_association',
  'investor_identity',
  'domicile_commitment',
  'appointment_documents',
  'officers_identity',
];

let names = 0;
/**
 * Twenty characters whose toneless pinyin are all different (jia yi bing ding wu ji geng xin ren gui lang
 * nao po pu fei cui tang qiu rong huai): three-character sets of them give trade names that are neither
 * identical (distinct sets), nor homophones (distinct syllables), nor inside one another (equal length).
 */
const RARE = [...'甲乙丙丁戊己庚辛壬癸琅瑙珀璞翡翠棠楸榕槐'];
/** The n-th set of three distinct characters. */
function triple(n: number): string {
  let k = n;
  for (let a = 0; a < RARE.length; a++)
    for (let b = a + 1; b < RARE.length; b++)
      for (let c = b + 1; c < RARE.length; c++) if (k-- === 0) return `${RARE[a]}${RARE[b]}${RARE[c]}`;
  throw new RangeError('out of rare names');
}

/**
 * Test files share one runtime, and each counts its names from zero: each file names its enterprises in
 * an industry of its own, so theirs are never identical or similar to another file's.
 */
let industry = '科技';
export function useIndustry(word: string): void {
  industry = word;
}

/** A name no other test uses. */
export function uniqueName(): string {
  return `深圳市${triple(names++)}${industry}有限公司`;
}

/**
 * A name containing a registered one's trade name (the seeded 星河蓝海): reservable, but `similar`, so
 * the rules send its registration to an examiner with the warning.
 */
let similar = 0;
export function similarName(): string {
  // Distinct pairs of characters before the registered trade name, so no two of these are identical.
  let k = similar++;
  for (let a = 0; a < RARE.length; a++)
    for (let b = a + 1; b < RARE.length; b++)
      if (k-- === 0) return `深圳市${RARE[a]}${RARE[b]}星河蓝海科技有限公司`;
  throw new RangeError('out of similar names');
}

export async function reserve(
  token: string,
  name = uniqueName(),
  holder?: { name: string; idNumber: string },
): Promise<string> {
  const r = await call('POST', '/v1/names/reservations', {
    token,
    // A pre-approval reservation lasts longest in the shortened integration periods (120 s).
    body: {
      name,
      division: '440305',
      entityType: 'limited_liability_company',
      preApprovalRequired: true,
      ...(holder ? { holder } : {}),
    },
  });
  if (r.status !== 201) throw new Error(`reserve ${name}: ${r.status} ${JSON.stringify(r.body)}`);
  return String(r.body.id);
}

export async function upload(
  token: string,
  kind: string,
  content = `${kind} ${Math.random()}`,
): Promise<string> {
  const bytes = Buffer.from(content);
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const r = await call<{ materialId: string; uploadUrl: string; requiredHeaders: Record<string, string> }>(
    'POST',
    '/v1/materials',
    {
      token,
      body: { kind, fileName: `${kind}.pdf`, contentType: 'application/pdf', size: bytes.length, sha256 },
    },
  );
  if (r.status !== 201) throw new Error(`material ${kind}: ${r.status} ${JSON.stringify(r.body)}`);
  const put = await fetch(r.body.uploadUrl, { method: 'PUT', headers: r.body.requiredHeaders, body: bytes });
  if (!put.ok) throw new Error(`upload ${kind}: ${put.status} ${await put.text()}`);
  return r.body.materialId;
}

export async function uploadAll(token: string, kinds = LLC_MATERIALS): Promise<string[]> {
  return Promise.all(kinds.map((k) => upload(token, k)));
}

export function body(
  reservationId: string,
  materials: string[],
  entityType: EntityType = 'limited_liability_company',
  changes = {},
) {
  return { ...application(entityType, changes), reservationId, materials };
}

export interface RegistrationView {
  id: string;
  status: string;
  timeline: { step: string; status: string; at: string }[];
  reasons?: { code: string; path: string }[];
  creditCode?: string;
  licenseUrl?: string;
  decision?: { by: string; outcome: string };
}

export function statusOf(
  token: string,
  id: string,
  statuses: string[],
  timeoutMs = 60_000,
): Promise<RegistrationView> {
  return eventually(async () => {
    const r = await call<RegistrationView>('GET', `/v1/registrations/${id}`, { token });
    return statuses.includes(r.body.status) ? r.body : undefined;
  }, timeoutMs);
}
