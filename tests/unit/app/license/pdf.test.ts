/** The real renderer through the issuance: a retried issuance must store the very same bytes. */
import { describe, expect, it } from 'vitest';
import { renderLicensePdf } from '#adapters/license-pdf';
import { fieldsOf } from '#app/license/issue';
import { licensePorts, registeredEnterprise } from './support.ts';

describe('the license PDF of an issuance', () => {
  it('renders the same bytes twice for one version (so a retry overwrites the PDF with itself)', async () => {
    const ports = licensePorts();
    const { registrationId, creditCode } = await registeredEnterprise(ports);
    const registration = (await ports.registrations.get(registrationId))!;
    const enterprise = (await ports.enterprises.get(creditCode))!;
    const fields = fieldsOf(registration, enterprise, new Date('2026-03-16T02:00:00Z'));
    const url = `https://license.registry.test/v1/licenses/${creditCode}`;
    const a = await renderLicensePdf(fields, { verificationUrl: url });
    const b = await renderLicensePdf(fields, { verificationUrl: url });
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
    expect(a.byteLength).toBeLessThan(100 * 1024);
  }, 30_000);
});
