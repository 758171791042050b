/**
 * The short forms under which a division appears in enterprise names: 深圳市 → 深圳, 广东省 → 广东,
 * 新疆维吾尔自治区 → 新疆, 恩施土家族苗族自治州 → 恩施. Applicants write the short form at least as
 * often as the full one, and both must be recognised as the same region.
 */

/** China's 55 recognised minorities; autonomous divisions append one or more of them to the place name. */
const MINORITIES = (
  '蒙古 回 藏 维吾尔 苗 彝 壮 布依 朝鲜 满 侗 瑶 白 土家 哈尼 哈萨克 傣 黎 傈僳 佤 畲 高山 拉祜 水 东乡 纳西 景颇 ' +
  '柯尔克孜 土 达斡尔 仫佬 羌 布朗 撒拉 毛南 仡佬 锡伯 阿昌 普米 塔吉克 怒 乌孜别克 俄罗斯 鄂温克 德昂 保安 ' +
  '裕固 京 塔塔尔 独龙 鄂伦春 赫哲 门巴 珞巴 基诺'
).split(' ');

/**
 * The endings to strip, longest first. A one-character people (回, 藏, 白) is stripped only with
 * 族, so that a place name that merely ends in that character keeps it.
 */
const MINORITY_ENDINGS = MINORITIES.flatMap((m) => (m.length > 1 ? [`${m}族`, m] : [`${m}族`])).sort(
  (a, b) => b.length - a.length,
);
const MINORITY_WORDS = new Set(MINORITY_ENDINGS);

const AUTONOMOUS = ['自治区', '自治州', '自治县', '自治旗'];

/** Plain endings, longest first. 新区 before 区 so that 浦东新区 gives 浦东, not 浦东新. */
const PLAIN = ['特别行政区', '地区', '新区', '林区', '特区', '省', '市', '盟', '区', '县', '旗'];

/** Banners named by direction (土默特左旗, 科尔沁右翼前旗): their stems are no name anyone writes. */
const DIRECTIONAL_BANNER = /[左右前后中]旗$/;

/** Strips the peoples an autonomous division names after its place name (海西蒙古族藏族 → 海西). */
function stripMinorities(stem: string): string {
  let rest = stem;
  for (let changed = true; changed; ) {
    changed = false;
    for (const ending of MINORITY_ENDINGS) {
      // Keep at least two characters: 内蒙古 must not lose 蒙古.
      if (rest.endsWith(ending) && rest.length - ending.length >= 2) {
        rest = rest.slice(0, -ending.length);
        changed = true;
        break;
      }
    }
  }
  return rest;
}

/**
 * The short form of a division name, or null when there is none worth recognising: no one-character
 * forms (赵县 stays 赵县), none for a division named only after a people (鄂温克族自治旗).
 */
export function shortFormOf(name: string): string | null {
  let stem: string | null = null;
  const autonomous = AUTONOMOUS.find((s) => name.endsWith(s));
  if (autonomous) {
    stem = stripMinorities(name.slice(0, -autonomous.length));
    if (MINORITY_WORDS.has(stem)) return null;
  } else if (!DIRECTIONAL_BANNER.test(name)) {
    const plain = PLAIN.find((s) => name.endsWith(s));
    if (plain) stem = name.slice(0, -plain.length);
  }
  if (stem === null || stem.length < 2 || stem === name) return null;
  return stem;
}
