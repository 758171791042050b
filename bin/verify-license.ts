/**
 * Verifies an e-license offline, with no network (bin/verify-license.mjs runs this from any directory):
 *   node --import tsx bin/verify-license.ts LICENSE --jwks JWKS --status LIST [--now RFC3339] [--issuer URL] [--json]
 * Exit 0 valid, 1 invalid or revoked, 2 usage error; --help prints the usage. See functions/verifier/cli.ts
 * and docs/integrators-license.md.
 */
import { runVerifyLicenseCli } from '../functions/verifier/cli.ts';

process.exitCode = await runVerifyLicenseCli(process.argv.slice(2), {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
});
