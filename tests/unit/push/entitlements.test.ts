import { describe, expect, it } from 'vitest';
import {
  buildEntitlements,
  dataFor,
  type EntitlementSeed,
  entitledFields,
  loadEntitlements,
  PUSH_EVENT_TYPES,
} from '#domain/push/entitlements';
import { departmentEvent } from '#domain/push/events';
import { loadPushRouting, pushRecipientsOf } from '#domain/push/recipients';
import seed from '#seeds/departments/entitlements.json' with { type: 'json' };
import { covered, DOMESTIC, FOREIGN, leafPaths, lifeOf, SOURCE } from './fixtures.ts';

/** Every event of a domestic and a foreign-invested import-export enterprise, with the facts routing reads. */
const lives = [
  { entityType: 'limited_liability_company', scopeCodes: ['I65001'], events: lifeOf(DOMESTIC) },
  { entityType: 'foreign_invested_company', scopeCodes: ['F51001', 'F51028'], events: lifeOf(FOREIGN, true) },
];
const ID_NUMBERS = ['legalRepresentative.idNumber', 'investors.idNumber', 'financialOfficer.idNumber'];

/** What a department receives over both lives, as routing and entitlements decide it. */
function receivedBy(department: string) {
  const push = loadPushRouting();
  return lives.flatMap(({ events, ...facts }) =>
    events
      .filter((e) => pushRecipientsOf({ type: e.type, ...facts }, push).includes(department))
      .map((e) => departmentEvent(e, department, 1, push.version, SOURCE)),
  );
}

describe('a department never receives a field it is not entitled to', () => {
  const departments = Object.keys(seed.departments);

  it('covers every department of departments.json', () => {
    expect(departments.sort()).toEqual([...loadPushRouting().routing.departments].sort());
  });

  it.each(departments)('%s: every field of every event it receives is listed for it', (department) => {
    const events = receivedBy(department);
    expect(events.length).toBeGreaterThan(0);
    for (const event of events) {
      const entitled = entitledFields(department, event.type)!;
      const stray = leafPaths(event.data).filter((path) => !covered(entitled, path));
      expect(stray, `${department} ${event.type}`).toEqual([]);
      expect(event.data).not.toHaveProperty('internalNote');
    }
  });

  it('tax gets the whole establishment, identity numbers of the officers and investors included', () => {
    const data = receivedBy('tax').find((e) => e.type === 'enterprise.registered')!.data;
    expect(leafPaths(data)).toEqual(
      expect.arrayContaining([...ID_NUMBERS, 'taxContact.phone', 'businessScope']),
    );
  });

  it('hrss gets basic data and the legal representative, not the scope, capital or investors', () => {
    const data = receivedBy('hrss').find((e) => e.type === 'enterprise.registered')!.data;
    expect(Object.keys(data).sort()).toEqual(
      [
        'creditCode',
        'name',
        'entityType',
        'registrationAuthority',
        'establishedOn',
        'domicile',
        'legalRepresentative',
      ].sort(),
    );
  });

  it.each(['statistics', 'housingFund', 'customs', 'commerce'])(
    '%s gets no identity number at all',
    (department) => {
      const paths = receivedBy(department).flatMap((e) => leafPaths(e.data));
      expect(paths.filter((p) => ID_NUMBERS.includes(p))).toEqual([]);
    },
  );

  it('commerce gets the foreign investor’s registration, and only for the foreign-invested enterprise', () => {
    const events = receivedBy('commerce');
    expect(new Set(events.map((e) => e.subject))).toEqual(new Set([FOREIGN]));
    const registered = events.find((e) => e.type === 'enterprise.registered')!;
    expect(leafPaths(registered.data)).toContain('investors.foreignRegistration');
  });

  it('customs hears only of the import-export enterprise, and pboc of no deregistration', () => {
    expect(new Set(receivedBy('customs').map((e) => e.subject))).toEqual(new Set([FOREIGN]));
    expect(receivedBy('pboc').map((e) => e.type)).not.toContain('enterprise.deregistered');
  });
});

describe('dataFor', () => {
  const changed = lifeOf(DOMESTIC)[2]!;

  it('names in changedFields only the fields the department may see', () => {
    expect(dataFor('tax', 'enterprise.changed', changed.data).changedFields).toEqual([
      'name',
      'investors',
      'financialOfficer',
    ]);
    expect(dataFor('hrss', 'enterprise.changed', changed.data).changedFields).toEqual(['name']);
  });

  it('keeps a nested field for each element of a list, and drops a scalar where an object was expected', () => {
    const data = dataFor('statistics', 'enterprise.registered', {
      investors: [{ name: 'A', idNumber: 'x' }, 'not an object'],
      legalRepresentative: 'a bare string',
    });
    expect(data).toEqual({ investors: [{ name: 'A' }] });
  });

  it('refuses a department and event type with no entitlement', () => {
    expect(() => dataFor('statistics', 'license.issued', {})).toThrow(RangeError);
    expect(() => dataFor('nobody', 'enterprise.registered', {})).toThrow(RangeError);
  });
});

describe('the entitlement seed', () => {
  const base = seed as unknown as EntitlementSeed;
  const tax = base.departments.tax!;

  it('lists a catalogue for every push event type, and a basis for every department', () => {
    const table = loadEntitlements();
    expect(Object.keys(base.catalogue).sort()).toEqual([...PUSH_EVENT_TYPES].sort());
    for (const entry of Object.values(base.departments)) expect(entry.basis.length).toBeGreaterThan(10);
    expect(table.version).toBe('2026.1');
  });

  it('refuses a field outside the catalogue, an unknown event type and a missing basis', () => {
    const withFields = (fields: Record<string, readonly string[]>, basis = tax.basis) => ({
      ...base,
      departments: { ...base.departments, tax: { basis, fields } },
    });
    expect(() => buildEntitlements(withFields({ 'enterprise.registered': ['secret'] }))).toThrow(
      /no field secret/,
    );
    expect(() => buildEntitlements(withFields({ 'enterprise.created': ['name'] }))).toThrow(
      /unknown event type/,
    );
    expect(() => buildEntitlements(withFields(tax.fields, ' '))).toThrow(/no basis/);
  });
});
