/** Starts workflow executions. Names make a start idempotent: the same name and input start one execution. */
export interface WorkflowEngine {
  start(
    workflow: string,
    executionName: string,
    input: Record<string, unknown>,
  ): Promise<{ executionId: string }>;
}
