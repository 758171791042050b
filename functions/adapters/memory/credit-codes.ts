/** The in-memory twin of the credit code store: a counter per range, and each code issued once. */
import type { Move } from '#domain/registration/lifecycle';
import type { CreditCodeStore } from '#ports/credit-codes';
import { allowed, applyMove, clone, type IssuedCode, type MemoryRegistry } from './registry.ts';

export class MemoryCreditCodeStore implements CreditCodeStore {
  constructor(private readonly registry: MemoryRegistry) {}

  async nextSequence(rangeId: string): Promise<number> {
    const next = this.registry.sequences.get(rangeId) ?? 0;
    this.registry.sequences.set(rangeId, next + 1);
    return next;
  }

  async claim(
    registrationId: string,
    code: string,
    at: Date,
    move: Move,
    set?: Record<string, unknown>,
  ): Promise<boolean> {
    const reg = this.registry.registrations.get(registrationId);
    // The registration's condition is reported first: a repeated task, same code or not, answers false.
    if (!reg || reg.creditCode !== undefined || !allowed(reg, move)) return false;
    if (this.registry.codes.has(code))
      throw new Error(`credit code ${code} was issued before: the range counter is behind`);
    this.registry.codes.set(code, { registrationId, status: 'issued', issuedAt: at.toISOString() });
    // `set` is written only where the registration has none: a decision an examiner made stays.
    applyMove(reg, move, { creditCode: code, updatedAt: at.toISOString() }, set);
    return true;
  }

  async void(registrationId: string, code: string, at: Date): Promise<void> {
    const issued = this.registry.codes.get(code);
    // As the Dynamo condition: only the registration the code was issued to may void it.
    if (issued?.registrationId !== registrationId)
      throw new Error(`credit code ${code} was not issued to registration ${registrationId}`);
    issued.status = 'void';
    issued.voidedAt = at.toISOString();
  }

  /** Inspection: what the store knows of a code (issued to whom, voided when). */
  code(code: string): IssuedCode | undefined {
    const found = this.registry.codes.get(code);
    return found ? clone(found) : undefined;
  }
}
