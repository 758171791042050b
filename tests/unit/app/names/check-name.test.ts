import { describe, expect, it } from 'vitest';
import { applyRules, checkName } from '#app/names/check-name';
import { indexReservedName } from '#app/names/reservation-lifecycle';
import { ValidationError } from '#domain/errors';
import { bob, DIVISION, freshPorts, NAME, reserve } from '../support.ts';

describe('checkName', () => {
  it('finds a well-formed name that nobody holds available, with its parts and lock', async () => {
    const ports = freshPorts();
    expect(await checkName(ports, NAME, DIVISION)).toMatchObject({
      name: NAME,
      verdict: 'available',
      parts: { region: '深圳市', tradeName: '青云', industry: '科技', organizationForm: '有限公司' },
      findings: [],
      ruleVersion: expect.stringMatching(/divisions@/),
      lock: { scope: '440300', industryClass: 'technology' },
    });
  });

  it('refuses by rule alone, without another name', async () => {
    const ports = freshPorts();
    const result = await checkName(ports, '深圳市贸易科技有限公司', DIVISION);
    expect(result.verdict).toBe('unavailable');
    expect(result.findings.map((f) => f.rule)).toContain('name.trade-name.industry-word');
  });

  it('finds a reserved identical name through its lock, before the workflow indexes it', async () => {
    const ports = freshPorts();
    await reserve(ports, bob);
    const result = await checkName(ports, NAME, DIVISION);
    expect(result.verdict).toBe('unavailable');
    expect(result.findings).toEqual([
      expect.objectContaining({
        rule: 'name.identical',
        conflictsWith: expect.objectContaining({ name: NAME, status: 'reserved' }),
      }),
    ]);
  });

  it('finds a similar name through the index once it is indexed', async () => {
    const ports = freshPorts();
    const held = await reserve(ports, bob);
    const homophone = '深圳市轻云科技有限公司';
    expect((await checkName(ports, homophone, DIVISION)).verdict).toBe('available');
    await indexReservedName(ports, held.id);
    const result = await checkName(ports, homophone, DIVISION);
    expect(result.verdict).toBe('similar');
    expect(result.findings).toEqual([
      expect.objectContaining({ severity: 'warn', conflictsWith: expect.objectContaining({ name: NAME }) }),
    ]);
  });

  it('answers an unknown division as a bad body.division', async () => {
    const ports = freshPorts();
    const refused = checkName(ports, NAME, '999999');
    await expect(refused).rejects.toBeInstanceOf(ValidationError);
    await expect(refused).rejects.toMatchObject({
      errors: [expect.objectContaining({ path: 'body.division' })],
    });
    expect(() => applyRules(NAME, '999999')).toThrow(ValidationError);
  });
});
