/** Drives workflow executions. Names make a start idempotent: the same name and input start one execution. */
export interface WorkflowEngine {
  start(
    workflow: string,
    executionName: string,
    input: Record<string, unknown>,
  ): Promise<{ executionId: string }>;
  /** Answers a callback task (a human's decision, a supplement) with its result. */
  sendTaskSuccess(token: string, output: Record<string, unknown>): Promise<void>;
  /** Stops an execution (a withdrawal); stopping one already ended is not an error. */
  stop(workflow: string, executionName: string, cause: string): Promise<void>;
}
