/**
 * The operators' gauges in the cloud (functions/tasks/ops-gauges.ts): one function on a five-minute
 * schedule that reads what the operators' overview reads and publishes the gauges the alarms watch
 * (overdue tasks, the oldest unacknowledged event, parked deliveries, the holiday calendar's next year).
 */
import { Duration } from 'aws-cdk-lib';
import { Rule, Schedule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import type { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import type { Construct } from 'constructs';
import { ROUTE } from '#contract/routes';
import type { CloudConfig } from './config.ts';
import { runtimeEnvironment } from './environment.ts';
import type { DataRefs } from './grants.ts';
import { registryFunction } from './nodejs-function.ts';
import { grantRegistryTable } from './table-grants.ts';

export const OPS_GAUGES = {
  handler: { entry: 'functions/tasks/ops-gauges.ts', export: 'publishGauges' },
  every: Duration.minutes(5),
  // The gauges are the overview's figures: the same items, read only.
  registryTable: ROUTE.GetOpsOverview.grants.registryTable,
} as const;

export function opsGaugesFunction(
  scope: Construct,
  props: { config: CloudConfig; data: DataRefs; workflowStackName: string },
): NodejsFunction {
  const fn = registryFunction(scope, 'OpsGauges', {
    handler: OPS_GAUGES.handler,
    description: 'Publishes the operators gauges: overdue tasks, undelivered events, the holiday calendar',
    environment: runtimeEnvironment(scope, props.config, props.data, props.workflowStackName),
    timeout: Duration.seconds(30),
  });
  grantRegistryTable(fn, props.data, OPS_GAUGES.registryTable);
  new Rule(scope, 'OpsGaugesSchedule', {
    description: 'Publishes the operators gauges',
    schedule: Schedule.rate(OPS_GAUGES.every),
    // A reading that could not be delivered in time is replaced by the next one.
    targets: [new LambdaFunction(fn, { maxEventAge: OPS_GAUGES.every, retryAttempts: 2 })],
  });
  return fn;
}
