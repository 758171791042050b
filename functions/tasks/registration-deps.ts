/** What the registration tasks need, created once per process; tests hand their own. */

import { optionalEnv } from '#adapters/config';
import { DynamoNameIndex } from '#adapters/dynamo-name-index';
import { DynamoNotificationStore } from '#adapters/dynamo-notifications';
import { DynamoRegistrationStore } from '#adapters/dynamo-registrations';
import { DynamoTaskStore } from '#adapters/dynamo-reviews';
import { defaultMaterialVerifier } from '#adapters/materials';
import { defaultSealer } from '#adapters/sealer';
import { parseDuration } from '#domain/legal-time';
import type { RegistrationRecord } from '#domain/registration/record';
import type { RegistrationApplication } from '#domain/registration/types';
import { type Clock, systemClock } from '#ports/clock';
import type { MaterialVerifier } from '#ports/materials';
import type { NameIndex } from '#ports/name-index';
import type { NotificationStore } from '#ports/notifications';
import type { Sealer } from '#ports/sealer';

export interface RegistrationDeps {
  registrations: DynamoRegistrationStore;
  tasks: DynamoTaskStore;
  index: NameIndex;
  notifications: NotificationStore;
  materials: MaterialVerifier;
  sealer: Sealer;
  clock: Clock;
  /** An examiner's review period: whole days count as working days; a time part is exact (tests). */
  reviewPeriod: ReturnType<typeof parseDuration>;
  /** How long an applicant has to supplement materials. */
  supplementPeriod: ReturnType<typeof parseDuration>;
}

let deps: RegistrationDeps | undefined;

/**
 * Built on first use, and each part only when a task touches it: a function that neither seals nor reads
 * materials has no sealing key or bucket configured in AWS (least privilege), and must not need them.
 */
export function registrationDeps(): RegistrationDeps {
  if (deps) return deps;
  let materials: MaterialVerifier | undefined;
  let sealer: Sealer | undefined;
  deps = {
    registrations: new DynamoRegistrationStore(),
    tasks: new DynamoTaskStore(),
    index: new DynamoNameIndex(),
    notifications: new DynamoNotificationStore(),
    get materials() {
      materials ??= defaultMaterialVerifier();
      return materials;
    },
    get sealer() {
      sealer ??= defaultSealer();
      return sealer;
    },
    clock: systemClock,
    reviewPeriod: parseDuration(optionalEnv('REVIEW_TIMEOUT', 'P3D')),
    supplementPeriod: parseDuration(optionalEnv('SUPPLEMENT_TIMEOUT', 'P15D')),
  };
  return deps;
}

export async function unsealApplication(sealed: string, sealer: Sealer): Promise<RegistrationApplication> {
  return JSON.parse(await sealer.unseal(sealed)) as RegistrationApplication;
}

/** The registration a task works on; a missing one is a named error the definition can see. */
export async function loadRegistration(id: string): Promise<RegistrationRecord> {
  const record = await registrationDeps().registrations.get(id);
  if (!record)
    throw Object.assign(new Error(`registration ${id} not found`), { name: 'RegistrationNotFound' });
  return record;
}
