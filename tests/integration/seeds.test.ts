import { describe, expect, it } from 'vitest';
import { awsAdapters } from '#adapters/aws-ports';
import { checkCreditCode } from '#domain/credit-code';
import { seedEnterprises } from '#local/seed';
import sample from '#seeds/enterprises/sample.json' with { type: 'json' };
import { call, runtime } from './support.ts';

describe('seeded enterprises', () => {
  it('carry valid credit codes', () => {
    for (const e of sample.enterprises)
      expect(checkCreditCode(e.creditCode), e.name).toMatchObject({ valid: true });
  });

  it('make the name check find registered names, with their credit code', async () => {
    const r = await call<{
      verdict: string;
      findings: { rule: string; conflictsWith?: { status: string; creditCode?: string } }[];
    }>('POST', '/v1/names/check', {
      body: { name: '深圳星河藍海科技有限公司', division: '440306' },
    });
    expect(r.body.verdict).toBe('unavailable');
    expect(r.body.findings).toContainEqual(
      expect.objectContaining({
        rule: 'name.identical',
        conflictsWith: expect.objectContaining({ status: 'registered', creditCode: '91440300MA5F000181' }),
      }),
    );
  });

  it('are disclosed by their credit code', async () => {
    const r = await call('GET', '/v1/enterprises/914403001922038216');
    expect(r.body).toMatchObject({
      creditCode: '914403001922038216',
      name: '华为技术有限公司',
      status: 'active',
      establishedOn: '1987-09-15',
    });
  });

  it('load idempotently: a second load adds nothing', async () => {
    runtime();
    expect(
      await seedEnterprises(
        awsAdapters(() => {
          throw new Error('seeding seals nothing');
        }),
      ),
    ).toEqual({ enterprises: sample.enterprises.length, added: 0 });
  });
});
