/**
 * Capital and contributions: the registered capital is stated where the form has one, in the right
 * currency, the investors' subscriptions add up to it exactly, and each falls due when the law says.
 */
import { type ContributionTerm, ENTITY_FORMS } from './forms.ts';
import { formatMoney, sumAmounts, toCents } from './money.ts';
import { type Money, type Reason, type RegistrationApplication, reason } from './types.ts';

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * The last day of a period of whole years that starts on `date` (民法典 第二百零一条、第二百零二条:
 * the first day is not counted, and the period ends on the corresponding day of the last year, or
 * the month's last day when there is none). Five years from 2026-03-15 end on 2031-03-15; from
 * 2028-02-29, on 2033-02-28.
 */
export function yearsLater(date: string, years: number): string {
  const m = ISO_DATE.exec(date);
  if (!m) throw new RangeError(`'${date}' is not a YYYY-MM-DD date`);
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const lastDay = new Date(Date.UTC(y + years, mo, 0)).getUTCDate();
  return `${String(y + years).padStart(4, '0')}-${m[2]}-${String(Math.min(d, lastDay)).padStart(2, '0')}`;
}

function assertDate(date: string): void {
  const m = ISO_DATE.exec(date);
  const day = m ? new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))) : undefined;
  if (!day || day.toISOString().slice(0, 10) !== date)
    throw new RangeError(`establishedOn '${date}' is not a YYYY-MM-DD date`);
}

/**
 * Every capital finding: the registered capital itself, then each investor's subscription (more than
 * zero, in the capital's currency, due when the form's rule allows), then the sum. A missing capital
 * does not hide the investors' findings: the applicant hears of all of them at once.
 */
export function checkCapital(app: RegistrationApplication, establishedOn: string): Reason[] {
  assertDate(establishedOn);
  const form = ENTITY_FORMS[app.entityType];
  const capital = app.registeredCapital;

  if (!form.hasCapital)
    return capital
      ? [
          reason(
            'capital-not-applicable',
            'block',
            'registeredCapital',
            '个体工商户不登记注册资本',
            'An individual business registers no capital',
            '《市场主体登记管理条例》第八条',
          ),
        ]
      : [];
  const out: Reason[] = capital
    ? statedCapital(capital, form.foreignCurrency)
    : [
        reason(
          'capital-missing',
          'block',
          'registeredCapital',
          '应当申报注册资本（出资额）',
          'The registered capital (total contributions) must be stated',
          '《市场主体登记管理条例》第八条',
        ),
      ];

  let sameCurrency = true;
  app.investors.forEach((inv, i) => {
    const at = `investors.${i}`;
    if (toCents(inv.subscribedAmount.amount) === 0n)
      out.push(
        reason(
          'contribution-not-positive',
          'block',
          `${at}.subscribedAmount.amount`,
          '认缴出资额应当大于零',
          'A subscribed contribution must be more than zero',
        ),
      );
    if (capital && inv.subscribedAmount.currency !== capital.currency) {
      sameCurrency = false;
      out.push(
        reason(
          'contribution-currency',
          'block',
          `${at}.subscribedAmount.currency`,
          `认缴出资的币种应当与注册资本一致（${capital.currency}）`,
          `A contribution is stated in the currency of the registered capital (${capital.currency})`,
        ),
      );
    }
    out.push(...checkDeadline(form.term, inv.contributionDeadline, establishedOn, at));
  });

  if (capital && sameCurrency && app.investors.length > 0) {
    const total = sumAmounts(app.investors.map((inv) => inv.subscribedAmount.amount));
    if (toCents(total) !== toCents(capital.amount)) {
      const sum = formatMoney({ amount: total, currency: capital.currency });
      out.push(
        reason(
          'contribution-sum',
          'block',
          'registeredCapital.amount',
          `全体投资人认缴出资额合计 ${sum}，与注册资本 ${formatMoney(capital)} 不一致`,
          `The investors' contributions add up to ${sum}, not the registered capital of ${formatMoney(capital)}`,
          '《公司法》第四十七条',
        ),
      );
    }
  }
  return out;
}

function statedCapital(capital: Money, foreignCurrency: boolean): Reason[] {
  const out: Reason[] = [];
  if (toCents(capital.amount) === 0n)
    out.push(
      reason(
        'capital-not-positive',
        'block',
        'registeredCapital.amount',
        '注册资本应当大于零',
        'The registered capital must be more than zero',
      ),
    );
  if (!foreignCurrency && capital.currency !== 'CNY')
    out.push(
      reason(
        'capital-currency',
        'block',
        'registeredCapital.currency',
        '注册资本（出资额）以人民币表示；仅外商投资企业可以用可自由兑换的货币表示',
        'Capital is stated in CNY; only a foreign-invested enterprise may use a convertible currency',
        '《市场主体登记管理条例》第十三条',
      ),
    );
  return out;
}

/**
 * The form's rule for when a contribution falls due (forms.ts `term`): a limited liability company's
 * shareholders state a deadline within five years of establishment (公司法 第四十七条; a foreign-invested
 * company takes the same form); a joint stock company's promoters pay in full before establishment
 * (第九十八条), so a deadline, where given, is not after it; partners, members and a sole investor agree
 * theirs.
 */
function checkDeadline(
  term: ContributionTerm,
  deadline: string | undefined,
  establishedOn: string,
  at: string,
): Reason[] {
  const path = `${at}.contributionDeadline`;
  if (term === 'five_years') {
    if (!deadline)
      return [
        reason(
          'contribution-deadline-missing',
          'block',
          path,
          '有限责任公司股东应当载明出资期限',
          "Each shareholder of a limited liability company states the contribution's deadline",
          '《公司法》第四十六条、第四十七条',
        ),
      ];
    // Capital is paid in after the company exists: a deadline already past is no deadline to pay by.
    if (deadline < establishedOn)
      return [
        reason(
          'contribution-deadline-past',
          'block',
          path,
          `出资期限不得早于公司成立之日（${establishedOn}）`,
          `The contribution deadline cannot fall before the company is established (${establishedOn})`,
          '《公司法》第四十七条',
        ),
      ];
    const last = yearsLater(establishedOn, 5);
    if (deadline > last)
      return [
        reason(
          'contribution-deadline-five-years',
          'block',
          path,
          `认缴出资应当自公司成立之日起五年内缴足（不晚于 ${last}）`,
          `Subscribed capital is paid within five years of establishment (by ${last})`,
          '《公司法》第四十七条',
        ),
      ];
  }
  if (term === 'before_establishment' && deadline && deadline > establishedOn)
    return [
      reason(
        'contribution-after-establishment',
        'block',
        path,
        `股份有限公司发起人应当在公司成立前全额缴纳股款（不晚于 ${establishedOn}）`,
        `Promoters of a joint stock company pay for their shares in full before establishment (by ${establishedOn})`,
        '《公司法》第九十八条',
      ),
    ];
  return [];
}
