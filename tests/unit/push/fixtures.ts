/**
 * One push world for the tests: an in-memory ES256 signer standing in for the registry's key, and the
 * outbox events of two enterprises, with every field the registry may ever put in them (personal data
 * included), so that what a department must not see is there to leak.
 */
import { generateKeyPairSync, sign } from 'node:crypto';
import { composeCreditCode } from '#domain/credit-code';
import type { OutboxEvent } from '#domain/enterprise';
import type { PublicJwk, Signer } from '#ports/signer';

export const SOURCE = 'https://registry.example.cn';
export const AT = '2026-11-20T02:00:00.000Z';

const code = (organizationBody: string) =>
  composeCreditCode({ authorityCode: '9', entityTypeCode: '1', division: '110108', organizationBody });
/** A domestic software company. */
export const DOMESTIC = code('MA01C3RQ');
/** A foreign-invested trading company (import and export in its scope). */
export const FOREIGN = code('MA01D4TW');

/** An ES256 signer with its key in memory (the local keyring's behaviour, without the files). */
export function memorySigner(kid = 'push-test-1'): Signer {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  return {
    kid,
    sign: async (input) =>
      new Uint8Array(sign('sha256', input, { key: privateKey, dsaEncoding: 'ieee-p1363' })),
    publicJwk: async () =>
      ({ ...publicKey.export({ format: 'jwk' }), kid, alg: 'ES256', use: 'sig' }) as PublicJwk,
  };
}

const person = (name: string, idNumber: string) => ({
  name,
  idType: 'resident_id',
  idNumber,
  phone: '13800138000',
});

/** Everything an establishment can carry, personal data included. */
export function registrationData(creditCode: string, foreign = false): Record<string, unknown> {
  return {
    creditCode,
    name: foreign ? '北京远航国际贸易有限公司' : '北京星河数据科技有限公司',
    entityType: foreign ? 'foreign_invested_company' : 'limited_liability_company',
    registrationAuthority: '110108',
    establishedOn: '2026-11-20',
    businessTerm: { from: '2026-11-20' },
    businessScope: foreign ? ['F51001', 'F51028'] : ['I65001'],
    domicile: { division: '110108', address: '北京市海淀区中关村大街27号11层1101室' },
    registeredCapital: { amount: '1000000', currency: 'CNY' },
    legalRepresentative: person('张伟', '110101199003070019'),
    investors: [
      {
        kind: 'natural_person',
        ...person('李娜', '110101198805120026'),
        country: 'CHN',
        subscribedAmount: { amount: '600000', currency: 'CNY' },
        contributionDeadline: '2031-11-19',
      },
      {
        kind: 'legal_person',
        name: 'Harbour Holdings Ltd.',
        foreignRegistration: 'HK-1234567',
        country: 'HKG',
        subscribedAmount: { amount: '400000', currency: 'CNY' },
      },
    ],
    financialOfficer: person('王芳', '110101199202150042'),
    taxContact: { name: '赵磊', phone: '13900139000' },
    internalNote: 'a field no department is entitled to',
  };
}

export function outboxEvent(
  creditCode: string,
  seq: number,
  type: string,
  data: Record<string, unknown>,
  recipients: string[] = [],
): OutboxEvent {
  return { id: `${creditCode}-${seq}`, type, seq, creditCode, occurredAt: AT, recipients, data };
}

/** One enterprise's life, in outbox order: every event type the push delivers. */
export function lifeOf(creditCode: string, foreign = false): OutboxEvent[] {
  const full = registrationData(creditCode, foreign);
  const name = full.name;
  const license = { creditCode, licenseVersion: 1, statusListId: 'rev-1', statusListIndex: 42 };
  return [
    outboxEvent(creditCode, 1, 'enterprise.registered', full),
    outboxEvent(creditCode, 2, 'license.issued', { ...license, kid: 'push-test-1', reason: 'registered' }),
    outboxEvent(creditCode, 3, 'enterprise.changed', {
      ...full,
      name: `${String(name)}（更正）`,
      changedOn: '2026-12-01',
      changedFields: ['name', 'investors', 'financialOfficer'],
    }),
    outboxEvent(creditCode, 4, 'enterprise.deregistering', {
      creditCode,
      name,
      deregistrationId: 'dr-1',
      announcementStartsAt: '2027-03-01T00:00:00+08:00',
      announcementEndsAt: '2027-03-21T00:00:00+08:00',
      objectionDeadline: '2027-03-21T00:00:00+08:00',
      signatories: ['李娜'],
    }),
    outboxEvent(creditCode, 5, 'enterprise.deregistered', {
      creditCode,
      name,
      deregisteredOn: '2027-03-22',
      reason: 'simple_deregistration',
    }),
    outboxEvent(creditCode, 6, 'license.revoked', { ...license, reason: 'deregistered' }),
  ];
}

/** Every leaf path of a JSON value, list indexes left out (`investors.name`). */
export function leafPaths(value: unknown, prefix = ''): string[] {
  if (Array.isArray(value)) return value.flatMap((v) => leafPaths(v, prefix));
  if (value === null || typeof value !== 'object') return prefix ? [prefix] : [];
  return Object.entries(value).flatMap(([k, v]) => leafPaths(v, prefix ? `${prefix}.${k}` : k));
}

/** Whether an entitlement list covers a leaf path (the path or one of its parents is listed). */
export const covered = (entitled: readonly string[], path: string) =>
  entitled.some((e) => path === e || path.startsWith(`${e}.`));
