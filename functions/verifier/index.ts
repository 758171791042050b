/** The offline license verifier: what the API, the CLI and an integrator's own service import. */
export { type Check, FAILURE_ZH, type FailureCode } from './checks.ts';
export { type JwkSetLike, NotAJwsError } from './jws.ts';
export type { StatusListInput } from './status.ts';
export { type LicenseVerdict, type VerifyOptions, verifyLicense } from './verify-license.ts';
