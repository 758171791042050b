/**
 * The verify-license command, bin/verify-license.mjs its entry point (it runs from any directory: it
 * loads TypeScript through the checkout's own tsx). Verifies an e-license offline:
 *   node bin/verify-license.mjs LICENSE --jwks JWKS --status LIST
 *   LICENSE  the license JWS, or the JSON of GET /v1/licenses/{creditCode} ({"credential": "..."})
 *   JWKS     GET /.well-known/jwks.json, saved
 *   LIST     the status list JWS of GET /v1/licenses/status-lists/{listId}, saved (or its JSON form)
 * Options: --now RFC3339 (judge at another time: the license's and the status list's validity alike),
 * --issuer URL (require this issuer), --json, --help.
 * Exit 0 valid, 1 invalid or revoked, 2 usage error (or no verdict reached). No network is used.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { NotAJwsError } from './jws.ts';
import { describeVerdict } from './report.ts';
import { verifyLicense } from './verify-license.ts';

const USAGE =
  '用法 usage: verify-license LICENSE_FILE --jwks JWKS_FILE --status STATUS_LIST_FILE [--now RFC3339] [--issuer URL] [--json]';

const HELP = `${USAGE}

Verifies an e-license (电子营业执照) offline, with no network.
  LICENSE_FILE  the license JWS, or the JSON of GET /v1/licenses/{creditCode}
  --jwks        GET /.well-known/jwks.json, saved
  --status      the status list its credentialStatus names (GET /v1/licenses/status-lists/{listId}), saved
  --now         judge at this instant (RFC 3339 with an offset, e.g. 2027-01-01T00:00:00+08:00)
  --issuer      insist on this issuer (the registry's base URL)
  --json        print the verdict as POST /v1/licenses/verify answers it
  --help, -h    print this help
Exit 0 valid; 1 invalid or revoked; 2 usage error or no verdict.
`;

/** RFC 3339 date-time with an offset: `Date` alone would take "1" for the year 2001. */
const RFC3339 = /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/;

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
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) return { help: true as const };
  if (positionals.length !== 1 || !values.jwks || !values.status) throw new UsageError(USAGE);
  const now = values.now === undefined ? new Date() : new Date(values.now);
  if (values.now !== undefined && (!RFC3339.test(values.now) || Number.isNaN(now.getTime())))
    throw new UsageError(
      `--now ${values.now}: not an RFC 3339 time with an offset (2027-01-01T00:00:00+08:00)`,
    );
  return {
    license: positionals[0]!,
    ...values,
    jwks: values.jwks,
    status: values.status,
    now,
    help: false as const,
  };
}

export interface CliOutput {
  out(text: string): void;
  err(text: string): void;
}

/** Runs the command; resolves to the exit code: 0 valid, 1 invalid or revoked, 2 usage error or no verdict. */
export async function runVerifyLicenseCli(argv: string[], io: CliOutput): Promise<number> {
  try {
    const args = options(argv);
    if (args.help) {
      io.out(HELP);
      return 0;
    }
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
