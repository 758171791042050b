import type { Move } from '#domain/registration/lifecycle';

/** Unified Social Credit Codes: an atomic sequence per authority range, and each code issued once. */
export interface CreditCodeStore {
  /** The next value of a range's counter: concurrent callers never share one. */
  nextSequence(rangeId: string): Promise<number>;
  /**
   * Records `code` as issued to the registration and makes the move (setting `set`) in one write; false
   * when the registration already has a code (a repeated task). Throws when the code was issued before.
   */
  claim(
    registrationId: string,
    code: string,
    at: Date,
    move: Move,
    set?: Record<string, unknown>,
  ): Promise<boolean>;
  /** A code whose enterprise was never made is voided, never reissued. */
  void(registrationId: string, code: string, at: Date): Promise<void>;
}
