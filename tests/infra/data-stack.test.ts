/**
 * The data stack: the registry table from the shared schema, the documents bucket, the keys; who may touch
 * the materials and the sealing key, across the stacks.
 */
import { Match, type Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { REGISTRY_TABLE } from '#contract/tables';
import { materialObjectKey } from '#domain/material';
import { MATERIALS_PREFIX } from '../../infra/cloud/grants.ts';
import { SEALING_ACTIONS, SEALING_TAG, UNUSED_KEY_OPERATIONS } from '../../infra/cloud/sealing.ts';
import { DEPLOYED, type Deployed } from './deployed.ts';
import {
  actionsOf,
  functionNamed,
  functionStatements,
  render,
  resourcesOf,
  roleIdOf,
  type Statement,
} from './iam.ts';
import { stacks } from './stacks.ts';
import { list, type Resource } from './synth.ts';

describe('cloud stacks', () => {
  let data: Template;
  let workflows: Template;
  let sealingKeyId: string;
  let bucket: string;
  const templateOf = (d: Deployed) => stacks().templateOf(d);
  const onSealingKey = (s: Statement) => stacks().onSealingKey(s);

  beforeAll(() => {
    ({ data, workflows, sealingKeyId, bucket } = stacks());
  });

  describe('data', () => {
    it('builds the registry table from the shared schema, protected and encrypted with its own key', () => {
      data.hasResource('AWS::DynamoDB::Table', {
        DeletionPolicy: 'Retain',
        UpdateReplacePolicy: 'Retain',
        Properties: Match.objectLike({
          BillingMode: 'PAY_PER_REQUEST',
          KeySchema: [
            { AttributeName: REGISTRY_TABLE.partitionKey.name, KeyType: 'HASH' },
            { AttributeName: REGISTRY_TABLE.sortKey.name, KeyType: 'RANGE' },
          ],
          GlobalSecondaryIndexes: REGISTRY_TABLE.globalIndexes.map((index) =>
            Match.objectLike({
              IndexName: index.indexName,
              KeySchema: [
                { AttributeName: index.partitionKey.name, KeyType: 'HASH' },
                { AttributeName: index.sortKey.name, KeyType: 'RANGE' },
              ],
            }),
          ),
          TimeToLiveSpecification: { AttributeName: REGISTRY_TABLE.ttlAttribute, Enabled: true },
          PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
          SSESpecification: { SSEEnabled: true, SSEType: 'KMS', KMSMasterKeyId: Match.anyValue() },
          DeletionProtectionEnabled: true,
        }),
      });
    });

    it('keeps documents private, versioned, KMS-encrypted, access-logged, TLS-only', () => {
      const buckets = data.findResources('AWS::S3::Bucket', {
        Properties: { VersioningConfiguration: { Status: 'Enabled' } },
      });
      expect(Object.keys(buckets)).toHaveLength(1);
      const [id, bucket] = Object.entries(buckets)[0] as [string, Resource];
      expect(bucket.Properties).toMatchObject({
        PublicAccessBlockConfiguration: {
          BlockPublicAcls: true,
          BlockPublicPolicy: true,
          IgnorePublicAcls: true,
          RestrictPublicBuckets: true,
        },
        BucketEncryption: {
          ServerSideEncryptionConfiguration: [
            { ServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms' }, BucketKeyEnabled: true },
          ],
        },
        LoggingConfiguration: { DestinationBucketName: expect.anything() },
        CorsConfiguration: { CorsRules: [expect.objectContaining({ AllowedMethods: ['PUT'] })] },
      });
      const rules = (bucket.Properties.LifecycleConfiguration as { Rules: Record<string, unknown>[] }).Rules;
      expect(rules.some((r) => r.NoncurrentVersionExpiration)).toBe(true);
      data.hasResourceProperties('AWS::S3::BucketPolicy', {
        Bucket: { Ref: id },
        PolicyDocument: {
          Statement: Match.arrayWith([
            Match.objectLike({
              Effect: 'Deny',
              Principal: { AWS: '*' },
              Action: 's3:*',
              Condition: { Bool: { 'aws:SecureTransport': 'false' } },
            }),
          ]),
        },
      });
    });

    it('blocks public access and requires TLS on every bucket, the access-log bucket included', () => {
      const buckets = data.findResources('AWS::S3::Bucket');
      for (const bucket of Object.values(buckets) as Resource[]) {
        expect(bucket.Properties.PublicAccessBlockConfiguration).toMatchObject({
          BlockPublicAcls: true,
          RestrictPublicBuckets: true,
        });
      }
      expect(Object.keys(data.findResources('AWS::S3::BucketPolicy'))).toHaveLength(
        Object.keys(buckets).length,
      );
    });

    it('has an ES256 signing key for e-licenses and a rotating data key', () => {
      data.hasResourceProperties('AWS::KMS::Key', { KeySpec: 'ECC_NIST_P256', KeyUsage: 'SIGN_VERIFY' });
      data.hasResourceProperties('AWS::KMS::Key', { EnableKeyRotation: true });
      expect(data.findOutputs('LicenseSigningKeyArn')).not.toEqual({});
    });

    it('seals with its own rotating symmetric key, which only tagged roles may seal or unseal with', () => {
      const key = data.findResources('AWS::KMS::Key')[sealingKeyId] as Resource & {
        DeletionPolicy: string;
      };
      expect(key).toBeDefined();
      expect(key.DeletionPolicy).toBe('Retain');
      expect(key.Properties).toMatchObject({ EnableKeyRotation: true });
      // Symmetric (the default spec), so it can wrap data keys; not the data key, not the signing key.
      expect(key.Properties.KeySpec ?? 'SYMMETRIC_DEFAULT').toBe('SYMMETRIC_DEFAULT');
      expect(key.Properties.KeyUsage ?? 'ENCRYPT_DECRYPT').toBe('ENCRYPT_DECRYPT');
      data.hasResourceProperties('AWS::KMS::Alias', {
        AliasName: Match.stringLikeRegexp('/sealing$'),
        TargetKeyId: { 'Fn::GetAtt': [sealingKeyId, 'Arn'] },
      });

      const statements = (key.Properties.KeyPolicy as { Statement: (Statement & { Principal: unknown })[] })
        .Statement;
      // The one Allow is the account's administration of the key (which enables IAM policies); every use
      // is granted by IAM to a function's role, and bounded here.
      const allows = statements.filter((st) => st.Effect === 'Allow');
      expect(allows).toHaveLength(1);
      expect(render(allows[0]?.Principal)).toMatch(/:root/);
      const denyOf = (action: string) =>
        statements.filter((st) => st.Effect === 'Deny' && list(st.Action).includes(action));
      const tagged = (st: Statement | undefined) =>
        list(st?.Condition?.StringNotEquals?.[`aws:PrincipalTag/${SEALING_TAG}`] as string[]).sort();
      expect(denyOf('kms:GenerateDataKey')).toHaveLength(1);
      expect(tagged(denyOf('kms:GenerateDataKey')[0])).toEqual(['seal']);
      expect(denyOf('kms:Decrypt')).toHaveLength(1);
      expect(tagged(denyOf('kms:Decrypt')[0])).toEqual(['seal', 'unseal']);
      for (const action of UNUSED_KEY_OPERATIONS) {
        expect(denyOf(action), action).toHaveLength(1);
        expect(denyOf(action)[0]?.Condition, action).toBeUndefined();
      }
      for (const deny of statements.filter((st) => st.Effect === 'Deny'))
        expect(deny.Principal).toEqual({ AWS: '*' });
      expect(data.findOutputs('SealingKeyArn')).not.toEqual({});
    });
  });

  describe('materials and the sealing key, across both stacks', () => {
    it('puts materials where the grants say: the prefix is the key space of functions/domain/material.ts', () => {
      expect(materialObjectKey('01jabcdefghjkmnpqrstvwxyz0')).toBe(
        `${MATERIALS_PREFIX}01jabcdefghjkmnpqrstvwxyz0`,
      );
    });

    it('lets a function touch the documents bucket only as declared: objects under materials/, listing only that prefix', () => {
      expect(DEPLOYED.some((d) => d.stack === 'workflows' && d.documents)).toBe(true);
      for (const d of DEPLOYED) {
        // License PDFs have a grant of their own, under licenses/ (tests/infra/license.test.ts).
        const s3 = functionStatements(templateOf(d), d.name).filter(
          (st) =>
            list(st.Action).some((a) => a.startsWith('s3:')) &&
            !resourcesOf(st).some((r) => r.includes('licenses/')) &&
            !JSON.stringify(st.Condition ?? {}).includes('licenses/'),
        );
        if (!d.documents) {
          expect(s3, d.name).toEqual([]);
          continue;
        }
        const objects = s3.filter((st) => !list(st.Action).includes('s3:ListBucket'));
        const actions = {
          read: ['s3:GetObject'],
          write: ['s3:PutObject'],
          readWrite: ['s3:GetObject', 's3:PutObject'],
        };
        expect(
          objects.map((st) => [...list(st.Action)].sort()),
          d.name,
        ).toEqual([actions[d.documents]]);
        expect(objects.flatMap(resourcesOf), d.name).toEqual([`${bucket}/${MATERIALS_PREFIX}*`]);
        const listing = s3.filter((st) => list(st.Action).includes('s3:ListBucket'));
        // A presigned upload only writes: it never has to tell a missing object from a refusal.
        if (d.documents === 'write') {
          expect(listing, d.name).toEqual([]);
          continue;
        }
        // 404 for a material not uploaded yet, instead of 403, and still nothing outside materials/.
        expect(listing, d.name).toEqual([
          {
            Effect: 'Allow',
            Action: 's3:ListBucket',
            Resource: expect.anything(),
            Condition: { StringLike: { 's3:prefix': `${MATERIALS_PREFIX}*` } },
          },
        ]);
        expect(listing.flatMap(resourcesOf), d.name).toEqual([bucket]);
      }
    });

    it("reads CheckMaterials' materials read-only", () => {
      const actions = actionsOf(functionStatements(workflows, 'RegistrationCheckMaterialsFunction'));
      expect([...actions].filter((a) => a.startsWith('s3:')).sort()).toEqual([
        's3:GetObject',
        's3:ListBucket',
      ]);
    });

    it('lets only the functions that seal or unseal use the sealing key, tagged for its key policy, and tells only them its id', () => {
      expect(DEPLOYED.filter((d) => d.sealing === 'seal').length).toBeGreaterThan(0);
      expect(DEPLOYED.filter((d) => d.sealing === 'unseal').length).toBeGreaterThan(0);
      for (const d of DEPLOYED) {
        const template = templateOf(d);
        const { fn } = functionNamed(template, d.name);
        const statements = functionStatements(template, d.name);
        expect([...actionsOf(statements.filter(onSealingKey))].sort(), d.name).toEqual(
          d.sealing ? [...SEALING_ACTIONS[d.sealing]].sort() : [],
        );
        // The data key's statements (through DynamoDB or S3 only) never name the sealing key.
        for (const st of statements.filter(onSealingKey)) expect(st.Condition, d.name).toBeUndefined();
        const role = template.findResources('AWS::IAM::Role')[roleIdOf(fn)] as Resource;
        const tags = (role.Properties.Tags as { Key: string; Value: string }[] | undefined) ?? [];
        expect(
          tags.filter((t) => t.Key === SEALING_TAG).map((t) => t.Value),
          d.name,
        ).toEqual(d.sealing ? [d.sealing] : []);
        const variables = (fn.Properties.Environment as { Variables: Record<string, unknown> }).Variables;
        expect('SEALING_KEY_ID' in variables, d.name).toBe(Boolean(d.sealing));
        if (d.sealing) expect(render(variables.SEALING_KEY_ID), d.name).toContain(sealingKeyId);
      }
    });
  });
});
