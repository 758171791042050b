/**
 * Validation of a registration application against the law of its form: every reason at once, so
 * the applicant corrects everything in one round (一次性告知). The schema has already checked shapes;
 * these are the rules that need the whole application, the catalogue, the date of establishment or the
 * registration authority, and none needs a store: they are answered at submission.
 */
import { checkCapacity } from './capacity.ts';
import { checkCapital } from './capital.ts';
import { scopeItem } from './catalogue.ts';
import { checkGovernance } from './governance.ts';
import { checkJurisdiction } from './jurisdiction.ts';
import { checkParties } from './parties.ts';
import { type Reason, type RegistrationApplication, reason } from './types.ts';

export interface ValidationContext {
  /**
   * The day the enterprise would be established (YYYY-MM-DD, Beijing): the five-year rule counts from
   * it, and the parties' ages are taken on it. The caller passes it: the domain reads no clock.
   */
  establishedOn: string;
  /** The registration authority's division: the one the name was reserved at. */
  authority: string;
}

/**
 * Every reason, in a stable order: jurisdiction, capital, parties, their capacity, officers, business
 * scope. A `block` reason stops the application; a `warn` sends the case to an examiner; an `info` is for
 * the applicant only. Everything here is decided without I/O, so it is answered at submission; the
 * workflow runs it again before it consumes the reservation.
 */
export function validateApplication(app: RegistrationApplication, ctx: ValidationContext): Reason[] {
  return [
    ...checkJurisdiction(app, ctx.authority),
    ...checkCapital(app, ctx.establishedOn),
    ...checkParties(app),
    ...checkCapacity(app, ctx.establishedOn),
    ...checkGovernance(app),
    ...checkScope(app),
  ];
}

/**
 * Business scope items come from the catalogue (经营范围规范表述). An item needing approval before
 * registration (前置审批) is flagged for the examiner; one needing a licence after registration is
 * told to the applicant, who may not operate that item until licensed.
 */
export function checkScope(app: RegistrationApplication): Reason[] {
  const out: Reason[] = [];
  const seen = new Set<string>();
  app.businessScope.forEach((code, i) => {
    const path = `businessScope.${i}`;
    if (seen.has(code)) {
      out.push(
        reason(
          'scope-duplicate',
          'block',
          path,
          `经营范围条目 ${code} 重复`,
          `Business scope item ${code} is listed twice`,
        ),
      );
      return;
    }
    seen.add(code);
    const item = scopeItem(code);
    if (!item) {
      out.push(
        reason(
          'scope-unknown',
          'block',
          path,
          `经营范围条目 ${code} 不在经营范围规范表述目录中`,
          `Business scope item ${code} is not in the catalogue`,
          '《经营范围登记管理规定》（2023）',
        ),
      );
      return;
    }
    if (item.preApproval)
      out.push(
        reason(
          'scope-pre-approval',
          'warn',
          path,
          `“${item.name}”属于登记前置审批事项，应当提交批准文件，由登记人员审查`,
          `"${item.name}" needs approval before registration: the approval is filed and an examiner checks it`,
          '《市场主体登记管理条例》第十四条',
        ),
      );
    else if (item.licensed)
      out.push(
        reason(
          'scope-licensed',
          'info',
          path,
          `“${item.name}”属于许可项目，取得许可后方可开展该项经营`,
          `"${item.name}" needs a licence after registration before that business starts`,
          '《市场主体登记管理条例》第十四条',
        ),
      );
  });
  return out;
}
