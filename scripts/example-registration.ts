/**
 * `npm run example:registration`: the README's walk-through as one script, against a running `npm start`
 * (BASE, default http://127.0.0.1:3000): a token, a reserved name, the checklist's materials uploaded,
 * docs/example-registration.json submitted with the reservation and material ids filled in, and the case
 * followed to `registered` with its credit code and license.
 */
import { createHash, randomInt } from 'node:crypto';
import { readFileSync } from 'node:fs';

const BASE = process.env.BASE ?? 'http://127.0.0.1:3000';

async function call(method: string, path: string, body?: unknown, token?: string) {
  const r = await fetch(BASE + path, {
    method,
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const json = (await r.json()) as Record<string, unknown>;
  if (r.status >= 400) throw new Error(`${method} ${path}: ${r.status} ${JSON.stringify(json, null, 2)}`);
  return json;
}

const token = String((await call('POST', '/v1/dev/tokens', { role: 'applicant', sub: 'readme' })).token);
// A trade name of two uncommon characters, so that the walk-through can be run again.
const pool = [...'琅瑙珀璞翡翠棠楸榕槐柘桤楝椴'];
const name = `深圳市${pool[randomInt(pool.length)]}${pool[randomInt(pool.length)]}云图科技有限公司`;
const reservation = await call(
  'POST',
  '/v1/names/reservations',
  { name, division: '440305', entityType: 'limited_liability_company' },
  token,
);
console.log(`reserved ${name}: ${reservation.id}`);

const checklist = (await call('GET', '/v1/checklists/limited_liability_company')) as {
  items: { kind: string; required: boolean; requiredWhen?: string }[];
};
const materials: string[] = [];
for (const { kind } of checklist.items.filter((i) => i.required && !i.requiredWhen)) {
  const bytes = Buffer.from(`%PDF-1.7 ${kind}`);
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const ticket = await call(
    'POST',
    '/v1/materials',
    { kind, fileName: `${kind}.pdf`, contentType: 'application/pdf', size: bytes.length, sha256 },
    token,
  );
  await fetch(String(ticket.uploadUrl), {
    method: 'PUT',
    headers: ticket.requiredHeaders as Record<string, string>,
    body: bytes,
  });
  materials.push(String(ticket.materialId));
}
console.log(`uploaded ${materials.length} materials`);

const body = JSON.parse(readFileSync(new URL('../docs/example-registration.json', import.meta.url), 'utf8'));
const submitted = await call(
  'POST',
  '/v1/registrations',
  { ...body, reservationId: reservation.id, materials },
  token,
);
console.log(`submitted: ${submitted.id}`);

for (let i = 0; i < 100; i++) {
  const r = await call('GET', `/v1/registrations/${submitted.id}`, undefined, token);
  if (r.status === 'registered' && r.licenseUrl) {
    console.log(`registered: credit code ${r.creditCode}, license ${r.licenseUrl}`);
    process.exit(0);
  }
  if (r.status === 'rejected') throw new Error(`rejected: ${JSON.stringify(r.reasons, null, 2)}`);
  await new Promise((done) => setTimeout(done, 200));
}
throw new Error('not registered within 20 s');
