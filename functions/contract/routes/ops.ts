/**
 * The operators' views: every workflow execution; and of the department push, the skip of a parked
 * delivery and each department's outstanding events (served with the other push routes, by
 * api/departments.ts; listing and redriving deliveries are in routes/departments.ts).
 */
import { page } from '#contract/schemas/common';
import {
  DeliveryParams,
  DeliverySummary,
  DepartmentOverviewList,
  SkipRequest,
} from '#contract/schemas/departments';
import {
  ExecutionDetail,
  ExecutionParams,
  ExecutionQuery,
  ExecutionSummary,
  OpsOverview,
  OverdueTask,
  OverdueTaskQuery,
  WorkflowDefinitionList,
} from '#contract/schemas/ops';
import { API, type RouteSchema } from './types.ts';

const PUSH_HANDLER = `${API}/departments.ts`;

export const OPS_ROUTES = {
  GetOpsOverview: {
    id: 'GetOpsOverview',
    method: 'GET',
    path: '/v1/ops/overview',
    handler: { entry: `${API}/ops.ts`, export: 'overview' },
    access: ['operator'],
    grants: {
      registryTable: {
        read: ['executionCount', 'executionHour', 'issuance', 'inboxHead', 'pushCount', 'webhook'],
        query: ['executionsByStatus', 'overdueTasks', 'unacknowledged'],
      },
    },
    summary:
      'Counts per workflow and status, throughput by hour, failures, overdue human tasks and deliveries, the on-the-spot issuance rate per authority',
    responses: { 200: { description: 'the overview', schema: OpsOverview } },
  },

  ListWorkflowDefinitions: {
    id: 'ListWorkflowDefinitions',
    method: 'GET',
    path: '/v1/ops/workflows',
    handler: { entry: `${API}/ops.ts`, export: 'listWorkflows' },
    access: ['operator'],
    summary: "Every workflow's state machine (its states and transitions), to draw an execution's path on",
    responses: { 200: { description: 'the workflows', schema: WorkflowDefinitionList } },
  },

  ListOverdueTasks: {
    id: 'ListOverdueTasks',
    method: 'GET',
    path: '/v1/ops/human-tasks/overdue',
    handler: { entry: `${API}/ops.ts`, export: 'listOverdueTasks' },
    access: ['operator'],
    grants: { registryTable: { query: ['overdueTasks'] } },
    summary:
      'Open human tasks past their deadline, most overdue first (reassign a review with /v1/reviews/{taskId}/assign)',
    request: { query: OverdueTaskQuery },
    responses: { 200: { description: 'overdue tasks', schema: page(OverdueTask) } },
  },

  ListExecutions: {
    id: 'ListExecutions',
    method: 'GET',
    path: '/v1/ops/executions',
    handler: { entry: `${API}/ops.ts`, export: 'listExecutions' },
    access: ['operator'],
    grants: {
      registryTable: {
        read: ['executionSubject', 'execution'],
        query: ['workflowExecutions', 'executionsByStatus'],
      },
    },
    summary:
      'Executions of every workflow, newest first, from the execution index: by workflow, status, start time or the case they worked on',
    request: { query: ExecutionQuery },
    responses: { 200: { description: 'executions', schema: page(ExecutionSummary) } },
  },

  GetExecution: {
    id: 'GetExecution',
    method: 'GET',
    path: '/v1/ops/executions/{id}',
    handler: { entry: `${API}/ops.ts`, export: 'getExecution' },
    access: ['operator'],
    grants: { observeWorkflows: true, registryTable: { read: ['execution', 'registration', 'humanTask'] } },
    summary: "One execution with every state's input, output, timing and error",
    request: { params: ExecutionParams },
    responses: {
      200: { description: 'the execution', schema: ExecutionDetail },
      404: { description: 'no such execution' },
    },
  },

  SkipDelivery: {
    id: 'SkipDelivery',
    method: 'POST',
    path: '/v1/ops/deliveries/{id}/skip',
    handler: { entry: PUSH_HANDLER, export: 'skip' },
    access: ['operator'],
    grants: {
      registryTable: {
        read: ['delivery', 'inbox', 'pushPair'],
        write: ['inbox', 'pushPair', 'pushCount'],
      },
    },
    summary:
      "Skips one failed delivery (who, when and why on record): its pair's next delivery goes on; the event stays in the inbox for pull",
    request: { params: DeliveryParams, body: SkipRequest },
    responses: {
      200: { description: 'skipped', schema: DeliverySummary },
      404: { description: 'no such delivery' },
      409: { description: 'the delivery is not failed' },
    },
  },

  ListDepartmentOverview: {
    id: 'ListDepartmentOverview',
    method: 'GET',
    path: '/v1/ops/departments',
    handler: { entry: PUSH_HANDLER, export: 'departmentOverview' },
    access: ['operator'],
    grants: {
      registryTable: {
        read: ['inboxHead', 'pushCount', 'webhook'],
        query: ['unacknowledged'],
      },
    },
    summary:
      "Per department: the webhook's status, unacknowledged events and the oldest one's age, parked deliveries",
    responses: { 200: { description: 'every department', schema: DepartmentOverviewList } },
  },
} as const satisfies Record<string, RouteSchema>;
