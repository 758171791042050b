/**
 * The providers a deployment names, as the token service reads them (CDK context in the cloud, the
 * IDENTITY_PROVIDERS setting locally): one schema, defaults filled, and a list it could not use refused
 * with its name, at synth or at start, never at a user's sign-in.
 */
import { describe, expect, it } from 'vitest';
import { parseIdentityProviders } from '#contract/schemas/identity';
import { settingsEnvironment } from '#contract/settings';

const province = {
  id: 'province',
  issuer: 'https://uia.example.gov.cn',
  audience: 'registry',
  jwksUri: 'https://uia.example.gov.cn/jwks',
  realNameVerified: true,
  role: { fixed: 'applicant' },
  claims: { idNumber: 'id_card' },
};
const parse = (list: unknown[]) => parseIdentityProviders(JSON.stringify(list), 'test');

describe('identity providers', () => {
  it('fills the defaults: sub as the subject, RS256 or ES256, no real names unless said', () => {
    const [p] = parse([{ ...province, realNameVerified: undefined, claims: undefined }]);
    expect(p).toMatchObject({
      algorithms: ['RS256', 'ES256'],
      realNameVerified: false,
      claims: { subject: 'sub' },
    });
  });

  it('takes keys from https, or from loopback for a local fake provider, or inline; exactly one', () => {
    expect(parse([{ ...province, jwksUri: 'http://127.0.0.1:8080/jwks' }])).toHaveLength(1);
    expect(() => parse([{ ...province, jwksUri: 'http://uia.example.gov.cn/jwks' }])).toThrow(/https/);
    expect(() => parse([{ ...province, jwks: { keys: [{ kty: 'EC' }] } }])).toThrow(/exactly one/);
    expect(() => parse([{ ...province, jwksUri: undefined }])).toThrow(/exactly one/);
  });

  it('refuses what would let a user-written claim through, or hide a mistake', () => {
    // A signature anyone with the client secret could make, or none at all.
    expect(() => parse([{ ...province, algorithms: ['HS256'] }])).toThrow();
    expect(() => parse([{ ...province, algorithms: ['none'] }])).toThrow();
    // A role from a claim of the applicants' provider, a staff directory making applicants.
    expect(() => parse([{ ...province, role: { fixed: 'operator' } }])).toThrow();
    expect(() => parse([{ ...province, role: { claim: 'g', values: { X: 'applicant' } } }])).toThrow();
    expect(() => parse([{ ...province, realNameVerified: false }])).toThrow(/realNameVerified/);
    expect(() => parse([{ ...province, extra: true }])).toThrow();
    expect(() => parse([province, { ...province, issuer: 'https://other.example' }])).toThrow(/share the id/);
  });

  it('is a setting of the local runtime, checked at start', () => {
    expect(settingsEnvironment('local', {}).IDENTITY_PROVIDERS).toBe('[]');
    expect(() => settingsEnvironment('local', { IDENTITY_PROVIDERS: '{"id":' })).toThrow(
      /setting IDENTITY_PROVIDERS is not JSON/,
    );
    // The cloud gives it to the token service alone, with its grant: not to every function.
    expect(settingsEnvironment('cloud', {})).not.toHaveProperty('IDENTITY_PROVIDERS');
  });
});
