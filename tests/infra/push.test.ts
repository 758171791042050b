/**
 * The department push in the cloud (infra/cloud/push-stack.ts): the table's stream, the two pipes with
 * their filters, FIFO groups and message bodies, both FIFO queues with their dead-letter queues, the
 * functions' partial-batch event source mappings, and grants that reach only what each part touches.
 */
import { Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { PAIR_ATTRIBUTE } from '#adapters/dynamo-delivery-relay';
import { OutboxRef } from '#app/push/outbox-record';
import { REGISTRY_TABLE } from '#contract/tables';
import { QueuedDeliveryMessage } from '#tasks/push';
import { STREAM_READ_ACTIONS } from '../../infra/cloud/push-pipes.ts';
import { DELIVERY_MESSAGE, OUTBOX_MESSAGE, PUSH } from '../../infra/cloud/push-stack.ts';
import { SEALING_ACTIONS, SEALING_TAG } from '../../infra/cloud/sealing.ts';
import {
  actionsOf,
  functionNamed,
  render,
  resourcesOf,
  roleIdOf,
  type Statement,
  statementsOf,
} from './iam.ts';
import { type Stacks, stacks } from './stacks.ts';
import { list, type Resource } from './synth.ts';

let s: Stacks;
let push: Template;
/** How the push stack's template renders an ARN of the data stack. */
let fromData: (arn: string) => string;
const byType = (type: string) => Object.entries(push.findResources(type)) as [string, Resource][];
const only = <T>(items: T[]): T => {
  expect(items).toHaveLength(1);
  return items[0]!;
};
const idOf = (prefix: string, type: string) =>
  only(byType(type).filter(([id]) => new RegExp(`^${prefix}[0-9A-F]{8}$`).test(id)))[0];
const pipe = (id: string) => push.findResources('AWS::Pipes::Pipe')[id] as Resource;
const filterOf = (p: Resource) =>
  JSON.parse(
    (p.Properties.SourceParameters as { FilterCriteria: { Filters: { Pattern: string }[] } }).FilterCriteria
      .Filters[0]!.Pattern,
  );
/** A Pipes input template filled as Pipes fills it: each `<$.path>` by that string of the record. */
const fill = (template: string, values: Record<string, string>) =>
  JSON.parse(template.replace(/<\$\.dynamodb\.NewImage\.(\w+)\.[SN]>/g, (_, name: string) => values[name]!));

beforeAll(() => {
  s = stacks();
  push = Template.fromStack(s.synth.cloud.push);
  fromData = (arn) => render(s.synth.cloud.push.resolve(arn));
});

describe('the registry table', () => {
  it('has the change stream the shared schema names', () => {
    expect(REGISTRY_TABLE.stream).toBe('NEW_IMAGE');
    s.data.hasResourceProperties('AWS::DynamoDB::Table', {
      StreamSpecification: { StreamViewType: REGISTRY_TABLE.stream },
    });
  });
});

describe('the pipes', () => {
  it('send new pending outbox events to the outbox queue, grouped by enterprise, as ids', () => {
    const p = pipe('OutboxPipe');
    expect(render(p.Properties.Source)).toBe(fromData(s.synth.cloud.data.table.tableStreamArn!));
    expect(p.Properties.SourceParameters).toMatchObject({
      DynamoDBStreamParameters: { StartingPosition: 'TRIM_HORIZON', BatchSize: 10 },
    });
    expect(filterOf(p)).toEqual({
      eventName: ['INSERT', 'MODIFY'],
      dynamodb: { Keys: { pk: { S: [{ prefix: 'OUTBOX#' }] } }, NewImage: { delivery: { S: ['pending'] } } },
    });
    expect(render(p.Properties.Target)).toBe(`<${idOf('OutboxQueue', 'AWS::SQS::Queue')}.Arn>`);
    expect(p.Properties.TargetParameters).toMatchObject({
      SqsQueueParameters: { MessageGroupId: '$.dynamodb.Keys.pk.S', MessageDeduplicationId: '$.eventID' },
      InputTemplate: OUTBOX_MESSAGE,
    });
    const body = fill(OUTBOX_MESSAGE, { creditCode: '91110108MA01C3RQ6Q', seq: '3' });
    expect(OutboxRef.parse(body)).toEqual({ creditCode: '91110108MA01C3RQ6Q', seq: 3 });
  });

  it('send inbox entries that became pending to the delivery queue, grouped by department and enterprise', () => {
    const p = pipe('DeliveryPipe');
    expect(render(p.Properties.Source)).toBe(fromData(s.synth.cloud.data.table.tableStreamArn!));
    expect(filterOf(p)).toEqual({
      eventName: ['INSERT', 'MODIFY'],
      dynamodb: { Keys: { pk: { S: [{ prefix: 'INBOX#' }] } }, NewImage: { status: { S: ['pending'] } } },
    });
    expect(render(p.Properties.Target)).toBe(`<${idOf('DeliveryQueue', 'AWS::SQS::Queue')}.Arn>`);
    expect(p.Properties.TargetParameters).toMatchObject({
      SqsQueueParameters: {
        MessageGroupId: `$.dynamodb.NewImage.${PAIR_ATTRIBUTE}.S`,
        MessageDeduplicationId: '$.eventID',
      },
      InputTemplate: DELIVERY_MESSAGE,
    });
    const body = fill(DELIVERY_MESSAGE, {
      id: 'e-1:tax',
      attempts: '2',
      nextAttemptAt: '2026-11-20T02:00:00.000Z',
    });
    expect(QueuedDeliveryMessage.parse(body)).toEqual({
      deliveryId: 'e-1:tax',
      attempts: 2,
      dueAt: '2026-11-20T02:00:00.000Z',
    });
  });

  it('each assume a role that reads the stream and sends to its own queue, nothing else', () => {
    for (const [name, queue] of [
      ['OutboxPipe', 'OutboxQueue'],
      ['DeliveryPipe', 'DeliveryQueue'],
    ] as const) {
      const roleId = render(pipe(name).Properties.RoleArn).replace(/^<|\.Arn>$/g, '');
      const role = push.findResources('AWS::IAM::Role')[roleId] as Resource;
      const trust = (role.Properties.AssumeRolePolicyDocument as { Statement: Statement[] }).Statement;
      expect(trust).toEqual([
        expect.objectContaining({
          Principal: { Service: 'pipes.amazonaws.com' },
          Condition: { StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } } },
        }),
      ]);
      const statements = statementsOf(push, roleId);
      const on = (action: string) => statements.filter((st) => list(st.Action).includes(action));
      expect([...actionsOf(statements)].sort()).toEqual(
        [...STREAM_READ_ACTIONS, 'kms:Decrypt', 'sqs:SendMessage'].sort(),
      );
      expect(on('dynamodb:GetRecords').flatMap(resourcesOf)).toEqual([
        fromData(s.synth.cloud.data.table.tableStreamArn!),
      ]);
      expect(on('kms:Decrypt').flatMap(resourcesOf)).toEqual([fromData(s.synth.cloud.data.dataKey.keyArn)]);
      expect(on('kms:Decrypt')[0]?.Condition?.StringEquals).toHaveProperty('kms:ViaService');
      expect(on('sqs:SendMessage').flatMap(resourcesOf)).toEqual([`<${idOf(queue, 'AWS::SQS::Queue')}.Arn>`]);
      // The role exists before the pipe, which Pipes checks at creation.
      expect((push.toJSON().Resources[name] as Resource).DependsOn).toContain(roleId);
    }
  });
});

