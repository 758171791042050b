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
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { DefinitionBody, LogLevel, StateMachine, StateMachineType } from 'aws-cdk-lib/aws-stepfunctions';
import type { Construct } from 'constructs';
import { licenseFallbackFontPath, licenseFontPath } from '#adapters/license-fonts';
import { definitionWithTaskArns } from '#contract/definition';
import { EXECUTION_STATUS_CHANGE } from '#contract/executions';
import type { TableGrant } from '#contract/item-families';
import { WORKFLOWS, type WorkflowSchema } from '#contract/workflows';
import { reserveConcurrency } from './capacity.ts';
import type { CloudConfig } from './config.ts';
import { runtimeEnvironment } from './environment.ts';
import {
  type DataRefs,
  grantDocumentsBucket,
  grantLicenseDocuments,
  grantLicenseKey,
  grantSealing,
  grantStartExecution,
  grantTaskResponse,
} from './grants.ts';
import { acknowledge } from './nag.ts';
import { stateMachineName } from './naming.ts';
import { registryFunction } from './nodejs-function.ts';
import { grantRegistryTable } from './table-grants.ts';

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

/** The sweep of owed workflow starts (functions/tasks/sweep.ts): its handler, how often it runs, its grant. */
export const SWEEP = {
  handler: { entry: 'functions/tasks/sweep.ts', export: 'sweep' },
  every: Duration.minutes(5),
  registryTable: { read: ['pendingStart'], write: ['pendingStart'] } satisfies TableGrant,
} as const;

/**
 * The execution index's writer (functions/tasks/execution-index.ts): fed every status change of the
 * registry's state machines by EventBridge, which retries a failed delivery for up to a day and then keeps
 * the event in a dead-letter queue (docs/decisions/0019-execution-index.md).
 */
export const EXECUTION_INDEX = {
  handler: { entry: 'functions/tasks/execution-index.ts', export: 'statusChanged' },
  retryAttempts: 185,
  maxEventAge: Duration.hours(24),
  registryTable: {
    read: ['execution'],
    write: ['execution', 'executionCount', 'executionHour', 'executionSubject', 'issuance'],
  } satisfies TableGrant,
} as const;

export class WorkflowStack extends Stack {
  readonly workflows: DeployedWorkflow[] = [];
  /** Starts the workflows that committed writes still owe (the start failed, or its process died). */
  readonly sweep: NodejsFunction;
  /** Writes the execution index from the state machines' status changes. */
  readonly executionIndex: NodejsFunction;
  /** Status changes the index could not take after a day of retries. */
  readonly executionIndexDeadLetters: Queue;

  constructor(scope: Construct, id: string, props: WorkflowStackProps) {
    super(scope, id, props);
    const environment = runtimeEnvironment(this, props.config, props.data, this.stackName);
    const machineOf = (workflow: string) => {
      const schema = WORKFLOWS.find((w) => w.name === workflow);
      if (!schema) throw new Error(`a task grant names the unknown workflow '${workflow}'`);
      return stateMachineName(this.stackName, schema);
    };

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
          ...(handler.grants?.licenseDocuments && handler.grants.licenseDocuments !== 'read'
            ? { files: LICENSE_FONTS, memorySize: 1024 }
            : {}),
        });
        const grants = handler.grants ?? {};
        grantRegistryTable(fn, props.data, grants.registryTable ?? {});
        // Only a task that starts executions may: the next generation of its own, a reservation given back.
        grantStartExecution(fn, (grants.startWorkflows ?? []).map(machineOf));
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
    [this.executionIndex, this.executionIndexDeadLetters] = this.indexExecutions(environment, props.data);
  }

  /**
   * Step Functions' ListExecutions cannot filter by time or case, so the platform keeps its own index:
   * every status change of these state machines goes to one function that applies it (idempotently, in
   * any order). Its input and output are ids and facts only, never personal data.
   */
  private indexExecutions(environment: Record<string, string>, data: DataRefs): [NodejsFunction, Queue] {
    const fn = registryFunction(this, 'ExecutionIndex', {
      handler: EXECUTION_INDEX.handler,
      description: 'Applies each workflow execution status change to the execution index',
      environment,
      timeout: Duration.seconds(30),
    });
    grantRegistryTable(fn, data, EXECUTION_INDEX.registryTable);
    reserveConcurrency(fn, 'ExecutionIndex');
    const deadLetters = new Queue(this, 'ExecutionIndexDeadLetters', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    acknowledge(
      deadLetters,
      'AwsSolutions-SQS3',
      'This queue is itself a dead-letter queue: the one of the ExecutionStatusChanges rule target, where EventBridge keeps a status change after a day of retries. A dead-letter queue needs none of its own; the monitoring stack alarms on its first message.',
    );
    new Rule(this, 'ExecutionStatusChanges', {
      description: 'Every status change of the registry workflows, to the execution index',
      eventPattern: {
        source: ['aws.states'],
        detailType: [EXECUTION_STATUS_CHANGE],
        detail: { stateMachineArn: this.workflows.map((w) => w.stateMachine.stateMachineArn) },
      },
      targets: [
        new LambdaFunction(fn, {
          retryAttempts: EXECUTION_INDEX.retryAttempts,
          maxEventAge: EXECUTION_INDEX.maxEventAge,
          deadLetterQueue: deadLetters,
        }),
      ],
    });
    return [fn, deadLetters];
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
    grantRegistryTable(fn, data, SWEEP.registryTable);
    reserveConcurrency(fn, 'SweepOwedStarts');
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
