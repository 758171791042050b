/** Drives workflow executions. Names make a start idempotent: the same name and input start one execution. */
export interface WorkflowEngine {
  start(
    workflow: string,
    executionName: string,
    input: Record<string, unknown>,
  ): Promise<{ executionId: string }>;
  /**
   * Answers a callback task (a human's decision, a supplement) with its result: `answered`, or `gone`
   * when the token is no longer waiting (answered before, or timed out), so a repeat converges.
   */
  sendTaskSuccess(token: string, output: Record<string, unknown>): Promise<'answered' | 'gone'>;
  /** Stops an execution (a withdrawal); stopping one already ended is not an error. */
  stop(workflow: string, executionName: string, cause: string): Promise<void>;
}