describe('the queues', () => {
  it('are FIFO, encrypted, TLS only, with a FIFO dead-letter queue after five receives', () => {
    const queues = Object.fromEntries(byType('AWS::SQS::Queue'));
    expect(Object.keys(queues)).toHaveLength(4);
    for (const name of ['OutboxQueue', 'DeliveryQueue']) {
      const q = queues[idOf(name, 'AWS::SQS::Queue')]!;
      expect(q.Properties).toMatchObject({ FifoQueue: true, SqsManagedSseEnabled: true });
      const redrive = q.Properties.RedrivePolicy as { deadLetterTargetArn: unknown; maxReceiveCount: number };
      expect(redrive.maxReceiveCount).toBe(5);
      const dlq = queues[idOf(`${name}DeadLetters`, 'AWS::SQS::Queue')]!;
      expect(render(redrive.deadLetterTargetArn)).toBe(
        `<${idOf(`${name}DeadLetters`, 'AWS::SQS::Queue')}.Arn>`,
      );
      expect(dlq.Properties).toMatchObject({ FifoQueue: true, SqsManagedSseEnabled: true });
    }
    const policies = byType('AWS::SQS::QueuePolicy').map(([, p]) => p.Properties);
    expect(policies).toHaveLength(4);
    for (const policy of policies) {
      expect((policy.PolicyDocument as { Statement: Statement[] }).Statement).toContainEqual(
        expect.objectContaining({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
      );
    }
  });

  it('feed their functions in batches that report item failures, hidden longer than a run can take', () => {
    for (const [fn, queue, config] of [
      ['PushRelay', 'OutboxQueue', PUSH.relay],
      ['PushDelivery', 'DeliveryQueue', PUSH.delivery],
    ] as const) {
      const { id, fn: resource } = functionNamed(push, fn);
      const mapping = only(
        byType('AWS::Lambda::EventSourceMapping').filter(
          ([, m]) => render(m.Properties.FunctionName) === `<${id}>`,
        ),
      )[1];
      expect(mapping.Properties).toMatchObject({
        FunctionResponseTypes: ['ReportBatchItemFailures'],
        BatchSize: config.batchSize,
      });
      expect(render(mapping.Properties.EventSourceArn)).toBe(`<${idOf(queue, 'AWS::SQS::Queue')}.Arn>`);
      expect(resource.Properties.Handler).toBe(`index.${config.handler.export}`);
      const visibility = (push.findResources('AWS::SQS::Queue')[idOf(queue, 'AWS::SQS::Queue')] as Resource)
        .Properties.VisibilityTimeout as number;
      expect(visibility).toBeGreaterThanOrEqual(6 * (resource.Properties.Timeout as number));
    }
  });
});

describe('the functions may touch', () => {
  const statementsOfFunction = (name: string) => statementsOf(push, roleIdOf(functionNamed(push, name).fn));
  const licenseKey = () => fromData(s.synth.cloud.data.licenseSigningKey.keyArn);
  const onLicenseKey = (st: Statement) => resourcesOf(st).includes(licenseKey());

  it('the relay: the table, kms:Sign with the license key only, and its own queue to consume', () => {
    const statements = statementsOfFunction('PushRelay');
    const actions = actionsOf(statements);
    expect([...actionsOf(statements.filter(onLicenseKey))].sort()).toEqual(['kms:GetPublicKey', 'kms:Sign']);
    for (const st of statements.filter((x) => list(x.Action).includes('kms:Sign')))
      expect(resourcesOf(st)).toEqual([licenseKey()]);
    for (const action of ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem'])
      expect(actions.has(action), action).toBe(true);
    const sqs = statements.filter((st) => list(st.Action).some((a) => a.startsWith('sqs:')));
    expect(sqs.flatMap(resourcesOf)).toEqual([`<${idOf('OutboxQueue', 'AWS::SQS::Queue')}.Arn>`]);
    expect(actions.has('sqs:SendMessage')).toBe(false);
    expect([...actions].filter((a) => a.startsWith('s3:') || a.startsWith('states:'))).toEqual([]);
  });

  it('the delivery: the table and its own queue (holding messages back included), no key to sign with', () => {
    const statements = statementsOfFunction('PushDelivery');
    const actions = actionsOf(statements);
    expect(statements.filter(onLicenseKey)).toEqual([]);
    expect(actions.has('kms:Sign')).toBe(false);
    const sqs = statements.filter((st) => list(st.Action).some((a) => a.startsWith('sqs:')));
    expect(sqs.flatMap(resourcesOf)).toEqual([`<${idOf('DeliveryQueue', 'AWS::SQS::Queue')}.Arn>`]);
    expect(actionsOf(sqs).has('sqs:ChangeMessageVisibility')).toBe(true);
    expect(actions.has('sqs:SendMessage')).toBe(false);
    const env = functionNamed(push, 'PushDelivery').fn.Properties.Environment as {
      Variables: Record<string, unknown>;
    };
    expect(render(env.Variables.DELIVERY_QUEUE_URL)).toBe(`<${idOf('DeliveryQueue', 'AWS::SQS::Queue')}>`);
    expect(env.Variables).not.toHaveProperty('LICENSE_SIGNING_KEY_ID');
  });

  it("the sealing key: the delivery unseals the webhooks' secrets (Decrypt only, tagged), the relay never", () => {
    const sealingKey = fromData(s.synth.cloud.data.sealingKey.keyArn);
    const onSealingKey = (st: Statement) => resourcesOf(st).includes(sealingKey);
    for (const [name, use] of [
      ['PushDelivery', 'unseal'],
      ['PushRelay', undefined],
    ] as const) {
      const { fn } = functionNamed(push, name);
      const statements = statementsOfFunction(name);
      expect([...actionsOf(statements.filter(onSealingKey))].sort(), name).toEqual(
        use ? [...SEALING_ACTIONS[use]] : [],
      );
      const role = push.findResources('AWS::IAM::Role')[roleIdOf(fn)] as Resource;
      const tags = (role.Properties.Tags as { Key: string; Value: string }[] | undefined) ?? [];
      expect(
        tags.filter((t) => t.Key === SEALING_TAG).map((t) => t.Value),
        name,
      ).toEqual(use ? [use] : []);
      const env = (fn.Properties.Environment as { Variables: Record<string, unknown> }).Variables;
      expect('SEALING_KEY_ID' in env, name).toBe(Boolean(use));
    }
  });

  it('nothing by wildcard but the tracing every function has', () => {
    const starred = byType('AWS::IAM::Policy').flatMap(([, p]) =>
      (p.Properties.PolicyDocument as { Statement: Statement[] }).Statement.filter((st) =>
        resourcesOf(st).some((r) => r.includes('*')),
      ),
    );
    expect([...actionsOf(starred)].sort()).toEqual(['xray:PutTelemetryRecords', 'xray:PutTraceSegments']);
  });
});
