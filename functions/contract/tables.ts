/**
 * The storage schema, read by both the CDK data stack and the local bootstrap, so the cloud and the
 * embedded runtime cannot drift. One single table holds the registry's records (why: docs/decisions/
 * 0003-single-table.md); each item type's key shapes live with its adapter in functions/adapters/.
 */
export interface KeyAttribute {
  name: string;
  type: 'S' | 'N';
}

export interface IndexSchema {
  indexName: string;
  partitionKey: KeyAttribute;
  sortKey: KeyAttribute;
}

export interface TableSchema {
  /** Logical id in CDK and the table's name in the local runtime. */
  id: string;
  /** The environment variable through which handlers learn the table's name. */
  envVar: string;
  partitionKey: KeyAttribute;
  sortKey: KeyAttribute;
  globalIndexes: IndexSchema[];
  /** Epoch-seconds attribute after which DynamoDB deletes the item. */
  ttlAttribute: string;
  /** The table's change stream, if it has one: what the department push relays the outbox from. */
  stream?: 'NEW_IMAGE' | 'NEW_AND_OLD_IMAGES';
}

export const REGISTRY_TABLE: TableSchema = {
  id: 'registry',
  envVar: 'REGISTRY_TABLE',
  partitionKey: { name: 'pk', type: 'S' },
  sortKey: { name: 'sk', type: 'S' },
  globalIndexes: [
    // A partition's listing, newest first: an owner's reservations, registrations, notifications; a
    // department's unacknowledged events; a workflow's executions.
    {
      indexName: 'byOwner',
      partitionKey: { name: 'gsi1pk', type: 'S' },
      sortKey: { name: 'gsi1sk', type: 'S' },
    },
    // Items of one kind in one state, by time: open human tasks by deadline, executions of a workflow in
    // one status by start (docs/decisions/0019-execution-index.md).
    {
      indexName: 'byState',
      partitionKey: { name: 'gsi2pk', type: 'S' },
      sortKey: { name: 'gsi2sk', type: 'S' },
    },
  ],
  ttlAttribute: 'ttl',
  // The outbox's relay reads new OUTBOX items from it (docs/decisions/0014-department-push.md).
  stream: 'NEW_IMAGE',
};

export const TABLES: readonly TableSchema[] = [REGISTRY_TABLE];

export interface BucketSchema {
  id: string;
  envVar: string;
}

/** Materials and license PDFs; keys carry no personal data. */
export const DOCUMENTS_BUCKET: BucketSchema = { id: 'documents', envVar: 'DOCUMENTS_BUCKET' };

export const BUCKETS: readonly BucketSchema[] = [DOCUMENTS_BUCKET];

/** The service name stamped on every log line, in both runtimes. */
export const SERVICE_NAME = 'one-stop-registry';
