/**
 * The e-license in the cloud: the signing key is asymmetric P-256, only the functions that issue, reissue
 * or revoke licenses and the status-list route (re-signing a list past half its life) may sign with it
 * (and read its public half, whose thumbprint is the kid), the JWKS and verification routes may only read
 * the public key, the license PDFs are a prefix of their own, and the fonts ship beside the bundle.
 */

import type { CfnKey } from 'aws-cdk-lib/aws-kms';
import { build } from 'esbuild';
import { beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '#contract/workflows';
import { actionsOf, functionNamed, functionStatements, render, resourcesOf, type Statement } from './iam.ts';
import { type Stacks, stacks } from './stacks.ts';
import { list } from './synth.ts';

const ISSUER = 'RegistrationIssueLicenseFunction';
/**
 * Every function that may sign with the license key: the issuing and reissuing tasks, the revocation in
 * the deregistration workflow, and the status-list route (a list read past half its life is signed again).
 */
const SIGNERS = [
  ISSUER,
  'LicenseReissueReissueLicenseFunction',
  'DeregistrationDeregisterFunction',
  'GetStatusList',
];
let s: Stacks;
let keyId: string;
const onLicenseKey = (st: Statement) => resourcesOf(st).some((r) => r.includes(keyId));
const kmsOnKey = (sts: Statement[]) => [...actionsOf(sts.filter(onLicenseKey))].sort();

beforeAll(() => {
  s = stacks();
  keyId = s.synth.cloud.data.getLogicalId(s.synth.cloud.data.licenseSigningKey.node.defaultChild as CfnKey);
});

describe('the license signing key', () => {
  it('is an asymmetric ECC_NIST_P256 key for SIGN_VERIFY, kept when the stack goes', () => {
    s.data.hasResource('AWS::KMS::Key', {
      Properties: { KeySpec: 'ECC_NIST_P256', KeyUsage: 'SIGN_VERIFY' },
      DeletionPolicy: 'Retain',
    });
  });

  it('may be used by the issuing task for kms:Sign (and GetPublicKey for its kid) only', () => {
    const statements = functionStatements(s.workflows, ISSUER);
    expect(kmsOnKey(statements)).toEqual(['kms:GetPublicKey', 'kms:Sign']);
    expect(statements.filter(onLicenseKey).flatMap((st) => list(st.Action))).not.toContain('kms:*');
    const env = functionNamed(s.workflows, ISSUER).fn.Properties.Environment as {
      Variables: Record<string, unknown>;
    };
    expect(render(env.Variables.LICENSE_SIGNING_KEY_ID)).toContain(keyId);
    expect(env.Variables).toMatchObject({
      LICENSE_FONT_FILE: '/var/task/NotoSansSC-Regular.ttf',
      LICENSE_FALLBACK_FONT_FILE: '/var/task/SourceHanSansSC-Regular.otf',
    });
  });

  it('signs with no other function: the JWKS and verification read its public key only, the rest nothing', () => {
    const signers: string[] = [];
    const readers: string[] = [];
    for (const template of [s.api, s.workflows]) {
      for (const [id, fn] of Object.entries(template.findResources('AWS::Lambda::Function'))) {
        const prefix = id.slice(0, -8);
        const actions = kmsOnKey(functionStatements(template, prefix));
        if (actions.includes('kms:Sign')) signers.push(prefix);
        else if (actions.length) {
          expect(actions).toEqual(['kms:GetPublicKey']);
          readers.push(prefix);
        }
        void fn;
      }
    }
    expect(signers.sort()).toEqual([...SIGNERS].sort());
    expect(readers.sort()).toEqual(['Jwks', 'VerifyLicense']);
  });

  it('is used by the status-list route, which may write status-list items and nothing else', () => {
    const statements = functionStatements(s.api, 'GetStatusList');
    expect(kmsOnKey(statements)).toEqual(['kms:GetPublicKey', 'kms:Sign']);
    const writes = statements.filter((st) =>
      list(st.Action).some((a) => /^dynamodb:(Put|Update|Delete|BatchWrite)/.test(a)),
    );
    expect(writes.length).toBeGreaterThan(0);
    // Reads and writes of the table alike, on status-list items only (tests/infra/grants-table.test.ts).
    for (const write of writes)
      expect(write.Condition).toEqual({
        'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': ['STATUSLIST#*'] },
      });
  });
});

describe('the license PDFs', () => {
  it('are written by the issuing task under licenses/ only, never materials', () => {
    const statements = functionStatements(s.workflows, ISSUER).filter((st) =>
      list(st.Action).some((a) => a.startsWith('s3:')),
    );
    const objects = statements.filter((st) => list(st.Action).includes('s3:PutObject'));
    expect(objects.flatMap(resourcesOf)).toEqual([`${s.bucket}/licenses/*`]);
    const all = statements.flatMap(resourcesOf).join(' ');
    expect(all).not.toContain('materials/');
    // It only writes: no GetObject, and no listing (a reader's way to tell a missing PDF from a refusal).
    expect([...actionsOf(statements)]).toEqual(['s3:PutObject']);
  });

  it('are read by the PDF route under licenses/ only, and written by no route', () => {
    const statements = functionStatements(s.api, 'GetLicensePdf');
    expect(actionsOf(statements).has('s3:PutObject')).toBe(false);
    const objects = statements.filter((st) => list(st.Action).includes('s3:GetObject'));
    expect(objects.flatMap(resourcesOf)).toEqual([s.rendered(`${s.bucket}/licenses/*`)]);
  });
});

/** The minified bundle of a cloud entry (the SDK left out, as every bundle carries it alike). */
async function bundle(entry: string) {
  const out = await build({
    entryPoints: [`${REPO_ROOT}/infra/cloud/entries/${entry}`],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node22',
    minify: true,
    write: false,
    metafile: true,
    external: ['@aws-sdk/*', '@smithy/*'],
    logLevel: 'silent',
  });
  return { bytes: out.outputFiles[0]!.contents.byteLength, inputs: Object.keys(out.metafile.inputs) };
}

describe('the issuing function bundle', () => {
  it('carries no font (the fonts are files beside it) and adds under 1.5 MB of PDF code to a task bundle', async () => {
    const [license, completion] = await Promise.all([
      bundle('tasks-license.ts'),
      bundle('tasks-registration-completion.ts'),
    ]);
    expect(license.inputs.filter((i) => /\.(ttf|otf|woff2?)$/.test(i))).toEqual([]);
    // Every bundle holds every adapter today (decision 0012): the 1 MB target needs per-entry wiring.
    expect(license.bytes - completion.bytes).toBeLessThan(1.5 * 1024 * 1024);
  }, 60_000);
});
