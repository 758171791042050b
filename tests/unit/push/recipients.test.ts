import { describe, expect, it } from 'vitest';
import { buildEntitlements, type EntitlementSeed, loadEntitlements } from '#domain/push/entitlements';
import {
  buildPushRouting,
  loadPushRouting,
  outboxRecipients,
  pushRecipientsOf,
} from '#domain/push/recipients';
import { loadRoutingTable, recipientsOf } from '#domain/registration/routing';
import seed from '#seeds/departments/entitlements.json' with { type: 'json' };
import { DOMESTIC, lifeOf } from './fixtures.ts';

const domestic = { entityType: 'limited_liability_company', scopeCodes: ['I65001'] };
const foreignTrader = { entityType: 'foreign_invested_company', scopeCodes: ['F51001'] };

describe('pushRecipientsOf', () => {
  it('leaves the enterprise events routing.json names to recipientsOf', () => {
    for (const type of ['enterprise.registered', 'enterprise.changed', 'enterprise.deregistered'] as const)
      for (const facts of [domestic, foreignTrader])
        expect(pushRecipientsOf({ type, ...facts })).toEqual(recipientsOf({ type, ...facts }));
  });

  it('routes the license events to tax, hrss and pboc, whatever the enterprise', () => {
    for (const type of ['license.issued', 'license.revoked'])
      for (const facts of [domestic, foreignTrader])
        expect(pushRecipientsOf({ type, ...facts })).toEqual(['tax', 'hrss', 'pboc']);
  });

  it('routes a deregistering announcement to tax and hrss, and commerce for a foreign-invested enterprise', () => {
    expect(pushRecipientsOf({ type: 'enterprise.deregistering', ...domestic })).toEqual(['tax', 'hrss']);
    expect(pushRecipientsOf({ type: 'enterprise.deregistering', ...foreignTrader })).toEqual([
      'tax',
      'hrss',
      'commerce',
    ]);
  });

  it('refuses an event type the push does not know', () => {
    expect(() => pushRecipientsOf({ type: 'name.reserved', ...domestic })).toThrow(RangeError);
  });

  it('stamps one version naming all three seeds', () => {
    expect(loadPushRouting().version).toBe('departments@2026.1+routing@2026.1+entitlements@2026.1');
  });
});

describe('outboxRecipients', () => {
  const [registered, licenseIssued] = lifeOf(DOMESTIC);

  it('keeps the recipients an enterprise event was written with (the routing in force at the change)', () => {
    expect(outboxRecipients({ ...registered!, recipients: ['tax', 'hrss'] }, domestic)).toEqual([
      'tax',
      'hrss',
    ]);
  });

  it('routes an event written unrouted, as license events are', () => {
    expect(outboxRecipients(licenseIssued!, domestic)).toEqual(['tax', 'hrss', 'pboc']);
    expect(outboxRecipients({ ...registered!, recipients: [] }, domestic)).toEqual(
      recipientsOf({ type: 'enterprise.registered', ...domestic }),
    );
  });
});

describe('buildPushRouting', () => {
  const base = seed as unknown as EntitlementSeed;
  const routing = loadRoutingTable();
  const withRoutes = (routes: EntitlementSeed['routes']) => buildEntitlements({ ...base, routes });

  it('refuses a route for an event type routing.json routes already', () => {
    const routes = [...base.routes, { department: 'statistics', events: ['enterprise.registered'] }];
    expect(() => buildPushRouting(routing, withRoutes(routes))).toThrow(/routed by routing.json/);
  });

  it('refuses a route to a department with no entitlement for that type', () => {
    const routes = [...base.routes, { department: 'statistics', events: ['license.issued'] }];
    expect(() => buildPushRouting(routing, withRoutes(routes))).toThrow(/entitled to none of its fields/);
  });

  it('refuses an entitlement no route delivers', () => {
    const routes = base.routes.filter((r) => r.department !== 'pboc');
    expect(() => buildPushRouting(routing, withRoutes(routes))).toThrow(/pboc is entitled to license.issued/);
  });

  it('refuses an unknown department, entity type or scope flag', () => {
    for (const route of [
      { department: 'police', events: ['license.issued'] },
      { department: 'tax', events: ['license.issued'], when: { entityTypes: ['trust'] } },
      { department: 'tax', events: ['license.issued'], when: { scopeFlag: 'weapons' } },
    ])
      expect(() => buildPushRouting(routing, withRoutes([...base.routes, route]))).toThrow(/unknown/);
  });

  it('builds from the shipped seeds', () => {
    expect(() => buildPushRouting(routing, loadEntitlements())).not.toThrow();
  });
});
