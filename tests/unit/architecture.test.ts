/**
 * The house rules that an import graph cannot show (the arrows are .dependency-cruiser.cjs's): the domain
 * reads no clock and no environment, and every TypeScript source file stays small enough to hold one idea.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '#contract/workflows';

function sources(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) return entry === 'node_modules' ? [] : sources(path);
    return path.endsWith('.ts') ? [path] : [];
  });
}

const at = (dir: string) => join(REPO_ROOT, dir);
const lines = (path: string) => readFileSync(path, 'utf8').split('\n').length;

describe('the house', () => {
  it('has a domain that reads no clock and no environment', () => {
    const offending = sources(at('functions/domain')).filter((file) =>
      /Date\.now\(|new Date\(\)|process\.env/.test(readFileSync(file, 'utf8')),
    );
    expect(offending.map((f) => relative(REPO_ROOT, f))).toEqual([]);
  });

  it('keeps every TypeScript source file under 350 lines', () => {
    const big = ['functions', 'infra', 'tests', 'bench', 'scripts', 'bin']
      .flatMap((dir) => sources(at(dir)))
      .filter((file) => lines(file) > 350)
      .map((file) => `${relative(REPO_ROOT, file)}: ${lines(file)} lines`);
    expect(big).toEqual([]);
  });
});
