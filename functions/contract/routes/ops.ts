/** The operators' view of every workflow execution. */
import { page } from '#contract/schemas/common';
import { ExecutionDetail, ExecutionParams, ExecutionQuery, ExecutionSummary } from '#contract/schemas/ops';
import { API, type RouteSchema } from './types.ts';

export const OPS_ROUTES = {
  ListExecutions: {
    id: 'ListExecutions',
    method: 'GET',
    path: '/v1/ops/executions',
    handler: { entry: `${API}/ops.ts`, export: 'listExecutions' },
    access: ['operator'],
    grants: { observeWorkflows: true },
    summary: 'Executions of every workflow, newest first',
    request: { query: ExecutionQuery },
    responses: { 200: { description: 'executions', schema: page(ExecutionSummary) } },
  },

  GetExecution: {
    id: 'GetExecution',
    method: 'GET',
    path: '/v1/ops/executions/{id}',
    handler: { entry: `${API}/ops.ts`, export: 'getExecution' },
    access: ['operator'],
    grants: { observeWorkflows: true },
    summary: "One execution with every state's input, output, timing and error",
    request: { params: ExecutionParams },
    responses: {
      200: { description: 'the execution', schema: ExecutionDetail },
      404: { description: 'no such execution' },
    },
  },
} as const satisfies Record<string, RouteSchema>;
