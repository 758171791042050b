/**
 * Why the token service refuses a provider's token. Each reason is answered as 400 `invalid-grant`
 * (RFC 6749 §5.2's `invalid_grant`), with the reason in the message: an integrator needs to know whether
 * the token expired or was meant for another client, and none of this says anything about a person.
 */
import { DomainError } from '../errors.ts';

export type RefusalReason =
  /** Not a JWT at all. */
  | 'malformed'
  /** Its `iss` is not a provider this registry trusts (or is the registry itself). */
  | 'unknown-issuer'
  /** `iss` does not match the provider it claimed. */
  | 'issuer'
  /** Meant for another client. */
  | 'audience'
  | 'expired'
  | 'not-yet-valid'
  /** Unsigned (`alg: none`) or signed with an algorithm the provider does not use. */
  | 'algorithm'
  /** No key of the provider verifies it. */
  | 'signature'
  /** A claim the platform needs is missing or malformed. */
  | 'claims'
  /** A staff directory's account without a staff role, or with more than one. */
  | 'role'
  /** A staff role without what binds it: a clerk's branch, a department's code, an examiner's authority. */
  | 'binding';

export class TokenRefused extends DomainError {
  constructor(
    public readonly reason: RefusalReason,
    message: string,
  ) {
    super('invalid-grant', `the subject token is refused (${reason}): ${message}`);
  }
}
