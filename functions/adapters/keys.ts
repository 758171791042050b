/**
 * The key of every item family in the registry table (docs/decisions/0003-single-table.md), in one place:
 * the adapters of several aggregates write each other's items in one transaction (a registration holds
 * its reservation, an enterprise takes over the name lock), and must spell the keys alike.
 */
import type { NameLockKey } from '#domain/reservation';

export const keys = {
  reservation: (id: string) => ({ pk: `RES#${id}`, sk: 'RES' }),
  nameLock: (k: Pick<NameLockKey, 'scope' | 'tradeKey'>) => ({
    pk: `NAMELOCK#${k.scope}#${k.tradeKey}`,
    sk: 'LOCK',
  }),
  registration: (id: string) => ({ pk: `REG#${id}`, sk: 'REG' }),
  codeSequence: (rangeId: string) => ({ pk: `CODESEQ#${rangeId}`, sk: 'SEQ' }),
  code: (creditCode: string) => ({ pk: `CODE#${creditCode}`, sk: 'CODE' }),
  enterprise: (creditCode: string) => ({ pk: `ENT#${creditCode}`, sk: 'ENT' }),
  outbox: (creditCode: string, seq: number) => ({
    pk: `OUTBOX#${creditCode}`,
    sk: `EVT#${String(seq).padStart(8, '0')}`,
  }),
  licenseRequest: (creditCode: string) => ({ pk: `LICREQ#${creditCode}`, sk: 'LICREQ' }),
  /** Every version of an enterprise's license, and each version's issuance claim, in one partition. */
  licensePartition: (creditCode: string) => `LIC#${creditCode}`,
  license: (creditCode: string, version: number) => ({
    pk: `LIC#${creditCode}`,
    sk: `V#${String(version).padStart(8, '0')}`,
  }),
  licenseClaim: (creditCode: string, version: number) => ({
    pk: `LIC#${creditCode}`,
    sk: `CLAIM#${String(version).padStart(8, '0')}`,
  }),
  /** The one sequence every status slot is drawn from. */
  statusSequence: () => ({ pk: 'LICSEQ', sk: 'SEQ' }),
  statusList: (listId: string) => ({ pk: `STATUSLIST#${listId}`, sk: 'LIST' }),
  notice: (id: string) => ({ pk: `NOTE#${id}`, sk: 'NOTE' }),
  humanTask: (taskId: string) => ({ pk: `TASK#${taskId}`, sk: 'TASK' }),
  bankIntake: (id: string) => ({ pk: `BANK#${id}`, sk: 'BANK' }),
  material: (id: string) => ({ pk: `MAT#${id}`, sk: 'MAT' }),
  /** Every workflow start still owed, in one partition sorted by when its case was written. */
  pendingStarts: 'PENDING#START',
  /** A department's inbox, one partition in the order it pulls: `<sentAt>#<n>` (ports/deliveries.ts). */
  inboxPartition: (department: string) => `INBOX#${department}`,
  inbox: (department: string, position: string) => ({ pk: `INBOX#${department}`, sk: position }),
  /** The department's inbox head: the last position given (n and sentAt). */
  inboxHead: (department: string) => ({ pk: `INBOXHEAD#${department}`, sk: 'HEAD' }),
  /** A (department, enterprise) pair's cursor and queue of unsettled deliveries. */
  pushPair: (department: string, creditCode: string) => ({
    pk: `PUSHPAIR#${department}#${creditCode}`,
    sk: 'PAIR',
  }),
  /** A delivery by its id, pointing at its inbox entry. */
  delivery: (id: string) => ({ pk: `DELIVERY#${id}`, sk: 'DELIVERY' }),
  webhook: (department: string) => ({ pk: `WEBHOOK#${department}`, sk: 'WEBHOOK' }),
  /** A department's push counters (acknowledged, failed), moved in the same transactions as the deliveries. */
  pushCounts: (department: string) => ({ pk: `PUSHCOUNT#${department}`, sk: 'COUNT' }),
  /** The byOwner partition of a department's unacknowledged events (their pointers), by inbox position. */
  unacknowledged: (department: string) => `UNACK#${department}`,
  /** How far the local relay has read one shard of the table's stream. */
  relayCheckpoint: (shardId: string) => ({ pk: `PUSHRELAY#${shardId}`, sk: 'CHECKPOINT' }),
  /** A simple deregistration; byOwner: ANNOUNCEMENTS, `<endsAt>#<id>` while it is `announced`. */
  deregistration: (id: string) => ({ pk: `DEREG#${id}`, sk: 'DEREG' }),
  /** The byOwner partition of the open announcements, sorted by when each window ends. */
  announcements: 'ANNOUNCEMENTS',
  /** Every registry list naming the enterprise, in one partition: what eligibility reads. */
  registryListPartition: (creditCode: string) => `REGLIST#${creditCode}`,
  registryListEntry: (creditCode: string, list: string) => ({ pk: `REGLIST#${creditCode}`, sk: list }),
  /** The byOwner partition of one list at one authority, sorted by credit code. */
  registryListIndex: (list: string, authority: string) => `REGLIST#${list}#${authority}`,
  /** The execution index (domain/ops/execution-index.ts): one entry per execution, by its name. */
  execution: (name: string) => ({ pk: `EXEC#${name}`, sk: 'EXEC' }),
  /** The byOwner partition of one workflow's executions, and the byState one of those in one status. */
  executionsOf: (workflow: string) => `EXECS#${workflow}`,
  executionsIn: (workflow: string, status: string) => `EXECS#${workflow}#${status}`,
  /** A case's or enterprise's pointer to an execution that worked on it. */
  executionSubject: (subject: string, startedAt: string, name: string) => ({
    pk: `EXECSUBJECT#${subject}`,
    sk: `${startedAt}#${name}`,
  }),
  executionSubjectPartition: (subject: string) => `EXECSUBJECT#${subject}`,
  /**
   * Each workflow's count of executions per status, in one of EXECUTION_COUNTER_SHARDS partitions (an
   * execution always counts in the same one): a busy workflow's changes do not all contend for one item.
   */
  executionCountShard: (shard: number) => `EXECCOUNT#${shard}`,
  executionCounts: (workflow: string, shard: number) => ({ pk: `EXECCOUNT#${shard}`, sk: workflow }),
  /** One day's hourly counts in one shard, one item per hour and workflow. */
  executionDay: (day: string, shard: number) => `EXECHOUR#${day}#${shard}`,
  executionHour: (hour: string, workflow: string, shard: number) => ({
    pk: `EXECHOUR#${hour.slice(0, 10)}#${shard}`,
    sk: `${hour.slice(11, 13)}#${workflow}`,
  }),
  /** Registrations ended registered per authority, and how many on the spot. */
  issuance: (authority: string) => ({ pk: 'ISSUANCE', sk: authority }),
  pendingStart: (since: string, executionName: string) => ({
    pk: 'PENDING#START',
    sk: `${since}#${executionName}`,
  }),
};

/** The attribute of a name lock that holds one industry class (`c:*` for a name without industry). */
export const lockClassAttribute = (industryClass: string | null) => `c:${industryClass ?? '*'}`;
