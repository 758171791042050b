/**
 * The officers each form has (Company Law 2024 for companies): a board or one director, a board of
 * supervisors or one supervisor unless the law lets the company do without, a manager where required,
 * a legal representative who acts for the company, and the financial officer and tax contact the tax
 * department registers.
 */
import { ENTITY_FORMS, type EntityForm } from './forms.ts';
import { type Person, type Reason, type RegistrationApplication, reason } from './types.ts';

const same = (a: Person, b: Person) =>
  a.idType === b.idType && a.idNumber.trim().toUpperCase() === b.idNumber.trim().toUpperCase();

const BOARD = {
  llc: { directors: '《公司法》第六十八条、第七十五条', supervisors: '《公司法》第七十六条、第八十三条' },
  jsc: {
    directors: '《公司法》第一百二十条、第一百二十八条',
    supervisors: '《公司法》第一百三十条、第一百三十三条',
  },
} as const;

export function checkGovernance(app: RegistrationApplication): Reason[] {
  const form = ENTITY_FORMS[app.entityType];
  const out: Reason[] = form.governance === 'none' ? [] : companyOfficers(app, form);

  if (form.financialOfficerRequired && !app.financialOfficer)
    out.push(
      reason(
        'financial-officer-missing',
        'block',
        'financialOfficer',
        '应当填报财务负责人信息（税务登记所需）',
        'The financial officer is stated: the tax department registers them',
        '《税务登记管理办法》',
      ),
    );
  if (!app.taxContact)
    out.push(
      reason(
        'tax-contact-missing',
        'block',
        'taxContact',
        '应当填报办税人信息（税务登记所需）',
        'The tax contact is stated: the tax department registers them',
        '《税务登记管理办法》',
      ),
    );
  if (!app.domicile.commitment)
    out.push(
      reason(
        'domicile-commitment-missing',
        'block',
        'domicile.commitment',
        '申请人应当承诺住所（经营场所）信息真实',
        'The applicant commits to the truth of the declared domicile',
        '《市场主体登记管理条例》第十七条',
      ),
    );
  return out;
}

function companyOfficers(app: RegistrationApplication, form: EntityForm): Reason[] {
  const out: Reason[] = [];
  const basis = BOARD[form.governance === 'jsc' ? 'jsc' : 'llc'];
  const directors = app.directors.length;
  if (directors === 0)
    out.push(
      reason(
        'directors-missing',
        'block',
        'directors',
        '公司应当设董事会或者一名董事',
        'A company has a board of directors or one director',
        basis.directors,
      ),
    );
  else if (directors === 2)
    out.push(
      reason(
        'directors-board-size',
        'block',
        'directors',
        '董事会成员为三人以上；不设董事会的，设一名董事',
        'A board has three or more directors; without a board, the company has one director',
        basis.directors,
      ),
    );

  const supervisors = app.supervisors.length;
  const exemption = app.supervisorExemption;
  if (exemption && !form.supervisorExemptions.includes(exemption))
    out.push(
      reason(
        'supervisor-exemption-not-allowed',
        'block',
        'supervisorExemption',
        '经全体股东一致同意不设监事仅适用于有限责任公司',
        "Doing without a supervisor by all shareholders' consent is for limited liability companies only",
        '《公司法》第八十三条、第一百二十一条',
      ),
    );
  if (supervisors === 0 && !exemption)
    out.push(
      reason(
        'supervisor-missing',
        'block',
        'supervisors',
        '公司应当设监事会或者一名监事；不设的，应当说明依据（全体股东一致同意或设审计委员会）',
        'A company has a board of supervisors or one supervisor, unless it states why not (all shareholders agree, or an audit committee)',
        basis.supervisors,
      ),
    );
  else if (supervisors === 2)
    out.push(
      reason(
        'supervisors-board-size',
        'block',
        'supervisors',
        '监事会成员为三人以上；不设监事会的，设一名监事',
        'A board of supervisors has three or more members; without one, the company has one supervisor',
        basis.supervisors,
      ),
    );

  // Directors and senior managers (经理, 财务负责人: 第二百六十五条) may not also supervise themselves.
  const managers = [...app.directors, app.manager, app.financialOfficer].filter((p): p is Person => !!p);
  app.supervisors.forEach((s, i) => {
    if (managers.some((m) => same(m, s)))
      out.push(
        reason(
          'supervisor-conflict',
          'block',
          `supervisors.${i}`,
          '董事、高级管理人员不得兼任监事',
          'A director or senior manager may not also be a supervisor',
          '《公司法》第七十六条、第一百三十条',
        ),
      );
  });

  if (form.managerRequired && !app.manager)
    out.push(
      reason(
        'manager-missing',
        'block',
        'manager',
        '股份有限公司设经理',
        'A joint stock company has a manager',
        '《公司法》第一百二十六条',
      ),
    );

  const rep = app.legalRepresentative;
  if (!app.directors.some((d) => same(d, rep)) && !(app.manager && same(app.manager, rep)))
    out.push(
      reason(
        'legal-representative-not-director-or-manager',
        'block',
        'legalRepresentative',
        '法定代表人由代表公司执行公司事务的董事或者经理担任',
        'The legal representative is the director who acts for the company, or the manager',
        '《公司法》第十条',
      ),
    );
  return out;
}
