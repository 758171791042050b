/**
 * Which registration authority may register the business (登记管辖): the one where its domicile is
 * (市场主体登记管理条例实施细则 第十条), at the level its entity type needs (第四条: a joint stock company
 * at prefecture level or above). The authority is the division the name was reserved at. A refusal names
 * the competent authority, so the applicant knows where to go.
 */
import { authorityScope, type DivisionIndex, loadDivisions, NATIONAL_AUTHORITY } from '../names/divisions.ts';
import { type Reason, type RegistrationApplication, reason } from './types.ts';

const DOMICILE_BASIS = '《市场主体登记管理条例实施细则》第十条';
const LEVEL_BASIS = '《市场主体登记管理条例实施细则》第四条';

/**
 * `authority` is the registration authority's division (the reservation's). Its jurisdiction follows
 * `authorityScope`: all authorities of one prefecture-level city are one scope, a municipality is one,
 * a provincial authority covers its province, the national authority the country.
 */
export function checkJurisdiction(
  app: RegistrationApplication,
  authority: string,
  divisions: DivisionIndex = loadDivisions(),
): Reason[] {
  const out: Reason[] = [];
  const domicile = app.domicile.division;
  if (!divisions.get(domicile))
    return [
      reason(
        'domicile-division-unknown',
        'block',
        'domicile.division',
        `住所的行政区划代码 ${domicile} 不是现行的 GB/T 2260 代码`,
        `The domicile's division ${domicile} is not a current GB/T 2260 code`,
        'GB/T 2260',
      ),
    ];
  if (!within(domicile, authority, divisions)) {
    const competent = authorityScope(domicile, divisions);
    const name = placeName(competent, divisions);
    out.push(
      reason(
        'domicile-out-of-jurisdiction',
        'block',
        'domicile.division',
        `住所位于${placeName(domicile, divisions)}，不属于${authorityName(authority, divisions)}登记机关的管辖范围；应当向住所所在地${name}（${competent}）的登记机关申请登记`,
        `The domicile is in ${placeName(domicile, divisions)}, outside the jurisdiction of the registration authority of ${authorityName(authority, divisions)}: register with the authority of ${name} (${competent}), where the domicile is`,
        DOMICILE_BASIS,
      ),
    );
  }
  if (app.entityType === 'joint_stock_company' && belowPrefecture(authority, divisions)) {
    const competent = authorityScope(authority, divisions);
    const name = placeName(competent, divisions);
    out.push(
      reason(
        'authority-level-insufficient',
        'block',
        'reservationId',
        `股份有限公司由设区的市级以上登记机关登记；${authorityName(authority, divisions)}登记机关为县级，应当向${name}（${competent}）的登记机关申报名称并申请登记`,
        `A joint stock company registers with an authority at prefecture level or above; the authority of ${authorityName(authority, divisions)} is a county's: declare the name and register with the authority of ${name} (${competent})`,
        LEVEL_BASIS,
      ),
    );
  }
  return out;
}

function within(domicile: string, authority: string, divisions: DivisionIndex): boolean {
  if (authority === NATIONAL_AUTHORITY) return true;
  if (divisions.get(authority)?.level === 'province') return divisions.isWithin(domicile, authority);
  return authorityScope(domicile, divisions) === authorityScope(authority, divisions);
}

/**
 * A county-level authority under a prefecture. The districts and counties of a municipality are of
 * prefecture rank (地级), and a county-level city directly under its province works at prefecture level
 * (it is a scope of its own): neither is below.
 */
function belowPrefecture(authority: string, divisions: DivisionIndex): boolean {
  const d = divisions.get(authority);
  if (d?.level !== 'county' || !d.parent || divisions.isMunicipality(d.parent)) return false;
  return authorityScope(authority, divisions) !== authority;
}

/** 广东省深圳市南山区: the names from the province down. */
function placeName(code: string, divisions: DivisionIndex): string {
  const names: string[] = [];
  for (let d = divisions.get(code); d; d = d.parent ? divisions.get(d.parent) : undefined)
    names.unshift(d.name);
  return names.join('') || code;
}

function authorityName(authority: string, divisions: DivisionIndex): string {
  return authority === NATIONAL_AUTHORITY ? '国家' : placeName(authority, divisions);
}
