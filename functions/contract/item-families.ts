/**
 * The registry table's key space, by item family: what a function's `grants.registryTable` names, and
 * what CDK turns into `dynamodb:LeadingKeys` conditions (infra/cloud/table-grants.ts). One table holds
 * every family (docs/decisions/0003-single-table.md), so IAM can keep a function to its families only by
 * the partition key a request names; the families are therefore partition-key patterns, as IAM's
 * `ForAllValues:StringLike` matches them: a whole value, `*` for the rest of it.
 *
 * The adapters spell the keys (functions/adapters/keys.ts and their own key builders); tests/infra/
 * grants-families.test.ts holds every key they build to exactly one family here, and the integration
 * tier records what each function really reads and writes against what it declares.
 */

/** Families of the table itself: an item's `pk`. Every pattern ends where the family's own part ends. */
export const TABLE_FAMILIES = {
  reservation: 'RES#*',
  nameLock: 'NAMELOCK#*',
  nameIndex: 'NAMEIDX#*',
  registration: 'REG#*',
  creditCodeSequence: 'CODESEQ#*',
  creditCode: 'CODE#*',
  enterprise: 'ENT#*',
  outbox: 'OUTBOX#*',
  licenseRequest: 'LICREQ#*',
  license: 'LIC#*',
  statusSequence: 'LICSEQ',
  statusList: 'STATUSLIST#*',
  notice: 'NOTE#*',
  humanTask: 'TASK#*',
  examinerRoster: 'ROSTER#*',
  bankIntake: 'BANK#*',
  material: 'MAT#*',
  idempotency: 'IDEMPOTENCY#*',
  pendingStart: 'PENDING#START',
  inbox: 'INBOX#*',
  inboxHead: 'INBOXHEAD#*',
  pushPair: 'PUSHPAIR#*',
  delivery: 'DELIVERY#*',
  webhook: 'WEBHOOK#*',
  pushCount: 'PUSHCOUNT#*',
  /** The local relay's stream checkpoints: the cloud reads the stream through Pipes, so no function has it. */
  relayCheckpoint: 'PUSHRELAY#*',
  deregistration: 'DEREG#*',
  registryListEntry: 'REGLIST#*',
  execution: 'EXEC#*',
  executionSubject: 'EXECSUBJECT#*',
  executionCount: 'EXECCOUNT#*',
  executionHour: 'EXECHOUR#*',
  issuance: 'ISSUANCE',
} as const;

export type TableFamily = keyof typeof TABLE_FAMILIES;

/**
 * Partitions of the global indexes: for a Query on an index, the leading key IAM compares is the index's
 * partition key (`gsi1pk`, `gsi2pk`), so each index gets its own patterns. An owner's listing reads both
 * of a person's partitions (OWNER#<sub>, PERSON#<idHash>: functions/adapters/owner-listing.ts); IAM
 * cannot tell a sort-key prefix, so a function that lists an owner's reservations could list that
 * owner's registrations too: the handler asks for its own kind, and the caller's own records only.
 */
export const INDEX_FAMILIES = {
  ownerListing: { index: 'byOwner', partitions: ['OWNER#*', 'PERSON#*'] },
  branchIntakes: { index: 'byOwner', partitions: ['BRANCH#*'] },
  reviewQueue: { index: 'byOwner', partitions: ['QUEUE#*'] },
  deliveriesByStatus: { index: 'byOwner', partitions: ['DLV#*'] },
  unacknowledged: { index: 'byOwner', partitions: ['UNACK#*'] },
  announcements: { index: 'byOwner', partitions: ['ANNOUNCEMENTS'] },
  registryList: { index: 'byOwner', partitions: ['REGLIST#*'] },
  workflowExecutions: { index: 'byOwner', partitions: ['EXECS#*'] },
  overdueTasks: { index: 'byState', partitions: ['OPENTASKS'] },
  executionsByStatus: { index: 'byState', partitions: ['EXECS#*'] },
} as const satisfies Record<string, { index: string; partitions: readonly string[] }>;

export type IndexFamily = keyof typeof INDEX_FAMILIES;

/**
 * What a function does with the registry table. No family, no access; no Scan for anyone (no use case
 * reads the whole table), and none could be granted with a LeadingKeys condition anyway: a request that
 * names no partition key satisfies `ForAllValues` vacuously.
 */
export interface TableGrant {
  /** Families read: GetItem, BatchGetItem, Query on the table, ConditionCheckItem (in a transaction). */
  read?: readonly TableFamily[];
  /** Families written: PutItem, UpdateItem, DeleteItem, BatchWriteItem (also inside transactions). */
  write?: readonly TableFamily[];
  /** Index partitions queried. */
  query?: readonly IndexFamily[];
}

/** Does a partition-key value match an IAM StringLike pattern (`*` any run of characters)? */
export function matchesPattern(pattern: string, value: string): boolean {
  const regex = new RegExp(`^${pattern.split('*').map(escapeRegex).join('.*')}$`, 's');
  return regex.test(value);
}

const escapeRegex = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The table family a partition key belongs to (undefined for a key no family names). */
export function tableFamilyOf(pk: string): TableFamily | undefined {
  return (Object.keys(TABLE_FAMILIES) as TableFamily[]).find((f) => matchesPattern(TABLE_FAMILIES[f], pk));
}

/** The index family of a partition of the named index (undefined when none names it). */
export function indexFamilyOf(index: string, partition: string): IndexFamily | undefined {
  return (Object.keys(INDEX_FAMILIES) as IndexFamily[]).find(
    (f) =>
      INDEX_FAMILIES[f].index === index &&
      INDEX_FAMILIES[f].partitions.some((p) => matchesPattern(p, partition)),
  );
}

/**
 * An idempotent route's own records only: the HTTP stack keys them `IDEMPOTENCY#<caller>#<route id>#<key>`
 * (functions/http/idempotency.ts), so IAM can keep each route to its own.
 */
export const idempotencyPattern = (routeId: string) => `IDEMPOTENCY#*#${routeId}#*`;

/**
 * What a route does with the table: what it declares, and, when it honours Idempotency-Key, the
 * idempotency records the HTTP stack reads and writes around its handler.
 */
export function routeTableGrant(route: {
  idempotent?: boolean;
  grants?: { registryTable?: TableGrant };
}): TableGrant {
  const declared = route.grants?.registryTable ?? {};
  if (!route.idempotent) return declared;
  return {
    ...declared,
    read: [...(declared.read ?? []), 'idempotency'],
    write: [...(declared.write ?? []), 'idempotency'],
  };
}
