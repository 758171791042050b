/**
 * Every setting of the platform, declared once: its name, what kind of value it takes, its default,
 * which runtime sets it and what reads it. The cloud stacks and the local runtime both build the
 * functions' environment from this list, and the composition roots read it through `readSettings`, so no
 * default is written twice and a setting nothing reads does not exist.
 */
import { type Duration, parseDuration } from '#domain/legal-time';
import { parseIdentityProviders } from './schemas/identity.ts';

type Kind = 'period' | 'exactPeriod' | 'logLevel' | 'identityProviders';
type Runtime = 'cloud' | 'local';

export interface SettingSpec {
  kind: Kind;
  default: string;
  /** A different default on one machine (quieter logs). */
  localDefault?: string;
  setBy: readonly Runtime[];
  /** Who reads it, so that a setting nothing reads is seen and removed. */
  readBy: string;
  description: string;
}

export const SETTINGS = {
  NAME_RESERVATION_PERIOD: {
    kind: 'period',
    default: 'P2M',
    setBy: ['cloud', 'local'],
    readBy: 'app/names/reserve-name',
    description: 'How long a reserved name is kept (两个月).',
  },
  NAME_RESERVATION_PREAPPROVAL_PERIOD: {
    kind: 'period',
    default: 'P1Y',
    setBy: ['cloud', 'local'],
    readBy: 'app/names/reserve-name',
    description: 'How long a name is kept where a pre-approval is needed before registration (一年).',
  },
  NAME_RESERVATION_REMINDER_LEAD: {
    kind: 'exactPeriod',
    default: 'P14D',
    setBy: ['cloud', 'local'],
    readBy: 'app/names/reservation-lifecycle',
    description: 'How long before a reservation expires its holder is reminded.',
  },
  ANNOUNCEMENT_PERIOD: {
    kind: 'exactPeriod',
    default: 'P20D',
    setBy: ['cloud', 'local'],
    readBy: 'simple deregistration (api.md names it)',
    description: 'The public announcement of a simple deregistration, during which anyone may object.',
  },
  CONFIRMATION_PERIOD: {
    kind: 'exactPeriod',
    default: 'P20D',
    setBy: ['cloud', 'local'],
    readBy: 'app/deregistration',
    description:
      'After the announcement, how long the enterprise has to apply to deregister (条例 art. 33); then the case lapses.',
  },
  INDIVIDUAL_OBJECTION_PERIOD: {
    kind: 'exactPeriod',
    default: 'P10D',
    setBy: ['cloud', 'local'],
    readBy: 'app/deregistration',
    description:
      "An individual business's simple deregistration: no public announcement, the departments' objection period.",
  },
  REVIEW_TIMEOUT: {
    kind: 'exactPeriod',
    default: 'P3D',
    setBy: ['cloud', 'local'],
    readBy: 'app/registration (review deadlines)',
    description: "An examiner's review period: whole days are working days; a time part is exact (tests).",
  },
  SUPPLEMENT_TIMEOUT: {
    kind: 'exactPeriod',
    default: 'P15D',
    setBy: ['cloud', 'local'],
    readBy: 'app/registration (supplement deadlines)',
    description: 'How long an applicant has to supplement materials (补正).',
  },
  EVENT_RETENTION: {
    kind: 'period',
    default: 'P1Y',
    setBy: ['cloud', 'local'],
    readBy: 'app/push (inbox retention, 410 for older cursors)',
    description: "How long a department's events stay in its inbox for pull.",
  },
  IDENTITY_PROVIDERS: {
    kind: 'identityProviders',
    default: '[]',
    // The cloud gives it to the token service alone, from `registry:identityProviders` (infra/cloud/identity.ts).
    setBy: ['local'],
    readBy: 'app/identity (the token service), through adapters/wiring/identity',
    description:
      'The OIDC providers whose ID tokens POST /v1/auth/token exchanges, as JSON (docs/deploy.md, Identity).',
  },
  LOG_LEVEL: {
    kind: 'logLevel',
    default: 'INFO',
    localDefault: 'WARN',
    setBy: ['cloud', 'local'],
    readBy: 'adapters/logger',
    description: 'DEBUG, INFO, WARN or ERROR.',
  },
} as const satisfies Record<string, SettingSpec>;

export type SettingName = keyof typeof SETTINGS;

export const LOG_LEVELS = ['DEBUG', 'INFO', 'WARN', 'ERROR'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** Checks one value against its setting's kind; throws naming the setting and the value. */
export function checkSetting(name: SettingName, value: string): string {
  const spec: SettingSpec = SETTINGS[name];
  if (spec.kind === 'logLevel') {
    if (!(LOG_LEVELS as readonly string[]).includes(value))
      throw new Error(`setting ${name} '${value}' must be one of ${LOG_LEVELS.join(', ')}`);
    return value;
  }
  if (spec.kind === 'identityProviders') {
    parseIdentityProviders(value, `setting ${name}`);
    return value;
  }
  let d: Duration;
  try {
    d = parseDuration(value);
  } catch {
    throw new Error(`setting ${name} '${value}' is not an ISO 8601 duration`);
  }
  if (spec.kind === 'exactPeriod' && (d.years || d.months))
    throw new Error(`setting ${name} '${value}' must be in days or time, not months or years`);
  return value;
}

/** The value a runtime gives a setting: what it was told, else the default for that runtime. */
export function settingValue(name: SettingName, runtime: Runtime, given: string | undefined): string {
  const spec: SettingSpec = SETTINGS[name];
  const fallback = runtime === 'local' ? (spec.localDefault ?? spec.default) : spec.default;
  return checkSetting(name, given === undefined || given === '' ? fallback : given);
}

/** The settings as the application reads them, parsed. */
export interface Settings {
  reservationPeriods: { standard: Duration; preApproval: Duration };
  reminderLead: Duration;
  announcementPeriod: Duration;
  confirmationPeriod: Duration;
  individualObjectionPeriod: Duration;
  reviewPeriod: Duration;
  supplementPeriod: Duration;
  eventRetention: Duration;
}

/** The settings from an environment (the functions'), defaults filled in. */
export function readSettings(env: Readonly<Record<string, string | undefined>>): Settings {
  const period = (name: SettingName) => parseDuration(settingValue(name, 'cloud', env[name]));
  return {
    reservationPeriods: {
      standard: period('NAME_RESERVATION_PERIOD'),
      preApproval: period('NAME_RESERVATION_PREAPPROVAL_PERIOD'),
    },
    reminderLead: period('NAME_RESERVATION_REMINDER_LEAD'),
    announcementPeriod: period('ANNOUNCEMENT_PERIOD'),
    confirmationPeriod: period('CONFIRMATION_PERIOD'),
    individualObjectionPeriod: period('INDIVIDUAL_OBJECTION_PERIOD'),
    reviewPeriod: period('REVIEW_TIMEOUT'),
    supplementPeriod: period('SUPPLEMENT_TIMEOUT'),
    eventRetention: period('EVENT_RETENTION'),
  };
}

/** The settings a runtime sets, with their values: what both runtimes put in the functions' environment. */
export function settingsEnvironment(
  runtime: Runtime,
  given: Readonly<Record<string, string | undefined>>,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of Object.keys(SETTINGS) as SettingName[]) {
    const spec: SettingSpec = SETTINGS[name];
    if (spec.setBy.includes(runtime)) out[name] = settingValue(name, runtime, given[name]);
  }
  return out;
}
