/**
 * The state machines (GET /v1/ops/workflows), read once per page load: they change only with a
 * deployment. The executions filter falls back to the workflows it knows by name if they cannot be read.
 */
import { api } from './api.ts';
import type { WorkflowDefinition } from './types.ts';

const KNOWN = ['registration', 'name-reservation', 'deregistration', 'license-reissue'];

let cached: Promise<WorkflowDefinition[]> | undefined;

/** Every definition; rejects with the API's problem. */
export function loadWorkflows(): Promise<WorkflowDefinition[]> {
  cached ??= api<{ items: WorkflowDefinition[] }>('v1/ops/workflows').then((r) => r.items);
  cached.catch(() => {
    cached = undefined;
  });
  return cached;
}

/** The definitions, or the known names alone when they cannot be read (the list still filters). */
export async function workflowDefinitions(): Promise<WorkflowDefinition[]> {
  try {
    return await loadWorkflows();
  } catch {
    return KNOWN.map((name) => ({ name, startAt: '', states: {} }));
  }
}
