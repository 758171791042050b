/**
 * The sealing key (docs/decisions/0010-sealing.md): a customer-managed symmetric KMS key that only wraps
 * the AES-256 data keys of sealed personal data (functions/adapters/sealer.ts). Who may use it is said
 * twice: by IAM, per function, from the route table and the workflow registry (grants.ts), and by the
 * key policy, per role tag, as an outer bound that a broad administrator policy (`kms:*` on `*`) does not
 * pass either:
 *
 * - `kms:GenerateDataKey` (sealing: submitting an application) only from roles tagged `seal`;
 * - `kms:Decrypt` (unsealing: the tasks that judge an application) only from roles tagged `seal` or
 *   `unseal`;
 * - every other cryptographic operation from nobody: the key never encrypts data itself.
 *
 * The account's root keeps the key's administration (the default key policy), so a key policy change
 * stays possible, and is logged in CloudTrail like any other.
 */
import { AnyPrincipal, Effect, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { IKey } from 'aws-cdk-lib/aws-kms';

/** The role tag that the key policy reads (`aws:PrincipalTag/registry:sealing`). */
export const SEALING_TAG = 'registry:sealing';

/** The environment variable the cloud sealer reads (functions/adapters/sealer.ts). */
export const SEALING_KEY_ENV = 'SEALING_KEY_ID';

/** `seal`: routes that submit an application (and may read it back); `unseal`: tasks that judge it. */
export type SealingUse = 'seal' | 'unseal';

export const SEALING_ACTIONS: Readonly<Record<SealingUse, readonly string[]>> = {
  seal: ['kms:GenerateDataKey', 'kms:Decrypt'],
  unseal: ['kms:Decrypt'],
};

/** Operations the sealer never makes; nobody may make them with this key. */
export const UNUSED_KEY_OPERATIONS = [
  'kms:Encrypt',
  'kms:ReEncryptFrom',
  'kms:ReEncryptTo',
  'kms:GenerateDataKeyWithoutPlaintext',
  'kms:GenerateDataKeyPair',
  'kms:GenerateDataKeyPairWithoutPlaintext',
];

/** The uses whose grant includes an action: the tags the key policy lets make it. */
const usesOf = (action: string): SealingUse[] =>
  (Object.keys(SEALING_ACTIONS) as SealingUse[]).filter((use) => SEALING_ACTIONS[use].includes(action));

/** Adds the key policy's outer bound to the sealing key. */
export function restrictSealingKey(key: IKey): void {
  for (const [sid, action] of [
    ['SealOnlyFromSealingRoles', 'kms:GenerateDataKey'],
    ['UnsealOnlyFromSealingRoles', 'kms:Decrypt'],
  ] as const) {
    key.addToResourcePolicy(
      new PolicyStatement({
        sid,
        effect: Effect.DENY,
        principals: [new AnyPrincipal()],
        actions: [action],
        resources: ['*'],
        // A principal without the tag (an administrator, the root user, a service) matches no value.
        conditions: { StringNotEquals: { [`aws:PrincipalTag/${SEALING_TAG}`]: usesOf(action) } },
      }),
    );
  }
  key.addToResourcePolicy(
    new PolicyStatement({
      sid: 'EnvelopeEncryptionOnly',
      effect: Effect.DENY,
      principals: [new AnyPrincipal()],
      actions: UNUSED_KEY_OPERATIONS,
      resources: ['*'],
    }),
  );
}
