/**
 * The durable workflows: one Standard state machine per entry of functions/contract/workflows.ts, built from the
 * same ASL file the local engine runs, and one Lambda function per task of it, granted the registry
 * table and what its `grants` in the registry name beyond it (the materials, the sealing key); and the
 * scheduled sweep that starts the workflows committed writes still owe (functions/app/sweep.ts).
 */
import { Aws, CfnOutput, Duration, RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import { Rule, Schedule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { DefinitionBody, LogLevel, StateMachine, StateMachineType } from 'aws-cdk-lib/aws-stepfunctions';
import type { Construct } from 'constructs';
import { licenseFallbackFontPath, licenseFontPath } from '#adapters/license-fonts';
import { definitionWithTaskArns } from '#contract/definition';
import { WORKFLOWS, type WorkflowSchema } from '#contract/workflows';
import type { CloudConfig } from './config.ts';
import { runtimeEnvironment } from './environment.ts';
import {
  type DataRefs,
  grantDocumentsBucket,
  grantLicenseDocuments,
  grantLicenseKey,
  grantRegistryTable,
  grantSealing,
  grantStartExecution,
  grantTaskResponse,
} from './grants.ts';
import { acknowledge } from './nag.ts';
import { stateMachineName } from './naming.ts';
import { registryFunction } from './nodejs-function.ts';

/**
 * The issuing task renders PDFs: the one Noto Sans SC weight and the Source Han Sans SC fallback ship
 * as files beside its bundle, not inside it (the bundle stays small; the font packages weigh 250 MB).
 */
const LICENSE_FONTS = [
  { source: licenseFontPath(), name: 'NotoSansSC-Regular.ttf', envVar: 'LICENSE_FONT_FILE' },
  {
    source: licenseFallbackFontPath(),
    name: 'SourceHanSansSC-Regular.otf',
    envVar: 'LICENSE_FALLBACK_FONT_FILE',
  },
];

export interface WorkflowStackProps extends StackProps {
  config: CloudConfig;
  data: DataRefs;
}

export interface DeployedWorkflow {
  workflow: WorkflowSchema;
  stateMachine: StateMachine;
  tasks: NodejsFunction[];
}

/** `name-reservation` → `NameReservation`, for logical ids. */
export function pascal(name: string): string {
  return name
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((part) => part[0]?.toUpperCase() + part.slice(1))
    .join('');
}

/** The sweep of owed workflow starts (functions/tasks/sweep.ts): its handler and how often it runs. */
export const SWEEP = {
  handler: { entry: 'functions/tasks/sweep.ts', export: 'sweep' },
  every: Duration.minutes(5),
} as const;

export class WorkflowStack extends Stack {
  readonly workflows: DeployedWorkflow[] = [];
  /** Starts the workflows that committed writes still owe (the start failed, or its process died). */
  readonly sweep: NodejsFunction;

  constructor(scope: Construct, id: string, props: WorkflowStackProps) {
    super(scope, id, props);
    const environment = runtimeEnvironment(this, props.config, props.data, this.stackName);

    for (const workflow of WORKFLOWS) {
      const name = stateMachineName(this.stackName, workflow);
      const prefix = pascal(workflow.name);
      const tasks: NodejsFunction[] = [];
      const taskArns: Record<string, string> = {};

      for (const [taskId, handler] of Object.entries(workflow.tasks)) {
        const fn = registryFunction(this, `${prefix}${taskId}`, {
          handler,
          description: `${workflow.name} task ${taskId}`,
          environment,
          // Below the definition's 30 s task timeout, so a slow call fails as a Lambda error, with its log.
          timeout: Duration.seconds(25),
          // Rendering a license subsets a 10 MB font: more memory is more CPU, and a faster render.
          ...(handler.grants?.licenseDocuments === 'readWrite'
            ? { files: LICENSE_FONTS, memorySize: 1024 }
            : {}),
        });
        grantRegistryTable(fn, props.data, 'readWrite');
        // Continuing as a new execution starts the next execution of this same machine.
        grantStartExecution(fn, [name]);
        const grants = handler.grants ?? {};
        if (grants.documentsBucket) grantDocumentsBucket(fn, props.data, grants.documentsBucket);
        // A task unseals an application to judge it; sealing happens when it is submitted (0010-sealing.md).
        if (grants.sealing) grantSealing(fn, props.data.sealingKey, 'unseal');
        if (grants.licenseDocuments) grantLicenseDocuments(fn, props.data, grants.licenseDocuments);
        // The issuing task signs licenses and status lists (kms:Sign, and GetPublicKey for its kid).
        if (grants.licenseSigning) grantLicenseKey(fn, props.data.licenseSigningKey, 'sign');
        // A wait opened after what ends it happened (an objection first) is answered by its own task.
        if (grants.answerOwnCallbacks) grantTaskResponse(fn, [workflow.name]);
        tasks.push(fn);
        taskArns[taskId] = fn.functionArn;
      }

      const executionLogs = new LogGroup(this, `${prefix}ExecutionLogs`, {
        // The vended-logs prefix keeps the CloudWatch Logs resource policy small as machines are added.
        logGroupName: `/aws/vendedlogs/states/${name}`,
        retention: RetentionDays.ONE_YEAR,
        removalPolicy: RemovalPolicy.RETAIN,
      });

      const stateMachine = new StateMachine(this, `${prefix}StateMachine`, {
        stateMachineName: name,
        stateMachineType: StateMachineType.STANDARD,
        definitionBody: DefinitionBody.fromString(
          definitionWithTaskArns(workflow, taskArns, { partition: Aws.PARTITION }),
        ),
        // Every event, without inputs and outputs: payloads carry ids only, but the log need not hold
        // even those; operators read full histories through Step Functions, which keeps them anyway.
        logs: { destination: executionLogs, level: LogLevel.ALL, includeExecutionData: false },
        tracingEnabled: true,
      });
      // The definition names functions by ARN in plain text (as a Lambda task's Resource, or as the
      // FunctionName of a callback task's lambda:invoke), so CDK cannot infer these grants.
      stateMachine.addToRolePolicy(
        new PolicyStatement({
          actions: ['lambda:InvokeFunction'],
          resources: tasks.map((fn) => fn.functionArn),
        }),
      );
      acknowledge(
        stateMachine.role,
        'AwsSolutions-IAM5[Resource::*]',
        'Logging and tracing of the state machine: the CloudWatch Logs vended-log-delivery actions CDK adds for `logs` (logs:CreateLogDelivery, logs:GetLogDelivery, logs:UpdateLogDelivery, logs:DeleteLogDelivery, logs:ListLogDeliveries, logs:PutResourcePolicy, logs:DescribeResourcePolicies, logs:DescribeLogGroups) and the X-Ray actions it adds for tracingEnabled (xray:PutTraceSegments, xray:PutTelemetryRecords, xray:GetSamplingRules, xray:GetSamplingTargets) support no resource-level permissions. Task invocation is granted per function ARN.',
      );

      this.workflows.push({ workflow, stateMachine, tasks });
      new CfnOutput(this, `${prefix}StateMachineArn`, {
        value: stateMachine.stateMachineArn,
        description: `State machine of the ${workflow.name} workflow`,
      });
    }
    this.sweep = this.sweepOwedStarts(environment, props.data);
  }

  /**
   * A case written whose workflow was never started is started by this sweep, on a schedule: it reads
   * the owed starts in the registry table, starts each (idempotent by execution name) and settles it.
   */
  private sweepOwedStarts(environment: Record<string, string>, data: DataRefs): NodejsFunction {
    const fn = registryFunction(this, 'SweepOwedStarts', {
      handler: SWEEP.handler,
      description: 'Starts the workflows that committed writes still owe',
      environment,
      // Well inside the interval, so two runs rarely overlap (and when they do, starts are idempotent).
      timeout: Duration.minutes(2),
    });
    grantRegistryTable(fn, data, 'readWrite');
    grantStartExecution(
      fn,
      WORKFLOWS.map((workflow) => stateMachineName(this.stackName, workflow)),
    );
    new Rule(this, 'SweepOwedStartsSchedule', {
      description: 'Runs the sweep of owed workflow starts',
      schedule: Schedule.rate(SWEEP.every),
      // A run that could not be delivered in time is replaced by the next one.
      targets: [new LambdaFunction(fn, { maxEventAge: SWEEP.every, retryAttempts: 2 })],
    });
    return fn;
  }
}
