/** A registered enterprise on fresh memory ports, through the same use cases the workflow calls. */

import { type MemoryPortsOptions, memoryPorts } from '#adapters/memory/ports';
import { decide } from '#app/registration/checks';
import { assignCreditCode, registerEnterprise } from '#app/registration/completion';
import type { TestPorts } from '../support.ts';
import { alice, checked, T0 } from '../support.ts';

export const licensePorts = (options: MemoryPortsOptions = {}) => memoryPorts({ now: T0, ...options });

export async function registeredEnterprise(ports: TestPorts) {
  const c = await checked(ports, alice);
  const decision = await decide(ports, c.registration.id, c.check.facts, c.assessment);
  const facts = { authority: '440305', entityType: 'limited_liability_company' as const };
  const { creditCode } = await assignCreditCode(ports, c.registration.id, facts, decision);
  await registerEnterprise(ports, c.registration.id, creditCode);
  return { registrationId: c.registration.id, creditCode };
}

/** A compact JWS with one part replaced (0 header, 1 payload, 2 signature). */
export function withPart(jws: string, index: 0 | 1 | 2, value: string): string {
  const parts = jws.split('.');
  parts[index] = value;
  return parts.join('.');
}

export const b64json = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
export const decodePart = (jws: string, index: 0 | 1) =>
  JSON.parse(Buffer.from(jws.split('.')[index]!, 'base64url').toString('utf8')) as Record<string, unknown>;
