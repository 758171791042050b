#!/usr/bin/env node
/**
 * Verifies an e-license offline, from any working directory:
 *   node /path/to/checkout/bin/verify-license.mjs LICENSE --jwks JWKS --status LIST [--now RFC3339] [--issuer URL] [--json]
 * Exit 0 valid, 1 invalid or revoked, 2 usage error; --help prints the usage. docs/integrators-license.md.
 *
 * Plain JavaScript so that Node runs it without a loader; it then registers the checkout's own tsx,
 * resolved from this file rather than from the caller's directory (`node --import tsx` resolves tsx
 * from the working directory, and fails anywhere but the checkout), and runs the TypeScript command.
 * A command that cannot even start exits 2, never 1: 1 means "this license is not valid".
 */
function cannotStart(error) {
  process.stderr.write(
    `无法启动 cannot start: ${error instanceof Error ? error.message : error}\n` +
      'Run `npm ci` in the checkout first (docs/integrators-license.md).\n',
  );
  process.exit(2);
}

try {
  const { register } = await import('tsx/esm/api');
  register();
  await import('./verify-license.ts');
} catch (error) {
  cannotStart(error);
}
