/**
 * The verify-license command, bin/verify-license.ts its entry point. Verifies an e-license offline:
 *   node --import tsx bin/verify-license.ts LICENSE --jwks JWKS --status LIST
 *   LICENSE  the license JWS, or the JSON of GET /v1/licenses/{creditCode} ({"credential": "..."})
 *   JWKS     GET /.well-known/jwks.json, saved
 *   LIST     the status list JWS of GET /v1/licenses/status-lists/{listId}, saved (or its JSON form)
 * Options: --now RFC3339 (judge at another time), --issuer URL (require this issuer), --json.
 * Exit 0 valid, 1 invalid or revoked, 2 usage error (or no verdict reached). No network is used.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { NotAJwsError } from './jws.ts';
import { describeVerdict } from './report.ts';
import { verifyLicense } from './verify-license.ts';

const USAGE =
  '用法 usage: verify-license LICENSE_FILE --jwks JWKS_FILE --status STATUS_LIST_FILE [--now RFC3339] [--issuer URL] [--json]';

class UsageError extends Error {}

/** A saved JWS, or the API's JSON answer that carries it in `credential`. */
function readJws(path: string): string {
  const text = readText(path).trim();
  if (!text.startsWith('{')) return text;
  const parsed = parseJson(text, path) as { credential?: unknown };
  if (typeof parsed.credential !== 'string')
    throw new UsageError(`${path}: no "credential" string in this JSON`);
  return parsed.credential;
}

function readText(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    throw new UsageError(`无法读取文件 cannot read ${path}`);
  }
}

function parseJson(text: string, path: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new UsageError(`${path}: 不是 JSON, not JSON`);
  }
}

function readJwks(path: string): { keys: [] } {
  const jwks = parseJson(readText(path), path) as { keys?: unknown };
  if (!Array.isArray(jwks.keys)) throw new UsageError(`${path}: not a JWKS (no "keys" array)`);
  return jwks as { keys: [] };
}

function options(args: string[]) {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      jwks: { type: 'string' },
      status: { type: 'string' },
      now: { type: 'string' },
      issuer: { type: 'string' },
      json: { type: 'boolean', default: false },
    },
  });
  if (positionals.length !== 1 || !values.jwks || !values.status) throw new UsageError(USAGE);
  const now = values.now ? new Date(values.now) : new Date();
  if (Number.isNaN(now.getTime())) throw new UsageError(`--now ${values.now}: not an RFC 3339 time`);
  return { license: positionals[0]!, ...values, jwks: values.jwks, status: values.status, now };
}

export interface CliOutput {
  out(text: string): void;
  err(text: string): void;
}

/** Runs the command; resolves to the exit code: 0 valid, 1 invalid or revoked, 2 usage error or no verdict. */
export async function runVerifyLicenseCli(argv: string[], io: CliOutput): Promise<number> {
  try {
    const args = options(argv);
    const verdict = await verifyLicense(readJws(args.license), {
      jwks: readJwks(args.jwks),
      statusList: readJws(args.status),
      now: args.now,
      ...(args.issuer ? { issuer: args.issuer } : {}),
    });
    io.out(`${args.json ? JSON.stringify(verdict, null, 2) : describeVerdict(verdict)}\n`);
    return verdict.valid ? 0 : 1;
  } catch (error) {
    // parseArgs throws TypeErrors with an ERR_PARSE_ARGS_* code for unknown or malformed options.
    const parse = (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS');
    const known = error instanceof UsageError || error instanceof NotAJwsError || parse;
    // Exit 1 must only ever mean "this license is not valid": anything that left no verdict is a 2.
    io.err(
      known ? `${(error as Error).message}\n${parse ? `${USAGE}\n` : ''}` : `无法核验 no verdict: ${error}\n`,
    );
    return 2;
  }
}
