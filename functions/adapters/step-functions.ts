/**
 * The workflow engine over the Step Functions API. The same code drives AWS and the local runtime, whose
 * Step Functions endpoint on loopback speaks the same protocol: handlers never know which one they have.
 */
import {
  DescribeExecutionCommand,
  ExecutionAlreadyExists,
  ExecutionDoesNotExist,
  type ExecutionStatus,
  GetExecutionHistoryCommand,
  type HistoryEvent,
  ListExecutionsCommand,
  SendTaskSuccessCommand,
  StartExecutionCommand,
  StopExecutionCommand,
} from '@aws-sdk/client-sfn';
import type { WorkflowEngine } from '#ports/workflows';
import { WORKFLOWS, type WorkflowSchema } from '#workflows/registry';
import { stepFunctionsClient } from './clients.ts';
import { requireEnv } from './config.ts';

export function stateMachineArn(workflow: WorkflowSchema): string {
  return requireEnv(workflow.envVar);
}

/** arn:…:stateMachine:<machine> → arn:…:execution:<machine>:<name> */
export function executionArn(workflow: WorkflowSchema, executionName: string): string {
  return `${stateMachineArn(workflow).replace(':stateMachine:', ':execution:')}:${executionName}`;
}

function workflowNamed(name: string): WorkflowSchema {
  const workflow = WORKFLOWS.find((w) => w.name === name);
  if (!workflow) throw new RangeError(`unknown workflow '${name}'`);
  return workflow;
}

export class StepFunctionsEngine implements WorkflowEngine {
  constructor(private readonly sfn = stepFunctionsClient()) {}

  async start(workflow: string, executionName: string, input: Record<string, unknown>) {
    const schema = workflowNamed(workflow);
    try {
      await this.sfn.send(
        new StartExecutionCommand({
          stateMachineArn: stateMachineArn(schema),
          name: executionName,
          input: JSON.stringify(input),
        }),
      );
    } catch (error) {
      // The same name already started: with the same input Step Functions answers success itself; a
      // different input means a second attempt of the same work, which must not start twice either.
      if (!(error instanceof ExecutionAlreadyExists)) throw error;
    }
    return { executionId: executionName };
  }

  async sendTaskSuccess(token: string, output: Record<string, unknown>): Promise<void> {
    await this.sfn.send(new SendTaskSuccessCommand({ taskToken: token, output: JSON.stringify(output) }));
  }

  async stop(workflow: string, executionName: string, cause: string): Promise<void> {
    try {
      await this.sfn.send(
        new StopExecutionCommand({
          executionArn: executionArn(workflowNamed(workflow), executionName),
          cause,
        }),
      );
    } catch (error) {
      if (!(error instanceof ExecutionDoesNotExist)) throw error;
    }
  }
}

export interface ExecutionListing {
  executionName: string;
  workflow: string;
  status: ExecutionStatus;
  startDate: Date;
  stopDate?: Date;
}

/** The operators' read side: executions and their histories. */
export class StepFunctionsObserver {
  constructor(private readonly sfn = stepFunctionsClient()) {}

  async list(
    workflow: WorkflowSchema,
    status: ExecutionStatus | undefined,
    limit: number,
    nextToken?: string,
  ) {
    const out = await this.sfn.send(
      new ListExecutionsCommand({
        stateMachineArn: stateMachineArn(workflow),
        statusFilter: status,
        maxResults: limit,
        nextToken,
      }),
    );
    const items: ExecutionListing[] = (out.executions ?? []).map((e) => ({
      executionName: e.name!,
      workflow: workflow.name,
      status: e.status!,
      startDate: e.startDate!,
      ...(e.stopDate ? { stopDate: e.stopDate } : {}),
    }));
    return { items, nextToken: out.nextToken };
  }

  async describe(workflow: WorkflowSchema, executionName: string) {
    const arn = executionArn(workflow, executionName);
    const execution = await this.sfn.send(new DescribeExecutionCommand({ executionArn: arn }));
    const events: HistoryEvent[] = [];
    let nextToken: string | undefined;
    do {
      const page = await this.sfn.send(
        new GetExecutionHistoryCommand({ executionArn: arn, maxResults: 1000, nextToken }),
      );
      events.push(...(page.events ?? []));
      nextToken = page.nextToken;
    } while (nextToken);
    return { execution, events };
  }
}
