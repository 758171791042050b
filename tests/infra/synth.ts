/**
 * Synthesizes the cloud app in memory, with the context of cdk.json (so the feature flags are those the
 * CLI uses) and cdk-nag registered as in app.ts. Each test file calls it once, in beforeAll.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App } from 'aws-cdk-lib';
import type { CloudAssembly } from 'aws-cdk-lib/cx-api';
import { REPO_ROOT } from '#contract/workflows';
import { buildRegistryCloud, type RegistryCloud } from '../../infra/cloud/registry-app.ts';

/** A resource of a synthesized template, as the assertions' find* methods return it. */
export interface Resource {
  Type: string;
  Properties: Record<string, unknown>;
  DependsOn?: string[];
}

export const list = <T>(value: T | T[]): T[] => (Array.isArray(value) ? value : [value]);

export interface Synthesized {
  app: App;
  cloud: RegistryCloud;
  assembly: CloudAssembly;
  /** validation-report.json of the assembly, or undefined when no plugin reported anything. */
  report: ValidationReport | undefined;
}

export interface ReportedViolation {
  ruleName: string;
  description: string;
  severity: string;
  violatingConstructs: { constructPath: string }[];
}

export interface ValidationReport {
  pluginReports: { pluginName: string; conclusion: string; violations: ReportedViolation[] }[];
}

export function cdkJsonContext(): Record<string, unknown> {
  const cdkJson = JSON.parse(readFileSync(join(REPO_ROOT, 'cdk.json'), 'utf8')) as {
    context: Record<string, unknown>;
  };
  return cdkJson.context;
}

/**
 * `bundle: false` skips esbuild (CDK's `aws:cdk:bundling-stacks` context): the templates are the same
 * except for the asset hashes, and the tests that do not look at code run in a second instead of ten.
 */
export function synthesize({
  bundle,
  context = {},
}: {
  bundle: boolean;
  /** Context over cdk.json's: a deployment's settings (`registry:cognito`, say). */
  context?: Record<string, unknown>;
}): Synthesized {
  const outdir = mkdtempSync(join(tmpdir(), 'registry-cdk-'));
  const app = new App({
    outdir,
    context: { ...cdkJsonContext(), ...context, ...(bundle ? {} : { 'aws:cdk:bundling-stacks': [] }) },
  });
  const cloud = buildRegistryCloud(app);
  const assembly = app.synth();
  let report: ValidationReport | undefined;
  try {
    report = JSON.parse(
      readFileSync(join(assembly.directory, 'validation-report.json'), 'utf8'),
    ) as ValidationReport;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  return { app, cloud, assembly, report };
}
