import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  decodePart,
  encodeJson,
  NOW,
  newKeyring,
  signLicense,
  signStatusList,
  tempDir,
  withPart,
} from './fixtures.ts';

const REVOKED = 7;
const dir = tempDir('license-cli-');
const file = (name: string) => join(dir, name);

/** Runs the command as an integrator would, in its own process. */
function cli(...args: string[]) {
  const run = spawnSync(process.execPath, ['--import', 'tsx', 'bin/verify-license.ts', ...args], {
    cwd: join(import.meta.dirname, '../../..'),
    encoding: 'utf8',
  });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

const common = () => [
  '--jwks',
  file('jwks.json'),
  '--status',
  file('status.jws'),
  '--now',
  NOW.toISOString(),
];

beforeAll(async () => {
  const keyring = newKeyring();
  const signer = await keyring.current();
  writeFileSync(file('jwks.json'), JSON.stringify(await keyring.jwks()));
  writeFileSync(file('status.jws'), `${await signStatusList(signer, [REVOKED])}\n`);
  const valid = await signLicense(signer);
  writeFileSync(file('valid.jws'), valid);
  writeFileSync(file('valid.json'), JSON.stringify({ credential: valid }));
  writeFileSync(file('revoked.jws'), await signLicense(signer, { statusIndex: REVOKED }));
  const payload = decodePart(valid, 1) as { credentialSubject: { legalRepresentative: string } };
  payload.credentialSubject.legalRepresentative = '李四';
  writeFileSync(file('tampered.jws'), withPart(valid, 1, encodeJson(payload)));
  writeFileSync(file('garbage.txt'), 'not a license');
});

// Each run starts Node with tsx (about a second): a generous budget keeps a busy CI machine from failing it.
describe('bin/verify-license.ts', { timeout: 60_000 }, () => {
  it('says a valid license is valid, in Chinese and English, and exits 0', () => {
    const run = cli(file('valid.jws'), ...common());
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^有效.*VALID/);
    expect(run.stdout).toContain('北京星河数据科技有限公司');
    expect(run.stdout).toContain('执照状态 status: 通过 passed');
  });

  it('reads the API’s {"credential"} JSON as well', () => {
    expect(cli(file('valid.json'), ...common()).code).toBe(0);
  });

  it('says a revoked license is revoked, in plain words, and exits 1', () => {
    const run = cli(file('revoked.jws'), ...common());
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/^已撤销.*REVOKED/);
    expect(run.stdout).toContain('执照已被撤销');
  });

  it('names the failed integrity check of a tampered license and exits 1', () => {
    const run = cli(file('tampered.jws'), ...common(), '--json');
    expect(run.code).toBe(1);
    const verdict = JSON.parse(run.stdout);
    expect(verdict).toMatchObject({
      valid: false,
      checks: { integrity: { ok: false, code: 'bad-signature' } },
    });
    expect(cli(file('tampered.jws'), ...common()).stdout).toContain(
      '内容完整 integrity: 未通过 failed — 签名与内容不符',
    );
  });

  it('exits 2 with the usage for missing options, unreadable files or a file that is no JWS', () => {
    const missing = cli(file('valid.jws'), '--jwks', file('jwks.json'));
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('usage');
    expect(cli(file('nope.jws'), ...common()).stderr).toContain('cannot read');
    expect(cli(file('garbage.txt'), ...common()).code).toBe(2);
    expect(cli(file('valid.jws'), ...common(), '--bogus').code).toBe(2);
  });
});
