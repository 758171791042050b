import { describe, expect, it } from 'vitest';
import {
  buildRoutingTable,
  type EnterpriseEventType,
  loadRoutingTable,
  recipientsOf,
} from '#domain/registration/routing';
import departments from '#seeds/departments/departments.json' with { type: 'json' };
import routing from '#seeds/departments/routing.json' with { type: 'json' };

const event = (type: EnterpriseEventType, entityType: string, scopeCodes: string[] = ['I65001']) => ({
  type,
  entityType,
  scopeCodes,
});

describe('recipientsOf', () => {
  it('sends a foreign-invested trading company to every department, commerce and customs included', () => {
    expect(
      recipientsOf(event('enterprise.registered', 'foreign_invested_company', ['F51001', 'F51028'])),
    ).toEqual(['tax', 'hrss', 'statistics', 'housingFund', 'pboc', 'commerce', 'customs']);
  });

  it('sends a domestic software company to the five departments of multi-certificate registration', () => {
    expect(recipientsOf(event('enterprise.registered', 'limited_liability_company'))).toEqual([
      'tax',
      'hrss',
      'statistics',
      'housingFund',
      'pboc',
    ]);
  });

  it('adds customs for an import-export scope item, whatever the entity type', () => {
    expect(
      recipientsOf(event('enterprise.registered', 'individual_business', ['F52005', 'F51002'])),
    ).toContain('customs');
    expect(recipientsOf(event('enterprise.registered', 'individual_business', ['F52005']))).not.toContain(
      'customs',
    );
  });

  it('tells tax and hrss of a deregistration, and commerce too for a foreign-invested enterprise', () => {
    expect(recipientsOf(event('enterprise.deregistered', 'partnership', ['F51001']))).toEqual([
      'tax',
      'hrss',
    ]);
    expect(recipientsOf(event('enterprise.deregistered', 'foreign_invested_company', ['F51001']))).toEqual([
      'tax',
      'hrss',
      'commerce',
    ]);
  });

  it('routes changes already, for when change registration comes', () => {
    expect(recipientsOf(event('enterprise.changed', 'foreign_invested_company', ['F51001']))).toEqual([
      'tax',
      'hrss',
      'statistics',
      'housingFund',
      'pboc',
      'commerce',
      'customs',
    ]);
  });

  it('ignores scope codes it does not know rather than guessing', () => {
    expect(recipientsOf(event('enterprise.registered', 'partnership', ['Z99999']))).not.toContain('customs');
  });

  it('refuses an event type nobody routes', () => {
    expect(() =>
      recipientsOf({
        type: 'enterprise.merged' as EnterpriseEventType,
        entityType: 'partnership',
        scopeCodes: [],
      }),
    ).toThrow(/unknown enterprise event type/);
  });
});

describe('the routing seeds', () => {
  it('name the seven departments with their codes and names, once each', () => {
    expect(departments.departments.map((d) => d.code)).toEqual([
      'tax',
      'hrss',
      'statistics',
      'housingFund',
      'pboc',
      'commerce',
      'customs',
    ]);
    for (const d of departments.departments) {
      expect(d.name).toMatch(/\p{Script=Han}/u);
      expect(d.nameEn.length).toBeGreaterThan(3);
    }
    expect(loadRoutingTable().version).toBe(`departments@${departments.version}+routing@${routing.version}`);
  });

  it('refuse a route to an unknown department, event, entity type or scope flag', () => {
    const build = (route: object) =>
      buildRoutingTable({
        departments,
        routing: { ...routing, routes: [...routing.routes, route] } as typeof routing,
      });
    expect(() => build({ department: 'police', events: ['enterprise.registered'] })).toThrow(
      /unknown department police/,
    );
    expect(() => build({ department: 'tax', events: ['enterprise.merged'] })).toThrow(/unknown event/);
    expect(() => build({ department: 'tax', events: [], when: { entityTypes: ['llc'] } })).toThrow(
      /unknown entity type/,
    );
    expect(() => build({ department: 'tax', events: [], when: { scopeFlag: 'shiny' } })).toThrow(
      /unknown scope flag/,
    );
  });
});
