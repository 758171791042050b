/**
 * Every function as deployed, from a synth with real esbuild bundling: Node.js 22 on arm64, the shared
 * environment (and the sealing key's id only where the key may be used), and an ESM bundle in which
 * CommonJS dependencies still find require(), with the seeds beside it: byte for byte the bundle that
 * tests/infra/bundles.test.ts measures.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Template } from 'aws-cdk-lib/assertions';
import { build } from 'esbuild';
import { beforeAll, describe, expect, it } from 'vitest';
import { CLOUD_ROUTES } from '#contract/routes';
import { WORKFLOWS } from '#contract/workflows';
import { ASSET_PACKAGE_JSON, esbuildOptions, RUNTIME_SDK_ENTRIES } from '../../infra/cloud/bundling.ts';
import { cloudEntryOf } from '../../infra/cloud/nodejs-function.ts';
import { DEPLOYED } from './deployed.ts';
import { functionNamed } from './iam.ts';
import { type Resource, type Synthesized, synthesize } from './synth.ts';

/** What every function gets (infra/cloud/environment.ts): the names infra/local/runtime.ts sets too. */
const ENV_VARS = [
  'REGISTRY_TABLE',
  'DOCUMENTS_BUCKET',
  ...WORKFLOWS.map((w) => w.envVar),
  'NAME_RESERVATION_PERIOD',
  'NAME_RESERVATION_PREAPPROVAL_PERIOD',
  'NAME_RESERVATION_REMINDER_LEAD',
  'ANNOUNCEMENT_PERIOD',
  'CONFIRMATION_PERIOD',
  'INDIVIDUAL_OBJECTION_PERIOD',
  'REVIEW_TIMEOUT',
  'SUPPLEMENT_TIMEOUT',
  'EVENT_RETENTION',
  'POWERTOOLS_SERVICE_NAME',
  'LOG_LEVEL',
  'LICENSE_BASE_URL',
  'NODE_OPTIONS',
];

/** The token service's part of the environment, by what the function does with the token key. */
const TOKEN_ENV_OF = {
  sign: ['TOKEN_SIGNING_KEY_ID', 'TOKEN_ISSUER', 'TOKEN_AUDIENCE', 'IDENTITY_PROVIDERS'],
  publicKey: ['TOKEN_SIGNING_KEY_ID'],
  issuer: ['TOKEN_ISSUER', 'TOKEN_AUDIENCE'],
} as const;

