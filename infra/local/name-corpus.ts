/**
 * A deterministic generator of realistic existing enterprise names for one authority scope, for demos and
 * benchmarks: region + a two-to-four-character trade name from characters common in trade names + an
 * industry word from the seed vocabulary + an organization form. Every name passes the naming rules and
 * has a lock key of its own, as registered names do.
 */
import { CREDIT_CODE_ALPHABET, composeCreditCode } from '#domain/credit-code';
import { loadDivisions } from '#domain/names/divisions';
import { loadNamingCatalog, type NameParts } from '#domain/names/parse';
import { checkNameRules } from '#domain/names/rules';
import type { NameLockKey } from '#domain/reservation';
import industries from '#seeds/names/industries.json' with { type: 'json' };

const TRADE_CHARACTERS = [
  ...'华盛达鑫泰恒瑞祥宏昌隆兴源丰德信诚安康福顺发荣光明辉宇航星辰海洋金银玉宝峰山川河湖林森松柏竹梅兰菊荷莲云雨雪霜雷龙凤麟鹏鹤燕鸿雁博雅文艺思远志坚卓越创智慧优选精佳美丽秀清正和平万千百方圆众合利润泽惠嘉瀚汇鼎尚锦绣朗骏翔腾飞驰跃凯旋胜捷迅畅通远舟帆桥亭阁轩斋苑庭谷溪泉潭湾洲屿岭崖晨曦晖耀灿煜炜烨琦琪瑶璐珂珊瑾瑜璟珑瑛蓝青翠碧紫彤丹朱赤橙黄绿墨白素洁净澄澈湛渊深沛涵润浩淼沧澜涛波浪潮汐汀渚沙石岩磐砺铭锐钧铎锋钰镇钢铁锡铜坤乾艮巽震兑离坎易象',
];
const FORMS = [
  '有限公司',
  '有限公司',
  '有限公司',
  '有限公司',
  '有限公司',
  '有限公司',
  '有限公司',
  '有限责任公司',
  '有限责任公司',
  '股份有限公司',
];

/** Park–Miller: small, fast, and the same names for the same seed on every machine. */
function random(seed: number) {
  let s = seed % 2147483647 || 1;
  return () => {
    s = (s * 48271) % 2147483647;
    return s / 2147483647;
  };
}

export interface CorpusName {
  name: string;
  division: string;
  creditCode: string;
  parts: NameParts;
  lock: NameLockKey;
}

function creditCodeFor(division: string, n: number): string {
  let body = '';
  for (let i = 0, v = n; i < 6; i++, v = Math.floor(v / 31)) body = CREDIT_CODE_ALPHABET[v % 31] + body;
  return composeCreditCode({
    authorityCode: '9',
    entityTypeCode: '1',
    division,
    organizationBody: `MB${body}`,
  });
}

/** `count` distinct names registered under the authority `division` (a prefecture or municipality). */
export function* generateNames(division: string, count: number, seed = 1): Generator<CorpusName> {
  const deps = { catalog: loadNamingCatalog(), divisions: loadDivisions() };
  const region = deps.divisions.get(division)?.name;
  if (!region) throw new RangeError(`unknown division ${division}`);
  const next = random(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)]!;
  const words = industries.entries.map((e) => e.word);
  const taken = new Set<string>();
  let made = 0;
  for (let attempt = 0; made < count && attempt < count * 20; attempt++) {
    const length = next() < 0.15 ? 2 : next() < 0.65 ? 3 : 4;
    let trade = '';
    for (let i = 0; i < length; i++) trade += pick(TRADE_CHARACTERS);
    const name = `${region}${trade}${pick(words)}${pick(FORMS)}`;
    const rules = checkNameRules(name, division, deps);
    if (rules.findings.some((f) => f.severity === 'block')) continue;
    const key = `${rules.key.tradeKey}|${rules.key.industryClass}`;
    if (taken.has(key) || taken.has(`${rules.key.tradeKey}|null`)) continue;
    taken.add(key);
    yield {
      name,
      division,
      creditCode: creditCodeFor(division, seed * 1_000_000 + made),
      parts: rules.parts,
      lock: rules.key,
    };
    made++;
  }
  if (made < count) throw new Error(`could only make ${made} distinct names of ${count} for ${division}`);
}
