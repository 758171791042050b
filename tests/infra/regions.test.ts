/**
 * The default app deploys where a Chinese registry's users are: cfn-lint finds no error in any template
 * for Beijing (cn-north-1), Ningxia (cn-northwest-1) and a global region (us-east-1), and the templates
 * name no partition but the deployment's. architecture.md, "One code base, two runtimes".
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { cfnLint, DEPLOYMENT_REGIONS } from './cfn-lint.ts';
import { type Synthesized, synthesize } from './synth.ts';

describe('the default app in the China regions', () => {
  let synth: Synthesized;
  let templates: string[];

  beforeAll(() => {
    synth = synthesize({ bundle: false });
    templates = synth.assembly.stacks.map((s) => s.templateFullPath);
  });

  it('is linted by a cfn-lint that knows what China lacks', () => {
    // A linter that accepted every type in every region would pass anything: it must refuse this one.
    const probe = join(synth.assembly.directory, 'probe-cognito.json');
    writeFileSync(probe, JSON.stringify({ Resources: { Pool: { Type: 'AWS::Cognito::UserPool' } } }));
    expect(cfnLint([probe], ['cn-north-1']).errors.join('\n')).toMatch(
      /E3006.*AWS::Cognito::UserPool.*cn-north-1/,
    );
  });

  it(`has no cfn-lint error for ${DEPLOYMENT_REGIONS.join(', ')}`, () => {
    expect(templates.length).toBe(synth.assembly.stacks.length);
    const result = cfnLint(templates, DEPLOYMENT_REGIONS);
    console.info(
      `cfn-lint --regions ${DEPLOYMENT_REGIONS.join(' ')} over ${templates.length} templates: exit ${result.status}, ${result.errors.length} errors`,
    );
    expect(result.errors, result.output).toEqual([]);
    expect(result.status & 2).toBe(0);
  });

  it('has no Cognito resource and no ARN written for the aws partition', () => {
    for (const stack of synth.assembly.stacks) {
      const text = JSON.stringify(stack.template);
      expect(text, stack.stackName).not.toMatch(/AWS::Cognito::/);
      // ARNs are built from AWS::Partition (arn:aws-cn: in China); a literal arn:aws: would not deploy there.
      expect(text.match(/arn:aws:[^"]*/g) ?? [], stack.stackName).toEqual([]);
    }
  });
});
