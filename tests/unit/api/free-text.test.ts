/**
 * What a request may not slip into the record or the answer: control and bidi formatting characters in a
 * free-text reason are refused at the schema (400 at the field), and a problem's detail that quotes the
 * path shows them as U+FFFD instead of echoing them.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { memoryPorts } from '#adapters/memory/ports';
import { handlers } from '#api/departments';
import { NameCorrectionRequest } from '#contract/schemas/enterprises';
import { ReviewDecisionRequest } from '#contract/schemas/reviews';
import { context, errorPaths, event } from './support.ts';

beforeEach(() => {
  vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
  vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
});
afterEach(() => vi.restoreAllMocks());

const operator = { sub: 'op-li', role: 'operator' };
const RLO = '\u202E';

describe('free-text reasons', () => {
  it('refuses a skip reason with a NUL or a bidi override at body.reason, before anything is read', async () => {
    const { skip } = handlers(memoryPorts());
    for (const reason of ['by hand\u0000', `${RLO}dnah yb`, 'bell\u0007', 'c1\u0085']) {
      const r = await skip(event({ path: { id: 'e-1:tax' }, body: { reason }, claims: operator }), context);
      expect(r.statusCode).toBe(400);
      expect(errorPaths(r.body)).toEqual(['body.reason']);
    }
  });

  it('takes a reason as people write it, line breaks and all', async () => {
    const { skip } = handlers(memoryPorts());
    const reason = '税务局已手工登记\n registered by hand\tat the counter';
    const r = await skip(event({ path: { id: 'e-1:tax' }, body: { reason }, claims: operator }), context);
    expect(r.statusCode).toBe(404);
  });

  it('holds every reason a person writes to the same rule', () => {
    expect(NameCorrectionRequest.safeParse({ reason: '名称\u0000不当' }).success).toBe(false);
    expect(NameCorrectionRequest.safeParse({ reason: '名称不当' }).success).toBe(true);
    const decision = { decision: 'reject', reason: `${RLO}理由` };
    expect(ReviewDecisionRequest.safeParse(decision).success).toBe(false);
  });
});

describe('problem details that quote the request', () => {
  it('shows a bidi override taken from the path as U+FFFD, not as itself', async () => {
    const { skip } = handlers(memoryPorts());
    const id = `e-1${RLO}xat:tax`;
    const r = await skip(event({ path: { id }, body: { reason: 'x' }, claims: operator }), context);
    expect(r.statusCode).toBe(404);
    const { detail } = JSON.parse(r.body!) as { detail: string };
    expect(detail).not.toContain(RLO);
    expect(detail).toContain('e-1\uFFFDxat:tax');
  });
});
