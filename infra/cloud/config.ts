/**
 * What a deployment may vary, read from CDK context (cdk.json, or `-c registry:key=value` on the command
 * line, where every value arrives as a string), with the defaults the law and the contract give. A bad
 * value fails the synth, naming the key. Everything else about the cloud is fixed in code.
 */
import type { Construct } from 'constructs';
import { DEFAULT_TOKEN_AUDIENCE } from '#contract/identity';
import { parseIdentityProviders } from '#contract/schemas/identity';
import { LOG_LEVELS, type LogLevel, SETTINGS } from '#contract/settings';
import { SERVICE_NAME } from '#contract/tables';
import type { IdentityProvider } from '#domain/identity/provider';
import { parseDuration } from '#domain/legal-time';

export interface Throttle {
  rateLimit: number;
  burstLimit: number;
}

/** Who may sign in, and how the platform's own tokens are named (docs/decisions/0017-identity.md). */
export interface IdentityConfig {
  /**
   * The platform's issuer URL (the `iss` of its tokens; its discovery document is served below it): the
   * API's custom domain where it has one (in China, the ICP-filed domain); absent, the API's own URL.
   */
  tokenIssuer: string | undefined;
  tokenAudience: string;
  /** The OIDC providers whose ID tokens the token service exchanges (contract/schemas/identity.ts). */
  providers: IdentityProvider[];
  /** The Cognito user pool as one more provider: global regions only (it does not exist in China). */
  cognito: boolean;
}

export interface CloudConfig {
  /** Browser origins allowed to call the API and to PUT presigned uploads (`*` while there is no site). */
  webOrigins: string[];
  /** Where alarms are mailed; empty for none (subscribe to the topic another way). */
  alarmEmail: string;
  /** Legal periods, ISO 8601, handed to the handlers (api.md, "Local runtime"). */
  nameReservationPeriod: string;
  nameReservationPreApprovalPeriod: string;
  /** How long before a reservation expires its holder is reminded: days or time, never months. */
  nameReservationReminderLead: string;
  announcementPeriod: string;
  /** An examiner's review period: whole days count as working days (functions/domain/registration/deadlines.ts). */
  reviewTimeout: string;
  /** How long an applicant has to supplement materials (补正). */
  supplementTimeout: string;
  /**
   * Per-route throttles of the HTTP API, for everyone together (per-address limits are the front door's,
   * front-door-rules.ts): every route's default, each rate-limited public route's, and the name check's
   * and search's, sized for 2,000 checks/s (docs/capacity.md).
   */
  throttle: Throttle;
  publicThrottle: Throttle;
  nameThrottle: Throttle;
  logLevel: LogLevel;
  /**
   * The registry's public base URL (the API's custom domain): the issuer of every license and the base
   * of every link on it, the QR code's included. Fixed for the life of the licenses it signs.
   */
  licenseBaseUrl: string;
  identity: IdentityConfig;
}

export { type LogLevel, SERVICE_NAME };

function raw(scope: Construct, key: string): unknown {
  const value = scope.node.tryGetContext(`registry:${key}`) as unknown;
  return value === null || value === '' ? undefined : value;
}

function text(scope: Construct, key: string, fallback: string): string {
  const value = raw(scope, key) ?? fallback;
  if (typeof value !== 'string') throw new Error(`context registry:${key} must be a string`);
  return value;
}

function list(scope: Construct, key: string, fallback: string[]): string[] {
  const value = raw(scope, key) ?? fallback;
  const items = typeof value === 'string' ? value.split(',') : value;
  if (!Array.isArray(items))
    throw new Error(`context registry:${key} must be a list or a comma-separated string`);
  return items.map((item) => String(item).trim()).filter(Boolean);
}

function period(scope: Construct, key: string, fallback: string): string {
  const value = text(scope, key, fallback);
  parseDuration(value); // throws a RangeError naming the value
  return value;
}

/**
 * A period the handlers turn into an exact span (a callback task's timeout, a reminder's lead): days and
 * time only. A month or a year has no fixed length, and the handlers would silently drop it.
 */
function exactPeriod(scope: Construct, key: string, fallback: string): string {
  const value = period(scope, key, fallback);
  const { years, months } = parseDuration(value);
  if (years || months)
    throw new Error(`context registry:${key} '${value}' must be in days or time, not months or years`);
  return value;
}

function url(scope: Construct, key: string, fallback: string): string {
  const value = text(scope, key, fallback);
  if (!/^https:\/\/[^/\s]+(\/[^\s]*)?$/.test(value) || value.endsWith('/'))
    throw new Error(`context registry:${key} '${value}' must be an https URL without a trailing slash`);
  return value;
}

