/**
 * Item-level grants on the registry table (infra/cloud/table-grants.ts), held against a table of
 * expectations: for every function the cloud deploys, the partition-key patterns it may read and write on
 * the table and query on each index, as IAM's `dynamodb:LeadingKeys` conditions carry them. The table is
 * written out so that a review sees what each function reaches; a change to a route's or a task's
 * declaration changes the synthesized policy and fails here until the row is changed with it. That the
 * declarations cover what the handlers really do is held by the integration tier, which refuses any
 * call a function's declaration does not cover (tests/integration/table-access.ts).
 */
import { Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { REGISTRY_TABLE } from '#contract/tables';
import { WORKFLOWS } from '#contract/workflows';
import { registryTableName, STACKS, stateMachineName } from '../../infra/cloud/naming.ts';
import {
  INDEX_QUERY_ACTIONS,
  LEADING_KEYS,
  TABLE_READ_ACTIONS,
  TABLE_WRITE_ACTIONS,
} from '../../infra/cloud/table-grants.ts';
import { pascal } from '../../infra/cloud/workflow-stack.ts';
import { render, roleIdOf, type Statement, statementsOf } from './iam.ts';
import { list, type Resource, synthesize } from './synth.ts';

type Row = { read?: string; write?: string; byOwner?: string; byState?: string };

/** Every deployed function: what it may reach in the registry table. Patterns sorted, space-separated. */
const EXPECTED: Record<string, Row> = {
  Health: {},
  OpenApi: {},
  ExchangeToken: {},
  OpenIdConfiguration: {},
  PlatformJwks: {},
  CheckName: { read: 'NAMEIDX#* NAMELOCK#*' },
  ReserveName: {
    read: 'IDEMPOTENCY#*#ReserveName#*',
    write: 'IDEMPOTENCY#*#ReserveName#* NAMELOCK#* PENDING#START RES#*',
  },
  ListReservations: { byOwner: 'OWNER#* PERSON#*' },
  GetReservation: { read: 'RES#*' },
  ReleaseReservation: { read: 'RES#*', write: 'NAMEIDX#* NAMELOCK#* RES#*' },
  SearchNames: { read: 'NAMEIDX#*' },
  CheckList: {},
  SearchBusinessScope: {},
  CreateMaterial: {
    read: 'IDEMPOTENCY#*#CreateMaterial#*',
    write: 'IDEMPOTENCY#*#CreateMaterial#* MAT#*',
  },
  SubmitRegistration: {
    read: 'IDEMPOTENCY#*#SubmitRegistration#* REG#* RES#*',
    write: 'IDEMPOTENCY#*#SubmitRegistration#* PENDING#START REG#* RES#*',
  },
  ListRegistrations: { byOwner: 'OWNER#* PERSON#*' },
  GetRegistration: { read: 'REG#*' },
  SupplementRegistration: { read: 'REG#* TASK#*', write: 'REG#* TASK#*' },
  WithdrawRegistration: {
    read: 'REG#* RES#*',
    write: 'NAMEIDX#* NAMELOCK#* PENDING#START REG#* RES#* TASK#*',
  },
  ListNotifications: { byOwner: 'OWNER#* PERSON#*' },
  ListReviews: { write: 'ROSTER#*', byOwner: 'QUEUE#*' },
  DecideReview: { read: 'REG#* TASK#*', write: 'REG#* TASK#*' },
  AssignReview: { read: 'ROSTER#* TASK#*', write: 'ROSTER#* TASK#*' },
  CreateBankIntake: {
    read: 'BANK#* IDEMPOTENCY#*#CreateBankIntake#* MAT#* REG#* RES#*',
    write: 'BANK#* IDEMPOTENCY#*#CreateBankIntake#* PENDING#START REG#* RES#*',
  },
  ListBankIntakes: { byOwner: 'BRANCH#*' },
  GetBankIntake: { read: 'BANK#* REG#*' },
  HandOverLicense: { read: 'BANK#* LIC#* REG#*', write: 'BANK#*' },
  CheckCreditCode: {},
  GetEnterprise: { read: 'ENT#*' },
  OrderNameCorrection: { read: 'ENT#*', write: 'ENT#* NAMEIDX#* NOTE#*' },
  FileCorrectedName: {
    read: 'ENT#* NAMEIDX#* NAMELOCK#* RES#*',
    write: 'ENT#* NAMEIDX#* NAMELOCK#* OUTBOX#* PENDING#START RES#*',
  },
  GetLicense: { read: 'LIC#*' },
  GetLicenseVersion: { read: 'LIC#*' },
  GetLicensePdf: { read: 'LIC#*' },
  VerifyLicense: { read: 'STATUSLIST#*' },
  Jwks: {},
  GetStatusList: { read: 'STATUSLIST#*', write: 'STATUSLIST#*' },
  GetOpsOverview: {
    read: 'EXECCOUNT#* EXECHOUR#* INBOXHEAD#* ISSUANCE PUSHCOUNT#* WEBHOOK#*',
    byOwner: 'UNACK#*',
    byState: 'EXECS#* OPENTASKS',
  },
  ListWorkflowDefinitions: {},
  ListOverdueTasks: { byState: 'OPENTASKS' },
  ListExecutions: { read: 'EXEC#* EXECSUBJECT#*', byOwner: 'EXECS#*', byState: 'EXECS#*' },
  GetExecution: { read: 'EXEC#* REG#* TASK#*' },
  SkipDelivery: { read: 'DELIVERY#* INBOX#* PUSHPAIR#*', write: 'INBOX#* PUSHCOUNT#* PUSHPAIR#*' },
  ListDepartmentOverview: { read: 'INBOXHEAD#* PUSHCOUNT#* WEBHOOK#*', byOwner: 'UNACK#*' },
  ListDepartmentEvents: { read: 'INBOX#*' },
  AcknowledgeDepartmentEvent: { read: 'DELIVERY#* INBOX#*', write: 'DELIVERY#* INBOX#* PUSHCOUNT#*' },
  PutDepartmentWebhook: { write: 'WEBHOOK#*' },
  GetDepartmentWebhook: { read: 'WEBHOOK#*' },
  GetDepartmentReconciliation: { read: 'INBOX#*' },
  ListDeliveries: { byOwner: 'DLV#*' },
  RedriveDelivery: { read: 'DELIVERY#* INBOX#*', write: 'INBOX#* PUSHCOUNT#*' },
  FileDeregistration: {
    read: 'DEREG#* ENT#* IDEMPOTENCY#*#FileDeregistration#* REG#* REGLIST#*',
    write: 'DEREG#* ENT#* IDEMPOTENCY#*#FileDeregistration#* PENDING#START',
  },
  GetDeregistration: { read: 'DEREG#*' },
  ConfirmDeregistration: { read: 'DEREG#*', write: 'DEREG#*' },
  ObjectToDeregistration: {
    read: 'DEREG#* IDEMPOTENCY#*#ObjectToDeregistration#*',
    write: 'DEREG#* IDEMPOTENCY#*#ObjectToDeregistration#*',
  },
  ListAnnouncements: { byOwner: 'ANNOUNCEMENTS' },
  ListRegistryEntries: { byOwner: 'REGLIST#*' },
  PutRegistryEntry: { read: 'ENT#*', write: 'REGLIST#*' },
  DeleteRegistryEntry: { read: 'ENT#*', write: 'REGLIST#*' },
  ConsolePage: {},
  ConsoleAsset: {},
  NameReservationIndexReservedNameFunction: { read: 'RES#*', write: 'NAMEIDX#* PENDING#START' },
  NameReservationPlanReservationWakeFunction: { read: 'RES#*' },
  NameReservationRemindHolderFunction: { read: 'RES#*', write: 'NOTE#* RES#*' },
  NameReservationExpireReservationFunction: { read: 'RES#*', write: 'NAMELOCK#* NOTE#* RES#*' },
  NameReservationUnindexNameFunction: { read: 'RES#*', write: 'NAMEIDX#*' },
  NameReservationContinueReservationFunction: {},
  RegistrationCheckApplicationFunction: {
    read: 'MAT#* REG#* RES#*',
    write: 'MAT#* PENDING#START REG#* RES#*',
  },
  RegistrationCheckMaterialsFunction: { read: 'MAT#* REG#*', write: 'MAT#* REG#*' },
  RegistrationDecideFunction: { read: 'NAMEIDX#* NAMELOCK#* REG#*', write: 'REG#*' },
  RegistrationRejectRegistrationFunction: {
    read: 'REG#* RES#*',
    write: 'NAMEIDX#* NAMELOCK#* NOTE#* PENDING#START REG#* RES#* TASK#*',
  },
  RegistrationCompensateFunction: {
    read: 'ENT#* REG#* RES#*',
    write: 'CODE#* NAMEIDX#* NAMELOCK#* PENDING#START REG#* RES#* TASK#*',
  },
  RegistrationOpenReviewTaskFunction: { read: 'REG#*', write: 'REG#* TASK#*' },
  RegistrationEscalateReviewFunction: { read: 'REG#*', write: 'REG#* TASK#*' },
  RegistrationOpenSupplementTaskFunction: { read: 'REG#*', write: 'NOTE#* REG#* TASK#*' },
  RegistrationAssignCreditCodeFunction: { read: 'REG#*', write: 'CODE#* CODESEQ#* REG#*' },
  RegistrationRegisterEnterpriseFunction: {
    read: 'REG#*',
    write: 'ENT#* LICREQ#* NAMEIDX#* NAMELOCK#* NOTE#* OUTBOX#* REG#*',
  },
  RegistrationIssueLicenseFunction: {
    read: 'ENT#* LIC#* REG#* STATUSLIST#*',
    write: 'ENT#* LIC#* LICREQ#* LICSEQ NOTE#* OUTBOX#* REG#* STATUSLIST#*',
  },
  DeregistrationCheckAndAnnounceFunction: {
    read: 'DEREG#* ENT#* REG#* REGLIST#*',
    write: 'DEREG#* ENT#* NOTE#* OUTBOX#* PENDING#START',
  },
  DeregistrationOpenObjectionWindowFunction: { read: 'DEREG#*', write: 'DEREG#*' },
  DeregistrationCloseWindowFunction: {
    read: 'DEREG#* ENT#* REG#* REGLIST#*',
    write: 'DEREG#* ENT#* NOTE#* OUTBOX#* PENDING#START',
  },
  DeregistrationOpenConfirmationFunction: { read: 'DEREG#*', write: 'DEREG#*' },
  DeregistrationLapseFunction: {
    read: 'DEREG#* ENT#* REG#* REGLIST#*',
    write: 'DEREG#* ENT#* NOTE#* OUTBOX#* PENDING#START',
  },
  DeregistrationDeregisterFunction: {
    read: 'DEREG#* ENT#* LIC#* REG#* REGLIST#* STATUSLIST#*',
    write: 'DEREG#* ENT#* LIC#* NOTE#* OUTBOX#* PENDING#START STATUSLIST#*',
  },
  LicenseReissueReissueLicenseFunction: {
    read: 'ENT#* LIC#* REG#* STATUSLIST#*',
    write: 'ENT#* LIC#* LICREQ#* LICSEQ NOTE#* OUTBOX#* REG#* STATUSLIST#*',
  },
  SweepOwedStarts: { read: 'PENDING#START', write: 'PENDING#START' },
  ExecutionIndex: { read: 'EXEC#*', write: 'EXEC#* EXECCOUNT#* EXECHOUR#* EXECSUBJECT#* ISSUANCE' },
  PushRelay: {
    read: 'ENT#* INBOXHEAD#* OUTBOX#* PUSHPAIR#* WEBHOOK#*',
    write: 'DELIVERY#* INBOX#* INBOXHEAD#* OUTBOX#* PUSHPAIR#*',
  },
  OpsGauges: {
    read: 'EXECCOUNT#* EXECHOUR#* INBOXHEAD#* ISSUANCE PUSHCOUNT#* WEBHOOK#*',
    byOwner: 'UNACK#*',
    byState: 'EXECS#* OPENTASKS',
  },
  PushDelivery: {
    read: 'DELIVERY#* INBOX#* PUSHPAIR#* WEBHOOK#*',
    write: 'INBOX#* PUSHCOUNT#* PUSHPAIR#* WEBHOOK#*',
  },
};

interface Deployed {
  name: string;
  statements: Statement[];
}

const TABLE = `:table/${registryTableName(STACKS.data)}`;
const tableStatement = (s: Statement) => list(s.Action).some((a) => a.startsWith('dynamodb:'));

/** What a function's statements grant on the table, by capability, its patterns merged. */
function reach(statements: Statement[]): Row {
  const found: Record<keyof Row, Set<string>> = {
    read: new Set(),
    write: new Set(),
    byOwner: new Set(),
    byState: new Set(),
  };
  for (const s of statements.filter(tableStatement)) {
    const patterns = list(s.Condition?.[LEADING_KEYS]?.['dynamodb:LeadingKeys'] as string[]);
    const actions = list(s.Action);
    for (const resource of list(s.Resource).map(render)) {
      const [, index] = resource.split('/index/');
      const into: (keyof Row)[] = index
        ? [index as keyof Row]
        : [
            ...(actions.includes('dynamodb:GetItem') ? ['read' as const] : []),
            ...(actions.includes('dynamodb:PutItem') ? ['write' as const] : []),
          ];
      for (const key of into) for (const p of patterns) found[key]?.add(p);
    }
  }
  const row: Row = {};
  for (const key of Object.keys(found) as (keyof Row)[])
    if (found[key].size) row[key] = [...found[key]].sort().join(' ');
  return row;
}

let deployed: Deployed[];

beforeAll(() => {
  const { cloud } = synthesize({ bundle: false });
  deployed = [cloud.api, cloud.workflows, cloud.push, cloud.monitoring].flatMap((stack) => {
    const template = Template.fromStack(stack);
    return Object.entries(template.findResources('AWS::Lambda::Function') as Record<string, Resource>)
      .filter(([id]) => /[0-9A-F]{8}$/.test(id))
      .map(([id, fn]) => ({
        name: id.replace(/[0-9A-F]{8}$/, ''),
        statements: statementsOf(template, roleIdOf(fn)),
      }));
  });
});

describe('the registry table, family by family', () => {
  it('has a row for every deployed function, and no row for a function that is not deployed', () => {
    const names = deployed.map((d) => d.name).sort();
    expect(names.filter((n) => !(n in EXPECTED))).toEqual([]);
    expect(Object.keys(EXPECTED).filter((n) => !names.includes(n))).toEqual([]);
  });

  it.each(Object.entries(EXPECTED))('%s reaches exactly its row', (name, row) => {
    const fn = deployed.find((d) => d.name === name);
    expect(fn, name).toBeDefined();
    expect(reach(fn!.statements)).toEqual(row);
  });

  it('grants the table only under a LeadingKeys condition, and only the actions of each capability', () => {
    for (const { name, statements } of deployed)
      for (const s of statements.filter(tableStatement)) {
        expect(Object.keys(s.Condition ?? {}), name).toEqual([LEADING_KEYS]);
        expect(Object.keys(s.Condition?.[LEADING_KEYS] ?? {}), name).toEqual(['dynamodb:LeadingKeys']);
        const actions = list(s.Action).sort();
        const onIndex = list(s.Resource)
          .map(render)
          .some((r) => r.includes('/index/'));
        const allowed = onIndex ? INDEX_QUERY_ACTIONS : [...TABLE_READ_ACTIONS, ...TABLE_WRITE_ACTIONS];
        expect(
          actions.filter((a) => !allowed.includes(a)),
          name,
        ).toEqual([]);
        // A table statement grants one capability whole (or both when their families are the same).
        if (!onIndex)
          expect(
            [TABLE_READ_ACTIONS, TABLE_WRITE_ACTIONS, [...TABLE_READ_ACTIONS, ...TABLE_WRITE_ACTIONS]].some(
              (set) => JSON.stringify([...set].sort()) === JSON.stringify(actions),
            ),
            `${name}: ${actions.join(',')}`,
          ).toBe(true);
      }
  });

  it('grants Scan to no function, and reaches only the table and the indexes the schema names', () => {
    const indexes = REGISTRY_TABLE.globalIndexes.map((i) => i.indexName);
    for (const { name, statements } of deployed)
      for (const s of statements.filter(tableStatement)) {
        expect(list(s.Action), name).not.toContain('dynamodb:Scan');
        for (const resource of list(s.Resource).map(render)) {
          const [table, index] = resource.split('/index/');
          expect(table?.endsWith(TABLE), `${name}: ${resource}`).toBe(true);
          if (index) expect(indexes, `${name}: ${resource}`).toContain(index);
        }
      }
  });
});

describe('workflow starts', () => {
  it('are granted to a task only for the workflows it declares it starts', () => {
    const machine = (w: string) => stateMachineName(STACKS.workflows, WORKFLOWS.find((x) => x.name === w)!);
    for (const workflow of WORKFLOWS)
      for (const [taskId, task] of Object.entries(workflow.tasks)) {
        const name = `${pascal(workflow.name)}${taskId}`;
        const fn = deployed.find((d) => d.name === name)!;
        const starts = fn.statements
          .filter((s) => list(s.Action).includes('states:StartExecution'))
          .flatMap((s) => list(s.Resource).map(render));
        const declared = (task.grants?.startWorkflows ?? []).map(machine);
        expect(starts.length, name).toBe(declared.length);
        for (const m of declared)
          expect(
            starts.some((r) => r.endsWith(`:stateMachine:${m}`)),
            name,
          ).toBe(true);
      }
  });
});
