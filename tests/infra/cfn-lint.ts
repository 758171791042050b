/**
 * AWS's CloudFormation linter over synthesized templates, for named regions: it knows which resource
 * types and properties each region offers (the China regions lack Cognito user pools, for one). It is
 * Python's, on the project's machines but from no registry the project reaches, so a machine without it
 * fails the test that needs it, saying so, rather than passing it unchecked.
 */
import { spawnSync } from 'node:child_process';

/** Where a Chinese registry deploys (Beijing, Ningxia), and a global region for the Cognito option. */
export const DEPLOYMENT_REGIONS = ['cn-north-1', 'cn-northwest-1', 'us-east-1'] as const;

/**
 * W3005 ("dependency already enforced by a GetAtt"): CDK makes a function depend on its role's default
 * policy as well as its role, on purpose (the policy must exist before the function runs); harmless.
 */
const IGNORED_CHECKS = ['W3005'];

export interface LintResult {
  /** cfn-lint's exit status: a bit mask, 2 for errors, 4 for warnings, 8 for informational findings. */
  status: number;
  errors: string[];
  output: string;
}

export function cfnLint(templates: readonly string[], regions: readonly string[]): LintResult {
  const run = spawnSync(
    'cfn-lint',
    [
      '--format',
      'parseable',
      '--regions',
      ...regions,
      '--ignore-checks',
      ...IGNORED_CHECKS,
      '--',
      ...templates,
    ],
    { encoding: 'utf8', timeout: 170_000 },
  );
  if ((run.error as NodeJS.ErrnoException | undefined)?.code === 'ENOENT')
    throw new Error(
      'cfn-lint is not on this machine: the test of the China regions needs it (pip install cfn-lint; 1.51 measured)',
    );
  if (run.error) throw run.error;
  if (run.status === null) throw new Error(`cfn-lint did not finish: ${run.signal}`);
  if (run.status & 1) throw new Error(`cfn-lint failed to run:\n${run.stderr}`);
  const output = `${run.stdout}${run.stderr}`;
  // parseable: file:line:col:line:col:RULE:message; errors are the E rules.
  const errors = output.split('\n').filter((line) => /:E\d{4}:/.test(line));
  return { status: run.status, errors, output };
}
