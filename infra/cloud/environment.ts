/**
 * The environment every registry function gets, in both stacks: where the data lives, the ARN of every
 * workflow's state machine (by its fixed name, naming.ts), the legal periods and the logging settings.
 * The same variable names configure the local runtime (infra/local/runtime.ts), so a handler never
 * knows where it runs. What only some functions may use comes with its grant instead: the sealing key
 * (grants.ts, `SEALING_KEY_ID`).
 */
import type { Construct } from 'constructs';
import { DOCUMENTS_BUCKET, REGISTRY_TABLE } from '#shared/tables';
import { WORKFLOWS } from '#workflows/registry';
import { type CloudConfig, SERVICE_NAME } from './config.ts';
import type { DataRefs } from './grants.ts';
import { stateMachineArn, stateMachineName } from './naming.ts';

export function runtimeEnvironment(
  scope: Construct,
  config: CloudConfig,
  data: DataRefs,
  workflowStackName: string,
): Record<string, string> {
  const environment: Record<string, string> = {
    [REGISTRY_TABLE.envVar]: data.tableName,
    [DOCUMENTS_BUCKET.envVar]: data.bucketName,
    NAME_RESERVATION_PERIOD: config.nameReservationPeriod,
    NAME_RESERVATION_PREAPPROVAL_PERIOD: config.nameReservationPreApprovalPeriod,
    NAME_RESERVATION_REMINDER_LEAD: config.nameReservationReminderLead,
    ANNOUNCEMENT_PERIOD: config.announcementPeriod,
    REVIEW_TIMEOUT: config.reviewTimeout,
    SUPPLEMENT_TIMEOUT: config.supplementTimeout,
    POWERTOOLS_SERVICE_NAME: SERVICE_NAME,
    LOG_LEVEL: config.logLevel,
  };
  for (const workflow of WORKFLOWS) {
    environment[workflow.envVar] = stateMachineArn(scope, stateMachineName(workflowStackName, workflow));
  }
  return environment;
}
