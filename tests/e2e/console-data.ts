/**
 * Cases for the operators' console to show, made through the HTTP API as applicants, departments and
 * examiners make them: a registration the rules reject, registrations approved by the rules, one
 * waiting for an examiner, and a delivery to a tax webhook that answers 500 until it parks as failed
 * (the platform started with PUSH_MAX_ATTEMPTS=2). Shared by tests/e2e/console*.test.ts and
 * `npm run screenshots`.
 */
import type { JSONWebKeySet } from 'jose';
import {
  type DepartmentSimulator,
  startDepartmentSimulators,
} from '../../infra/local/department-simulator.ts';
import { application } from '../unit/registration/fixtures.ts';
import { json, until, uploadChecklist } from './platform.ts';

type Claims = Record<string, string>;

/** Characters of distinct toneless pinyin: two-character trade names of them are neither identical nor similar. */
const RARE = [...'甲乙丙丁戊己庚辛壬癸琅瑙璃琥珀'];
let next = 0;

/** A trade name no other case of this run has. */
export function tradeName(): string {
  const k = next++;
  const a = RARE[k % RARE.length]!;
  const b = RARE[(k + 1 + Math.floor(k / RARE.length)) % RARE.length]!;
  return `${a}${b}`;
}

export class ConsoleData {
  constructor(readonly base: string) {}

  private api(method: string, path: string, body?: unknown, token?: string) {
    return json(`${this.base}${path}`, method, body, token);
  }

  async token(claims: Claims): Promise<string> {
    const r = await this.api('POST', '/v1/dev/tokens', claims);
    if (r.status !== 201) throw new Error(`token for ${JSON.stringify(claims)}: ${r.status}`);
    return String(r.body.token);
  }

  private async submit(
    applicant: string,
    name: string,
    reservedAs: string,
    registeredAs: string,
    conditions: string[] = [],
  ): Promise<string> {
    const reservation = await this.api(
      'POST',
      '/v1/names/reservations',
      { name, division: '440305', entityType: reservedAs },
      applicant,
    );
    if (reservation.status !== 201) throw new Error(`reserving ${name}: ${JSON.stringify(reservation.body)}`);
    const materials = await uploadChecklist(this.base, applicant, registeredAs, conditions);
    const body = {
      ...application(registeredAs as 'limited_liability_company'),
      reservationId: reservation.body.id,
      materials,
    };
    const submitted = await this.api('POST', '/v1/registrations', body, applicant);
    if (submitted.status !== 202) throw new Error(`submitting ${name}: ${JSON.stringify(submitted.body)}`);
    return String(submitted.body.id);
  }

  /** Waits until the registration is in one of `statuses` (a workflow runs it), and returns it. */
  async registrationIn(applicant: string, id: string, statuses: string[]): Promise<Record<string, unknown>> {
    return until(
      async () => {
        const r = await this.api('GET', `/v1/registrations/${id}`, undefined, applicant);
        return statuses.includes(String(r.body.status)) ? r.body : undefined;
      },
      `registration ${id} to be ${statuses.join(' or ')}`,
    );
  }

  /**
   * A registration the rules reject: the name, reserved for a limited company, is filed for a sole
   * proprietorship, whose name may not end in 有限公司; the decision finds the name unavailable
   * (rule `name-available`). Returns the registration's id.
   */
  async rejectedByRule(applicant: string): Promise<string> {
    const id = await this.submit(
      applicant,
      `深圳市${tradeName()}测绘科技有限公司`,
      'limited_liability_company',
      'sole_proprietorship',
    );
    const done = await this.registrationIn(applicant, id, ['rejected', 'registered', 'in_review']);
    if (done.status !== 'rejected') throw new Error(`registration ${id} was ${done.status}, not rejected`);
    return id;
  }

  /** A limited company approved by the rules; its registration id and credit code. */
  async approved(applicant: string): Promise<{ id: string; creditCode: string }> {
    const id = await this.submit(
      applicant,
      `深圳市${tradeName()}信息科技有限公司`,
      'limited_liability_company',
      'limited_liability_company',
    );
    const done = await this.registrationIn(applicant, id, ['registered', 'rejected', 'in_review']);
    if (done.status !== 'registered')
      throw new Error(`registration ${id} was ${done.status}, not registered`);
    return { id, creditCode: String(done.creditCode) };
  }

  /** A foreign-invested company: always referred to an examiner. Returns when its review is open. */
  async inReview(applicant: string): Promise<string> {
    const id = await this.submit(
      applicant,
      `深圳市${tradeName()}贸易有限公司`,
      'foreign_invested_company',
      'foreign_invested_company',
      // Its investor is a company registered abroad: the notarized registration is filed too.
      ['foreign_legal_person_investor'],
    );
    await this.registrationIn(applicant, id, ['in_review']);
    return id;
  }

  /**
   * The tax department's webhook, answering 500 to every delivery (a department whose system is down)
   * until `recover()`: with PUSH_MAX_ATTEMPTS=2 each delivery to it parks as failed within seconds.
   */
  async failingTaxWebhook(): Promise<DepartmentSimulator> {
    const jwks = async () =>
      (await this.api('GET', '/.well-known/jwks.json')).body as unknown as JSONWebKeySet;
    const secret = `whsec_${Buffer.alloc(32).toString('base64')}`;
    const tax = (await startDepartmentSimulators([{ department: 'tax', secret, failShare: 1 }], jwks)).get(
      'tax',
    )!;
    const department = await this.token({ role: 'department', sub: 'tax-system', departmentCode: 'tax' });
    const hook = await this.api('PUT', '/v1/departments/tax/webhook', { url: tax.url }, department);
    if (hook.status !== 200) throw new Error(`registering the tax webhook: ${JSON.stringify(hook.body)}`);
    tax.useSecret(String(hook.body.secret));
    return tax;
  }

  /** The failed delivery of an enterprise's event to `department`, once it has parked. */
  async failedDelivery(operator: string, creditCode: string, department = 'tax') {
    return until(async () => {
      const r = await this.api('GET', '/v1/ops/deliveries?status=failed&limit=100', undefined, operator);
      const items = (r.body.items ?? []) as { id: string; creditCode: string; department: string }[];
      return items.find((d) => d.creditCode === creditCode && d.department === department);
    }, `a failed delivery to ${department} for ${creditCode}`);
  }
}
