/**
 * HEAD through the HTTP stack, as the cloud's HEAD routes and the local server deliver it: the GET
 * route's status and headers, the length of the body it would have sent, and no body; a problem too.
 */
import { describe, expect, it } from 'vitest';
import { memoryPorts } from '#adapters/memory/ports';
import { handlers } from '#api/licenses';
import { ROUTES } from '#contract/routes';
import { servesHead } from '#contract/routes/types';
import { context, event } from '../api/support.ts';

type Response = {
  statusCode: number;
  headers: Record<string, string>;
  body?: string;
  isBase64Encoded?: boolean;
};

describe('HEAD', () => {
  const api = handlers(memoryPorts());

  it('answers as GET does without the body, saying its length', async () => {
    const got = (await api.jwks(event({ method: 'GET' }), context)) as Response;
    const head = (await api.jwks(event({ method: 'HEAD' }), context)) as Response;
    expect(head.statusCode).toBe(200);
    expect(head.body).toBeUndefined();
    expect(head.headers).toMatchObject({
      'content-type': got.headers['content-type'],
      'cache-control': got.headers['cache-control'],
      'content-length': String(Buffer.byteLength(got.body!)),
    });
  });

  it('answers a problem without its body too', async () => {
    const head = (await api.statusList(
      event({ method: 'HEAD', path: { listId: 'nope' } }),
      context,
    )) as Response;
    expect(head.statusCode).toBe(404);
    expect(head.body).toBeUndefined();
    expect(Number(head.headers['content-length'])).toBeGreaterThan(0);
  });

  it('is served on every public GET route and on nothing else', () => {
    const heads = ROUTES.filter(servesHead);
    expect(heads.map((r) => r.id)).toEqual(expect.arrayContaining(['Jwks', 'GetStatusList', 'GetLicense']));
    expect(heads.every((r) => r.method === 'GET' && r.access === 'public')).toBe(true);
  });
});
