/**
 * The environment every registry function gets, in both stacks: where the data lives, the ARN of every
 * workflow's state machine (by its fixed name, naming.ts), the legal periods and the logging settings.
 * The same variable names configure the local runtime (infra/local/runtime.ts), so a handler never
 * knows where it runs. What only some functions may use comes with its grant instead: the sealing key
 * (grants.ts, `SEALING_KEY_ID`).
 */
import type { Construct } from 'constructs';
import { settingsEnvironment } from '#contract/settings';
import { DOCUMENTS_BUCKET, REGISTRY_TABLE } from '#contract/tables';
import { WORKFLOWS } from '#contract/workflows';
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
    // Every setting the cloud sets, from the one list (contract/settings.ts), with this deployment's values.
    ...settingsEnvironment('cloud', {
      NAME_RESERVATION_PERIOD: config.nameReservationPeriod,
      NAME_RESERVATION_PREAPPROVAL_PERIOD: config.nameReservationPreApprovalPeriod,
      NAME_RESERVATION_REMINDER_LEAD: config.nameReservationReminderLead,
      ANNOUNCEMENT_PERIOD: config.announcementPeriod,
      REVIEW_TIMEOUT: config.reviewTimeout,
      SUPPLEMENT_TIMEOUT: config.supplementTimeout,
      LOG_LEVEL: config.logLevel,
    }),
    POWERTOOLS_SERVICE_NAME: SERVICE_NAME,
    // The issuer of licenses and the base of their links; the signing key comes with its grant instead.
    LICENSE_BASE_URL: config.licenseBaseUrl,
  };
  for (const workflow of WORKFLOWS) {
    environment[workflow.envVar] = stateMachineArn(scope, stateMachineName(workflowStackName, workflow));
  }
  return environment;
}