function throttle(scope: Construct, key: string, fallback: Throttle): Throttle {
  const value = raw(scope, key) ?? fallback;
  const parsed = (typeof value === 'string' ? JSON.parse(value) : value) as Partial<Throttle>;
  const { rateLimit, burstLimit } = parsed;
  if (typeof rateLimit !== 'number' || typeof burstLimit !== 'number' || rateLimit <= 0 || burstLimit <= 0) {
    throw new Error(
      `context registry:${key} must be {"rateLimit": n, "burstLimit": n} with positive numbers`,
    );
  }
  return { rateLimit, burstLimit };
}

function flag(scope: Construct, key: string, fallback: boolean): boolean {
  const value = raw(scope, key) ?? fallback;
  if (value === true || value === 'true') return true;
  if (value === false || value === 'false') return false;
  throw new Error(`context registry:${key} must be true or false`);
}

/**
 * The providers, from `registry:identityProviders` (a list, or its JSON on the command line). In the
 * cloud a provider's keys are fetched over https only: loopback makes sense on one machine alone.
 */
function identityProviders(scope: Construct): IdentityProvider[] {
  const value = raw(scope, 'identityProviders') ?? [];
  const json = typeof value === 'string' ? value : JSON.stringify(value);
  const providers = parseIdentityProviders(json, 'context registry:identityProviders');
  for (const p of providers) {
    if (p.jwksUri && !p.jwksUri.startsWith('https://'))
      throw new Error(`context registry:identityProviders: ${p.id}'s jwksUri must be https in the cloud`);
    if (!p.issuer.startsWith('https://'))
      throw new Error(`context registry:identityProviders: ${p.id}'s issuer must be an https URL`);
  }
  return providers;
}

function identity(scope: Construct): IdentityConfig {
  const issuer = raw(scope, 'tokenIssuer') === undefined ? undefined : url(scope, 'tokenIssuer', '');
  const providers = identityProviders(scope);
  if (issuer && providers.some((p) => p.issuer === issuer))
    throw new Error('context registry:identityProviders: a provider cannot have the platform’s own issuer');
  return {
    tokenIssuer: issuer,
    tokenAudience: text(scope, 'tokenAudience', DEFAULT_TOKEN_AUDIENCE),
    providers,
    cognito: flag(scope, 'cognito', false),
  };
}

export function cloudConfig(scope: Construct): CloudConfig {
  const logLevel = text(scope, 'logLevel', SETTINGS.LOG_LEVEL.default);
  if (!(LOG_LEVELS as readonly string[]).includes(logLevel)) {
    throw new Error(`context registry:logLevel must be one of ${LOG_LEVELS.join(', ')}`);
  }
  return {
    webOrigins: list(scope, 'webOrigins', ['*']),
    alarmEmail: text(scope, 'alarmEmail', ''),
    nameReservationPeriod: period(scope, 'nameReservationPeriod', SETTINGS.NAME_RESERVATION_PERIOD.default),
    // A name reserved for a case that needs a pre-approval (前置审批) is held a year.
    nameReservationPreApprovalPeriod: period(
      scope,
      'nameReservationPreApprovalPeriod',
      SETTINGS.NAME_RESERVATION_PREAPPROVAL_PERIOD.default,
    ),
    nameReservationReminderLead: exactPeriod(
      scope,
      'nameReservationReminderLead',
      SETTINGS.NAME_RESERVATION_REMINDER_LEAD.default,
    ),
    announcementPeriod: exactPeriod(scope, 'announcementPeriod', SETTINGS.ANNOUNCEMENT_PERIOD.default),
    // The examiner's three working days (domain.md), counted by the domain with the holiday calendar.
    reviewTimeout: exactPeriod(scope, 'reviewTimeout', SETTINGS.REVIEW_TIMEOUT.default),
    supplementTimeout: exactPeriod(scope, 'supplementTimeout', SETTINGS.SUPPLEMENT_TIMEOUT.default),
    throttle: throttle(scope, 'throttle', { rateLimit: 500, burstLimit: 1000 }),
    publicThrottle: throttle(scope, 'publicThrottle', { rateLimit: 200, burstLimit: 400 }),
    nameThrottle: throttle(scope, 'nameThrottle', { rateLimit: 2500, burstLimit: 5000 }),
    logLevel: logLevel as LogLevel,
    licenseBaseUrl: url(scope, 'licenseBaseUrl', 'https://license.registry.example.cn'),
    identity: identity(scope),
  };
}
