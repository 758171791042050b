/**
 * The registry's state: the single table (with its change stream) and the documents bucket from the
 * shared schema (functions/contract/tables.ts, which the local bootstrap reads too), the key that encrypts
 * both, the key that seals personal data inside applications (sealing.ts), and the key that signs
 * e-licenses.
 * Everything here is kept when the stack is deleted: a registry is a legal record.
 */
import { CfnOutput, Duration, RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import {
  AttributeType,
  BillingMode,
  ProjectionType,
  StreamViewType,
  Table,
  TableEncryption,
} from 'aws-cdk-lib/aws-dynamodb';
import { Key, KeySpec, KeyUsage } from 'aws-cdk-lib/aws-kms';
import {
  BlockPublicAccess,
  Bucket,
  BucketEncryption,
  HttpMethods,
  ObjectOwnership,
  StorageClass,
} from 'aws-cdk-lib/aws-s3';
import type { Construct } from 'constructs';
import { DOCUMENTS_BUCKET, type KeyAttribute, REGISTRY_TABLE } from '#contract/tables';
import { INDEX_WARM_THROUGHPUT, TABLE_WARM_THROUGHPUT } from './capacity.ts';
import type { DataRefs } from './grants.ts';
import { documentsBucketName, registryTableName } from './naming.ts';
import { restrictSealingKey } from './sealing.ts';

export interface DataStackProps extends StackProps {
  /** Browser origins that PUT to presigned upload URLs. */
  webOrigins: string[];
}

function attribute(key: KeyAttribute) {
  return { name: key.name, type: key.type === 'S' ? AttributeType.STRING : AttributeType.NUMBER };
}

export class DataStack extends Stack {
  readonly table: Table;
  readonly documents: Bucket;
  readonly dataKey: Key;
  /** Wraps the data keys of sealed personal data; used directly by functions, never through a service. */
  readonly sealingKey: Key;
  /** ECC_NIST_P256 (ES256) key for the e-license credentials; the Signer port's cloud adapter uses it. */
  readonly licenseSigningKey: Key;
  readonly refs: DataRefs;

  constructor(scope: Construct, id: string, props: DataStackProps) {
    super(scope, id, props);

    this.dataKey = new Key(this, 'DataKey', {
      description: 'Encrypts the registry table and the documents bucket',
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });

    // Its own key, not the data key: the data key is used by DynamoDB and S3 on behalf of every function
    // that reads the table; this one only by the few functions that seal or unseal (0010-sealing.md).
    this.sealingKey = new Key(this, 'SealingKey', {
      description: 'Seals personal data in applications: wraps one AES-256 data key per sealed value',
      enableKeyRotation: true,
      alias: `alias/${id.toLowerCase()}/sealing`,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    restrictSealingKey(this.sealingKey);

    this.licenseSigningKey = new Key(this, 'LicenseSigningKey', {
      description:
        'Signs e-license credentials and status lists (ES256); its public key is published in the JWKS',
      keySpec: KeySpec.ECC_NIST_P256,
      keyUsage: KeyUsage.SIGN_VERIFY,
      alias: `alias/${id.toLowerCase()}/license-signing`,
      removalPolicy: RemovalPolicy.RETAIN,
    });

    this.table = new Table(this, 'RegistryTable', {
      tableName: registryTableName(this.stackName),
      partitionKey: attribute(REGISTRY_TABLE.partitionKey),
      sortKey: attribute(REGISTRY_TABLE.sortKey),
      billingMode: BillingMode.PAY_PER_REQUEST,
      timeToLiveAttribute: REGISTRY_TABLE.ttlAttribute,
      // The outbox's relay and the department push read it (push-stack.ts), as the local runtime does.
      ...(REGISTRY_TABLE.stream ? { stream: StreamViewType[REGISTRY_TABLE.stream] } : {}),
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      encryption: TableEncryption.CUSTOMER_MANAGED,
      encryptionKey: this.dataKey,
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
      // Ready for a province's first peak, not only for what it has seen (capacity.ts).
      warmThroughput: TABLE_WARM_THROUGHPUT,
    });
    for (const index of REGISTRY_TABLE.globalIndexes) {
      this.table.addGlobalSecondaryIndex({
        indexName: index.indexName,
        partitionKey: attribute(index.partitionKey),
        sortKey: attribute(index.sortKey),
        projectionType: ProjectionType.ALL,
        ...(INDEX_WARM_THROUGHPUT[index.indexName]
          ? { warmThroughput: INDEX_WARM_THROUGHPUT[index.indexName] }
          : {}),
      });
    }

    // Server access logs cannot be delivered to a KMS-encrypted bucket, so this one uses S3 keys. cdk-nag
    // does not ask a log-delivery target to log itself.
    const accessLogs = new Bucket(this, 'AccessLogs', {
      encryption: BucketEncryption.S3_MANAGED,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      enforceSSL: true,
      lifecycleRules: [{ id: 'expire-access-logs', expiration: Duration.days(365) }],
      removalPolicy: RemovalPolicy.RETAIN,
    });

    this.documents = new Bucket(this, 'DocumentsBucket', {
      bucketName: documentsBucketName(this.stackName),
      encryption: BucketEncryption.KMS,
      encryptionKey: this.dataKey,
      bucketKeyEnabled: true,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      enforceSSL: true,
      versioned: true,
      serverAccessLogsBucket: accessLogs,
      serverAccessLogsPrefix: `${DOCUMENTS_BUCKET.id}/`,
      lifecycleRules: [
        {
          id: 'noncurrent-versions',
          // A replaced or deleted material stays recoverable for a year, in cheaper storage after 30 days.
          noncurrentVersionTransitions: [
            { storageClass: StorageClass.GLACIER_INSTANT_RETRIEVAL, transitionAfter: Duration.days(30) },
          ],
          noncurrentVersionExpiration: Duration.days(365),
          abortIncompleteMultipartUploadAfter: Duration.days(1),
        },
      ],
      // Browsers PUT materials straight to presigned URLs; the URL, not CORS, is the authorization.
      cors: [
        {
          allowedMethods: [HttpMethods.PUT],
          allowedOrigins: props.webOrigins,
          allowedHeaders: ['content-type', 'content-length', 'content-md5', 'x-amz-*'],
          exposedHeaders: ['ETag'],
          maxAge: 3000,
        },
      ],
      removalPolicy: RemovalPolicy.RETAIN,
    });

    // Other stacks use the names from naming.ts, so they need no export of these two tokens.
    this.refs = {
      tableName: registryTableName(this.stackName),
      bucketName: documentsBucketName(this.stackName),
      dataKey: this.dataKey,
      sealingKey: this.sealingKey,
      licenseSigningKey: this.licenseSigningKey,
    };

    new CfnOutput(this, 'TableName', { value: this.table.tableName, description: 'The registry table' });
    new CfnOutput(this, 'DocumentsBucketName', {
      value: this.documents.bucketName,
      description: 'Materials and license PDFs',
    });
    new CfnOutput(this, 'SealingKeyArn', {
      value: this.sealingKey.keyArn,
      description: 'KMS key (symmetric) that seals personal data in applications; SEALING_KEY_ID',
    });
    new CfnOutput(this, 'LicenseSigningKeyArn', {
      value: this.licenseSigningKey.keyArn,
      description: 'KMS key (ECC_NIST_P256, SIGN_VERIFY) that signs e-licenses',
      exportName: `${this.stackName}-LicenseSigningKeyArn`,
    });
  }
}
