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

const ROOT = join(import.meta.dirname, '../../..');

/** Runs the command as an integrator would, in its own process. */
function cli(...args: string[]) {
  const run = spawnSync(process.execPath, ['--import', 'tsx', 'bin/verify-license.ts', ...args], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

/** The documented way: the launcher by its path, from another directory, with no loader flag. */
function launcher(cwd: string, ...args: string[]) {
  const run = spawnSync(process.execPath, [join(ROOT, 'bin', 'verify-license.mjs'), ...args], {
    cwd,
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
  // A list that stops vouching for its bits a day after NOW.
  const until = new Date(NOW.getTime() + 86_400_000);
  writeFileSync(file('dated-status.jws'), await signStatusList(signer, [REVOKED], until));
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

  it('prints the usage for --help and -h, and exits 0', () => {
    for (const flag of ['--help', '-h']) {
      const run = cli(flag);
      expect(run.code, flag).toBe(0);
      expect(run.stdout).toContain('usage: verify-license LICENSE_FILE --jwks');
      expect(run.stdout).toContain('Exit 0 valid');
    }
  });

  it('exits 2 for a --now that is not an RFC 3339 time with an offset', () => {
    for (const now of ['1', 'tomorrow', '2027-01-01', '2027-01-01T00:00:00']) {
      const run = cli(
        file('valid.jws'),
        '--jwks',
        file('jwks.json'),
        '--status',
        file('status.jws'),
        '--now',
        now,
      );
      expect(run.code, now).toBe(2);
      expect(run.stderr).toContain('RFC 3339');
    }
  });

  it('refuses a status list past its validUntil at --now as stale, and accepts it before', () => {
    const at = (now: string) => [
      file('valid.jws'),
      '--jwks',
      file('jwks.json'),
      '--status',
      file('dated-status.jws'),
      '--now',
      now,
      '--json',
    ];
    expect(cli(...at(NOW.toISOString())).code).toBe(0);
    const later = cli(...at(new Date(NOW.getTime() + 2 * 86_400_000).toISOString()));
    expect(later.code).toBe(1);
    expect(JSON.parse(later.stdout)).toMatchObject({
      valid: false,
      checks: { status: { ok: false, code: 'status-list-expired' } },
    });
  });

  it('runs from any directory through bin/verify-license.mjs, relative paths taken from there', () => {
    const run = launcher(
      dir,
      'valid.jws',
      '--jwks',
      'jwks.json',
      '--status',
      'status.jws',
      '--now',
      NOW.toISOString(),
    );
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^有效.*VALID/);
    expect(launcher(dir, '--help').code).toBe(0);
    expect(launcher(dir, 'valid.jws').code).toBe(2);
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