describe('functions', () => {
  let synth: Synthesized;
  let api: Template;
  let workflows: Template;

  beforeAll(() => {
    synth = synthesize({ bundle: true });
    api = Template.fromStack(synth.cloud.api);
    workflows = Template.fromStack(synth.cloud.workflows);
  });

  const allFunctions = () =>
    [api, workflows].flatMap((t) => Object.values(t.findResources('AWS::Lambda::Function')) as Resource[]);

  it('run Node.js 22 on arm64, traced, logging JSON to their own log group', () => {
    const functions = allFunctions();
    const taskCount = WORKFLOWS.reduce((n, w) => n + Object.keys(w.tasks).length, 0);
    // Two more: the scheduled sweep of owed workflow starts, and the execution index's writer.
    expect(functions).toHaveLength(CLOUD_ROUTES.length + taskCount + 2);
    for (const fn of functions) {
      expect(fn.Properties).toMatchObject({
        Runtime: 'nodejs22.x',
        Architectures: ['arm64'],
        TracingConfig: { Mode: 'Active' },
        LoggingConfig: { LogFormat: 'JSON', LogGroup: { Ref: expect.any(String) } },
      });
    }
  });

  it("give every function the shared environment, and a key's id only to those that may use the key", () => {
    expect(DEPLOYED).toHaveLength(allFunctions().length);
    for (const d of DEPLOYED) {
      const { fn } = functionNamed(d.stack === 'api' ? api : workflows, d.name);
      const variables = (fn.Properties.Environment as { Variables: Record<string, unknown> }).Variables;
      const expected = [
        ...ENV_VARS,
        ...(d.sealing ? ['SEALING_KEY_ID'] : []),
        ...(d.licenseKey ? ['LICENSE_SIGNING_KEY_ID'] : []),
        // The fonts go with rendering (the issuing and reissuing tasks), not with signing alone.
        ...(d.licenseDocuments && d.licenseDocuments !== 'read'
          ? ['LICENSE_FONT_FILE', 'LICENSE_FALLBACK_FONT_FILE']
          : []),
        ...(d.platformTokens ? TOKEN_ENV_OF[d.platformTokens] : []),
      ];
      expect(Object.keys(variables).sort(), d.name).toEqual([...expected].sort());
      expect(variables.NODE_OPTIONS).toBe('--enable-source-maps');
      expect(variables.REGISTRATION_STATE_MACHINE_ARN, d.name).toBeDefined();
    }
  });

  it('are bundled as ESM with require() available to CommonJS dependencies, with source maps', () => {
    const assets = new Set(
      allFunctions().map((fn) => (fn.Properties.Code as { S3Key: string }).S3Key.replace(/\.zip$/, '')),
    );
    const onRuntimeSdk: string[] = [];
    for (const hash of assets) {
      const dir = join(synth.assembly.directory, `asset.${hash}`);
      expect(existsSync(join(dir, 'index.mjs')), dir).toBe(true);
      expect(existsSync(join(dir, 'index.mjs.map')), dir).toBe(true);
      const code = readFileSync(join(dir, 'index.mjs'), 'utf8');
      expect(code.slice(0, 300)).toContain('createRequire');
      // The pinned SDK is bundled, not taken from the runtime, except by the license task (bundling.ts,
      // RUNTIME_SDK_ENTRIES). The only subpath imports left are the seeds', which the package.json beside
      // the bundle maps to the copies beside it.
      if (/from\s*["']@aws-sdk\//.test(code)) onRuntimeSdk.push(code);
      expect(readFileSync(join(dir, 'package.json'), 'utf8')).toBe(ASSET_PACKAGE_JSON);
      for (const [, specifier] of code.matchAll(/from\s*["'](#[^"']*)["']/g)) {
        expect(specifier).toMatch(/^#seeds\//);
        expect(existsSync(join(dir, 'seeds', specifier!.slice('#seeds/'.length))), specifier).toBe(true);
      }
    }
    expect(onRuntimeSdk).toHaveLength(RUNTIME_SDK_ENTRIES.size);
    for (const code of onRuntimeSdk) expect(code).toContain('LICENSE_FONT_FILE');
  });

  it('are the bundles the bundle checks build from the same options (infra/cloud/bundling.ts)', async () => {
    const assetOf = new Map<string, string>();
    for (const t of [api, workflows]) {
      for (const fn of Object.values(t.findResources('AWS::Lambda::Function')) as Resource[]) {
        const roleId = (fn.Properties.Role as { 'Fn::GetAtt': [string] })['Fn::GetAtt'][0];
        const role = t.findResources('AWS::IAM::Role')[roleId] as Resource;
        // The role says which handler it runs: `Runs functions/api/names.ts#check`.
        const handler = /^Runs (\S+)#/.exec(String(role.Properties.Description))?.[1];
        const hash = (fn.Properties.Code as { S3Key: string }).S3Key.replace(/\.zip$/, '');
        if (handler) assetOf.set(cloudEntryOf(handler), join(synth.assembly.directory, `asset.${hash}`));
      }
    }
    expect(assetOf.size).toBeGreaterThan(0);
    await Promise.all(
      [...assetOf].map(async ([entry, dir]) => {
        const measured = await build({ ...esbuildOptions(entry, join(dir, 'index.mjs')), write: false });
        const js = measured.outputFiles.find((f) => f.path.endsWith('index.mjs'))!;
        expect(Buffer.from(js.contents).equals(readFileSync(join(dir, 'index.mjs'))), entry).toBe(true);
      }),
    );
  });
});
