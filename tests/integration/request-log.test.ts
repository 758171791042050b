/**
 * The local server's own answers (no route, a method the route does not serve, no valid token, engines
 * still starting) each log the one `request` line a handler logs for its answers (tests/unit/http-stack):
 * by route id, never the path, which can carry an identity number. A server of the test's own, on
 * loopback, so that its lines are this process's.
 */
import type { Server } from 'node:http';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { logger } from '#adapters/logger';
import { ROUTES } from '#contract/routes';
import { createApiServer, listen } from '../../infra/local/http-server.ts';
import type { LocalIssuer } from '../../infra/local/identity.ts';
import { RateLimiter } from '../../infra/local/rate-limit.ts';

const ID_NUMBER = '11010519491231002X';

describe("the local server's request lines", () => {
  let server: Server;
  let url: string;
  let ready = true;
  const written: string[] = [];

  beforeAll(async () => {
    const issuer: LocalIssuer = {
      issuer: 'test',
      sign: async () => 'token',
      verify: async () => {
        throw new Error('not a token');
      },
    };
    server = createApiServer({
      routes: ROUTES,
      issuer,
      isReady: () => ready,
      rateLimit: new RateLimiter(0, 0),
    });
    url = await listen(server, 0);
    logger.setLogLevel('INFO');
  });

  afterAll(async () => {
    logger.setLogLevel((process.env.LOG_LEVEL as 'WARN' | undefined) ?? 'WARN');
    await new Promise((resolve) => server.close(resolve));
  });

  afterEach(() => vi.restoreAllMocks());

  const requestLines = () =>
    written
      .join('\n')
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .map((l) => JSON.parse(l) as Record<string, unknown>)
      .filter((l) => l.message === 'request');

  it('logs one line for each answer the server gives itself, with no path', async () => {
    for (const stream of [process.stdout, process.stderr])
      vi.spyOn(stream, 'write').mockImplementation((chunk) => {
        written.push(String(chunk));
        return true;
      });
    const send = async (method: string, path: string, token?: string) =>
      (
        await fetch(`${url}${path}`, {
          method,
          headers: token ? { authorization: `Bearer ${token}` } : {},
        })
      ).status;
    const statuses = [
      await send('GET', `/v1/people/${ID_NUMBER}`),
      await send('DELETE', '/v1/names/check'),
      await send('GET', '/v1/registrations', 'not-a-token'),
    ];
    ready = false;
    statuses.push(await send('GET', '/v1/registrations'));
    ready = true;
    expect(statuses).toEqual([404, 405, 401, 503]);
    expect(requestLines().map((l) => [l.level, l.route, l.method, l.status])).toEqual([
      ['INFO', undefined, 'GET', 404],
      ['INFO', undefined, 'DELETE', 405],
      ['INFO', 'ListRegistrations', 'GET', 401],
      ['ERROR', 'ListRegistrations', 'GET', 503],
    ]);
    for (const line of requestLines()) expect(line.durationMs).toEqual(expect.any(Number));
    expect(written.join('\n')).not.toContain(ID_NUMBER);
    expect(written.join('\n')).not.toContain('/v1/');
  });
});
