/**
 * The people of an application as the law of capacity reads them: a birth date that is real and past,
 * full civil capacity for whoever acts for the enterprise, and a word to the examiner about a minor
 * investor. Only a resident identity number (GB 11643, also on the residence permits of Hong Kong, Macao
 * and Taiwan residents) carries a birth date; other documents give no age finding.
 */
import { yearsLater } from './capital.ts';
import { ENTITY_FORMS } from './forms.ts';
import { checkIdNumber } from './id-documents.ts';
import { type Person, type Reason, type RegistrationApplication, reason } from './types.ts';

/** The roles that act for the enterprise: the law wants full civil capacity of each. */
type Role = 'legalRepresentative' | 'directors' | 'supervisors' | 'manager' | 'financialOfficer';

const ROLE_NAMES: Readonly<Record<Role, { zh: string; en: string }>> = {
  legalRepresentative: { zh: '法定代表人（经营者）', en: 'The legal representative' },
  directors: { zh: '董事', en: 'A director' },
  supervisors: { zh: '监事', en: 'A supervisor' },
  manager: { zh: '经理', en: 'The manager' },
  financialOfficer: { zh: '财务负责人', en: 'The financial officer' },
};

/**
 * A company's officers: the legal representative (第十条), directors, supervisors and senior officers
 * (第一百七十八条第一项, 第二百六十五条). In the other forms a person under 16 cannot hold a post that
 * acts for the business nor be employed (劳动法 第十五条).
 */
const COMPANY_BASIS = '《公司法》第十条、第一百七十八条第一项、第二百六十五条；《民法典》第十七条、第十八条';
const OTHER_BASIS = '《民法典》第十七条、第十八条；《劳动法》第十五条';
const OWN_INCOME_BASIS = '《民法典》第十八条第二款';
const INVESTOR_BASIS = '《民法典》第十七条、第十九条、第二十三条';
const BIRTH_DATE_BASIS = 'GB 11643-1999（第 7–14 位为出生日期码）';

/** The birth date in positions 7–14 of a resident identity number, if it is one and the date is real. */
export function birthDateOf(idType: string | undefined, idNumber: string | undefined): string | undefined {
  if (idType !== 'resident_id' || !idNumber) return undefined;
  const digits = idNumber.trim().slice(6, 14);
  if (!/^\d{8}$/.test(digits)) return undefined;
  const date = `${digits.slice(0, 4)}-${digits.slice(4, 6)}-${digits.slice(6, 8)}`;
  const day = new Date(`${date}T00:00:00Z`);
  return Number.isNaN(day.getTime()) || day.toISOString().slice(0, 10) !== date ? undefined : date;
}

/**
 * True once the person has lived `years` full years on `on`. Periods are counted from the day after the
 * birth (民法典 第二百零一条: the first day is not counted), so one turns 18 the day after the 18th
 * birthday; a 29 February birthday is reached on 1 March of a common year (第二百零二条).
 */
export function hasFullYears(birthDate: string, years: number, on: string): boolean {
  return on > yearsLater(birthDate, years);
}

/**
 * Every capacity finding, people in the order of the application. `on` is the day the application is
 * judged, in Beijing (YYYY-MM-DD): the caller passes it, the domain reads no clock.
 */
export function checkCapacity(app: RegistrationApplication, on: string): Reason[] {
  const out: Reason[] = [];
  const company = ENTITY_FORMS[app.entityType].governance !== 'none';
  const officer = (person: Person | undefined, role: Role, path: string) => {
    if (!person) return;
    const identity = checkIdNumber(person.idType, person.idNumber);
    if (!identity.valid) {
      out.push(
        reason(
          'identity-invalid',
          'block',
          `${path}.idNumber`,
          `${ROLE_NAMES[role].zh}的身份证件号码无效：${identity.reason}`,
          `${ROLE_NAMES[role].en}'s identity number is not valid: ${identity.reason}`,
          person.idType === 'resident_id' ? 'GB 11643-1999' : undefined,
        ),
      );
      return;
    }
    const born = birthDateOf(person.idType, person.idNumber);
    if (!born) return;
    if (born > on) {
      out.push(futureBirth(path));
      return;
    }
    if (!hasFullYears(born, 16, on))
      out.push(
        reason(
          'officer-without-capacity',
          'block',
          path,
          `${ROLE_NAMES[role].zh}未满十六周岁，不具有完全民事行为能力，不得担任该职务`,
          `${ROLE_NAMES[role].en} is under 16 and lacks full civil capacity: they cannot hold this post`,
          company ? COMPANY_BASIS : OTHER_BASIS,
        ),
      );
    else if (!hasFullYears(born, 18, on))
      out.push(
        reason(
          'officer-capacity-by-own-income',
          'warn',
          path,
          `${ROLE_NAMES[role].zh}为十六周岁以上不满十八周岁的未成年人，仅在以自己的劳动收入为主要生活来源时视为完全民事行为能力人，由登记人员审查`,
          `${ROLE_NAMES[role].en} is 16 or 17: full civil capacity then rests on living on their own labour income, which an examiner checks`,
          `${OWN_INCOME_BASIS}；${company ? COMPANY_BASIS : OTHER_BASIS}`,
        ),
      );
  };

  officer(app.legalRepresentative, 'legalRepresentative', 'legalRepresentative');
  app.directors.forEach((p, i) => {
    officer(p, 'directors', `directors.${i}`);
  });
  app.supervisors.forEach((p, i) => {
    officer(p, 'supervisors', `supervisors.${i}`);
  });
  officer(app.manager, 'manager', 'manager');
  officer(app.financialOfficer, 'financialOfficer', 'financialOfficer');

  // The tax contact holds no post, but their number is a real one all the same.
  const contact = app.taxContact;
  const contactBorn = contact && birthDateOf(contact.idType, contact.idNumber);
  if (contactBorn && contactBorn > on) out.push(futureBirth('taxContact'));

  app.investors.forEach((inv, i) => {
    if (inv.kind !== 'natural_person') return;
    const born = birthDateOf(inv.idType, inv.idNumber);
    if (!born) return;
    const path = `investors.${i}`;
    if (born > on) out.push(futureBirth(path));
    else if (!hasFullYears(born, 18, on))
      out.push(
        reason(
          'investor-minor',
          'warn',
          path,
          '自然人投资人未满十八周岁，应由监护人代理或经其同意出资，由登记人员审查',
          'A natural-person investor under 18 invests through or with the consent of a guardian: an examiner checks it',
          INVESTOR_BASIS,
        ),
      );
  });
  return out;
}

function futureBirth(path: string): Reason {
  return reason(
    'birth-date-in-future',
    'block',
    `${path}.idNumber`,
    '身份证件号码中的出生日期晚于申请之日',
    'The birth date in the identity number is after the day of the application',
    BIRTH_DATE_BASIS,
  );
}
