import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadDivisions } from '#domain/names/divisions';
import { loadNamingCatalog } from '#domain/names/parse';
import { checkNameRules } from '#domain/names/rules';
import refused from '../../fixtures/names/refused.json' with { type: 'json' };

// The labelled corpus: real registered names with the trade name a reader marks (README beside it).
const deps = { catalog: loadNamingCatalog(), divisions: loadDivisions() };
const corpus = readFileSync(new URL('../../fixtures/names/real-names.tsv', import.meta.url), 'utf8')
  .split('\n')
  .filter((line) => line !== '' && !line.startsWith('#'))
  .map((line) => {
    const [name = '', division = '', tradeName = '', source = ''] = line.split('\t');
    return { name, division, tradeName, source };
  });
const checks = corpus.map((entry) => ({ entry, check: checkNameRules(entry.name, entry.division, deps) }));

describe('the real-name corpus', () => {
  it('holds at least 500 real names, each with its division and source', () => {
    expect(corpus.length).toBeGreaterThanOrEqual(500);
    expect(new Set(corpus.map((e) => e.name)).size).toBe(corpus.length);
    for (const e of corpus) {
      expect(e.source).toMatch(/^(SSE|SZSE|BSE|GSXT)$/);
      expect(deps.divisions.get(e.division)).toBeDefined();
    }
  });

  it('parses at least 95% of trade names exactly as a reader marks them', () => {
    const right = checks.filter(({ entry, check }) => check.parts.tradeName === entry.tradeName).length;
    expect(right / corpus.length).toBeGreaterThanOrEqual(0.95);
  });

  it('refuses exactly the reviewed names, each for the reviewed rules', () => {
    const actual = checks
      .map(({ entry, check }) => ({
        name: entry.name,
        rules: [...new Set(check.findings.filter((f) => f.severity === 'block').map((f) => f.rule))],
      }))
      .filter((r) => r.rules.length > 0);
    expect(actual).toEqual(refused.entries.map(({ name, rules }) => ({ name, rules })));
  });
});
