/**
 * The cloud app synthesized once per test file (unbundled: the code assets are checked in
 * functions.test.ts), with the handles the stack tests share.
 */
import { Template } from 'aws-cdk-lib/assertions';
import type { CfnKey } from 'aws-cdk-lib/aws-kms';
import { bucketArn, documentsBucketName, STACKS } from '../../infra/cloud/naming.ts';
import type { Deployed } from './deployed.ts';
import { render, resourcesOf, type Statement } from './iam.ts';
import { type Synthesized, synthesize } from './synth.ts';

export interface Stacks {
  synth: Synthesized;
  data: Template;
  api: Template;
  workflows: Template;
  monitoring: Template;
  /** The sealing key's logical id in the data stack: other stacks reach it through an output named after it. */
  sealingKeyId: string;
  /** The documents bucket's ARN as its policies render it (the same in both stacks). */
  bucket: string;
  templateOf(d: Deployed): Template;
  onSealingKey(s: Statement): boolean;
  /** What an ARN built in the API stack renders as in its template. */
  rendered(arn: string): string;
}

let cached: Stacks | undefined;

export function stacks(): Stacks {
  if (cached) return cached;
  const synth = synthesize({ bundle: false });
  const { cloud } = synth;
  const api = Template.fromStack(cloud.api);
  const workflows = Template.fromStack(cloud.workflows);
  const sealingKeyId = cloud.data.getLogicalId(cloud.data.sealingKey.node.defaultChild as CfnKey);
  const rendered = (arn: string) => render(cloud.api.resolve(arn));
  cached = {
    synth,
    data: Template.fromStack(cloud.data),
    api,
    workflows,
    monitoring: Template.fromStack(cloud.monitoring),
    sealingKeyId,
    bucket: rendered(bucketArn(documentsBucketName(STACKS.data))),
    templateOf: (d) => (d.stack === 'api' ? api : workflows),
    onSealingKey: (s) => resourcesOf(s).some((r) => r.includes(sealingKeyId)),
    rendered,
  };
  return cached;
}
