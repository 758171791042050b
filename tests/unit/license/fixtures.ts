/** One license world for the tests: fields, a local keyring in a temp dir, a signed license and list. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import { LocalKeyring } from '#adapters/signer-local';
import { buildLicenseCredential, type LicenseIssue, statusListUrl } from '#domain/license/credential';
import type { LicenseFields } from '#domain/license/fields';
import { signVcJwt } from '#domain/license/jws';
import { buildStatusListCredential, emptyStatusList, setStatusBit } from '#domain/license/status-list';
import type { Signer } from '#ports/signer';

export const BASE_URL = 'https://license.registry.example.cn';
export const LIST_ID = 'rev-1';
export const ISSUED_AT = new Date('2026-11-20T02:00:00Z');
export const NOW = new Date('2026-11-26T02:00:00Z');

export const FIELDS: LicenseFields = {
  name: '北京星河数据科技有限公司',
  creditCode: '91110108MA01C3RQ6Q',
  entityType: 'limited_liability_company',
  domicile: '北京市海淀区中关村大街27号11层1101室',
  legalRepresentative: '张伟',
  registeredCapital: { amount: '1000000', currency: 'CNY' },
  establishedOn: '2026-11-20',
  businessTerm: { from: '2026-11-20' },
  businessScope: ['软件开发', '信息技术咨询服务', '数据处理和存储支持服务'],
  registrationAuthority: '北京市海淀区市场监督管理局',
  issuedOn: '2026-11-20',
};

const made: string[] = [];
// Registered here, once per test file that imports the fixtures: key files must not pile up in /tmp.
afterAll(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

export function tempDir(prefix = 'license-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  made.push(dir);
  return dir;
}

export function newKeyring(): LocalKeyring {
  return new LocalKeyring(join(tempDir('keys-'), 'signing'));
}

export function issue(overrides: Partial<LicenseIssue> = {}): LicenseIssue {
  return {
    fields: FIELDS,
    version: 1,
    statusIndex: 42,
    statusListId: LIST_ID,
    baseUrl: BASE_URL,
    validFrom: ISSUED_AT,
    ...overrides,
  };
}

export function signLicense(signer: Signer, overrides: Partial<LicenseIssue> = {}): Promise<string> {
  return signVcJwt(signer, buildLicenseCredential(issue(overrides)));
}

/** The revocation list, signed, with the given indexes revoked. */
export function signStatusList(signer: Signer, revoked: number[] = [], validUntil?: Date): Promise<string> {
  const bits = revoked.reduce((list, index) => setStatusBit(list, index), emptyStatusList());
  const url = statusListUrl(BASE_URL, LIST_ID);
  return signVcJwt(
    signer,
    buildStatusListCredential({ url, issuer: BASE_URL, bits, validFrom: ISSUED_AT, validUntil }),
  );
}

/** Replaces one base64url part of a compact JWS. */
export function withPart(jws: string, index: 0 | 1 | 2, value: string): string {
  const parts = jws.split('.');
  parts[index] = value;
  return parts.join('.');
}

export function encodeJson(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

export function decodePart(jws: string, index: 0 | 1): Record<string, unknown> {
  return JSON.parse(Buffer.from(jws.split('.')[index]!, 'base64url').toString('utf8'));
}
