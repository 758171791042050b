/**
 * The e-license as the registration workflow's last step, in-process on the memory ports: a registered
 * enterprise gets one license (one status slot, one `license.issued` event) however often the step runs;
 * a failed issuance ends the execution for an operator without undoing the registration; a revocation
 * flips the bit and verifies as revoked.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { getStatusList } from '#app/license/read';
import { revokeLicense } from '#app/license/revoke';
import { verifyCredential } from '#app/license/verify';
import { registrationView } from '#app/registration/follow';
import { handlers } from '#tasks/license';
import { registrationOf, submit } from './actors.ts';
import { type HarnessOptions, ScenarioHarness, statesEntered } from './harness.ts';

let h: ScenarioHarness;
const harness = async (options: HarnessOptions = {}) => {
  h = await ScenarioHarness.create({ waitMs: 3_600_000, ...options });
  return h;
};
afterEach(() => h?.dispose());

async function registered() {
  const s = await submit(h);
  const execution = await h.ended(s.executionName);
  const registration = await registrationOf(h, s.registration.id);
  return { s, execution, registration, code: registration.creditCode! };
}

const eventTypes = (code: string) => h.ports.enterprises.outbox(code).map((e) => `${e.seq}:${e.type}`);

describe('license issuance in the registration workflow', () => {
  it('issues one license after RegisterEnterprise: one status slot, one event, the URL on the registration, a notice', async () => {
    await harness();
    const { execution, registration, code } = await registered();
    expect(execution.status).toBe('SUCCEEDED');
    expect(statesEntered(execution).slice(-2)).toEqual(['RegisterEnterprise', 'IssueLicense']);
    expect(execution.output).toMatchObject({ license: { creditCode: code, version: 1, created: true } });

    const [license, ...others] = h.ports.licenses.versions(code);
    expect(others).toEqual([]);
    expect(license).toMatchObject({ version: 1, status: 'active', statusListId: '1', reason: 'registered' });
    expect(h.ports.licenses.allocated()).toBe(1);
    expect(eventTypes(code)).toEqual(['1:enterprise.registered', '2:license.issued']);
    expect(h.ports.enterprises.licenseRequest(code)).toBeUndefined();
    expect(registrationView(registration, h.ports.licensing)).toMatchObject({
      licenseUrl: `${h.ports.licensing.baseUrl}/v1/licenses/${code}`,
      licenseVersion: 1,
    });
    expect(await h.ports.licenseDocuments.get(code, 1)).toBeDefined();
    expect([...h.ports.registry.notices.values()].map((n) => n.kind)).toContain('license.issued');

    const verdict = await verifyCredential(h.ports, license!.credential);
    expect(verdict).toMatchObject({ valid: true, status: 'active' });
  });

  it('runs twice and still makes one license, one status index, one event', async () => {
    await harness();
    const { registration, code } = await registered();
    const task = handlers(h.ports).issueLicense;
    const again = await task({ registrationId: registration.id, creditCode: code, executionName: 'x' });
    const third = await task({ registrationId: registration.id, creditCode: code });
    expect(again).toMatchObject({ version: 1, created: false });
    expect(third).toEqual(again);
    expect(h.ports.licenses.versions(code)).toHaveLength(1);
    expect(h.ports.licenses.allocated()).toBe(1);
    expect(eventTypes(code)).toEqual(['1:enterprise.registered', '2:license.issued']);
  });

  it('ends as LicenseNotIssued when signing keeps failing, and leaves the enterprise registered', async () => {
    await harness();
    h.ports.keyring.current = async () => {
      throw new Error('the signing key is unavailable');
    };
    const s = await submit(h);
    const execution = await h.ended(s.executionName);
    expect(execution.status).toBe('FAILED');
    expect(execution.error?.error).toBe('LicenseNotIssued');
    const states = statesEntered(execution);
    expect(states.filter((x) => x === 'IssueLicense')).toHaveLength(1);
    expect(states).not.toContain('Compensate');
    const registration = await registrationOf(h, s.registration.id);
    expect(registration.status).toBe('registered');
    expect(registrationView(registration, h.ports.licensing).licenseUrl).toBeUndefined();
    expect(h.ports.enterprises.licenseRequest(registration.creditCode!)).toMatchObject({
      status: 'requested',
    });
  });
});

describe('revocation', () => {
  it('flips the bit, republishes the list, writes license.revoked, and the license verifies as revoked', async () => {
    await harness();
    const { code } = await registered();
    const [license] = h.ports.licenses.versions(code);
    const before = await getStatusList(h.ports, '1');

    expect(await revokeLicense(h.ports, code, 'deregistered')).toMatchObject({ revoked: true, version: 1 });
    expect(await revokeLicense(h.ports, code, 'deregistered')).toMatchObject({ revoked: false });

    expect(h.ports.licenses.versions(code)[0]).toMatchObject({
      status: 'revoked',
      revocationReason: 'deregistered',
    });
    expect(eventTypes(code)).toEqual(['1:enterprise.registered', '2:license.issued', '3:license.revoked']);
    const after = await getStatusList(h.ports, '1');
    expect(after.credential).not.toBe(before.credential);
    const verdict = await verifyCredential(h.ports, license!.credential);
    expect(verdict).toMatchObject({
      valid: false,
      status: 'revoked',
      checks: { status: { code: 'revoked' } },
    });
  });
});
