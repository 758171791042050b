/**
 * The whole cloud app on a given App: the CLI entry (app.ts) and the infra tests build the same thing.
 * Stacks are environment-agnostic, so the template the tests check is the template that is deployed;
 * the CLI deploys them to the account and region of the credentials in use.
 */
import { type App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { ApiStack } from './api-stack.ts';
import { cloudConfig } from './config.ts';
import { DataStack } from './data-stack.ts';
import { FRONT_DOOR_LIMITS } from './front-door-rules.ts';
import { FrontDoorStack } from './front-door-stack.ts';
import { MonitoringStack } from './monitoring-stack.ts';
import { STACKS } from './naming.ts';
import { PushStack } from './push-stack.ts';
import { WorkflowStack } from './workflow-stack.ts';

export interface RegistryCloud {
  data: DataStack;
  workflows: WorkflowStack;
  api: ApiStack;
  monitoring: MonitoringStack;
  push: PushStack;
  frontDoor: FrontDoorStack;
}

export function buildRegistryCloud(app: App): RegistryCloud {
  const config = cloudConfig(app);
  const description = 'One-stop business registration';

  const data = new DataStack(app, STACKS.data, {
    description: `${description}: table, documents, keys`,
    webOrigins: config.webOrigins,
  });
  const workflows = new WorkflowStack(app, STACKS.workflows, {
    description: `${description}: durable workflows`,
    config,
    data: data.refs,
  });
  const api = new ApiStack(app, STACKS.api, {
    description: `${description}: online hall API and user pool`,
    config,
    data: data.refs,
    workflowStackName: workflows.stackName,
  });
  // Functions find the table, the bucket and the machines by name (naming.ts), not by reference, so
  // CloudFormation would not otherwise know to create those first.
  workflows.addStackDependency(data);
  api.addStackDependency(data);
  api.addStackDependency(workflows);

  // WAF cannot attach to an HTTP API: the public enters through a REST API with a web ACL, which
  // forwards everything to the HTTP API unchanged (docs/decisions/0018-front-door.md).
  const frontDoor = new FrontDoorStack(app, STACKS.frontDoor, {
    description: `${description}: public front door (per-address rate limits)`,
    httpApiEndpoint: api.api.apiEndpoint,
    limits: FRONT_DOOR_LIMITS,
  });

  // The department push reads the table's stream, whose ARN exists only once the table does: a reference.
  const push = new PushStack(app, STACKS.push, {
    description: `${description}: department push (outbox relay, delivery queues)`,
    config,
    data: data.refs,
    tableStreamArn: data.table.tableStreamArn!,
    workflowStackName: workflows.stackName,
  });
  push.addStackDependency(data);

  const monitoring = new MonitoringStack(app, STACKS.monitoring, {
    description: `${description}: dashboard, alarms and the operators' gauges`,
    config,
    data: data.refs,
    workflowStackName: workflows.stackName,
    api: api.api,
    workflows: workflows.workflows,
    routeFunctions: api.routes.map(({ route, fn }) => ({ name: route.id, fn })),
    backgroundFunctions: [
      { name: 'SweepOwedStarts', fn: workflows.sweep },
      { name: 'ExecutionIndex', fn: workflows.executionIndex },
      { name: 'PushRelay', fn: push.relay },
      { name: 'PushDelivery', fn: push.delivery },
    ],
    deadLetterQueues: [
      { name: 'OutboxQueue', queue: push.outboxQueue.deadLetterQueue!.queue },
      { name: 'DeliveryQueue', queue: push.deliveryQueue.deadLetterQueue!.queue },
      { name: 'ExecutionIndex', queue: workflows.executionIndexDeadLetters },
    ],
    alarmEmail: config.alarmEmail,
  });
  // The gauges function finds the table by name (naming.ts), not by reference.
  monitoring.addStackDependency(data);

  // cdk-nag 3 is a policy-validation plugin, not an Aspect (docs/decisions/0002-cdk-cli-and-nag.md).
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  return { data, workflows, api, monitoring, push, frontDoor };
}
