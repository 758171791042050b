import type { RegistrationRecord } from '#domain/registration/record';
import type { Ports } from '#ports/ports';

/** A workflow step found no registration: a named error the definition can see (never retried). */
export class RegistrationNotFound extends Error {
  override name = 'RegistrationNotFound';
}

/** The registration a workflow step works on. */
export async function loadRegistration(
  ports: Pick<Ports, 'registrations'>,
  id: string,
): Promise<RegistrationRecord> {
  const record = await ports.registrations.get(id);
  if (!record) throw new RegistrationNotFound(`registration ${id} not found`);
  return record;
}
