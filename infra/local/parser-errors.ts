/**
 * Requests Node's HTTP parser refuses before any route or handler runs: answered on the raw socket with
 * problem+json, as every other bad request is.
 */
import type { Server } from 'node:http';
import { logger } from '#adapters/logger';
import { MAX_HEADER_BYTES } from './http-server.ts';

/** The raw answer to a request Node's parser refused: no handler, no route, just problem+json. */
function parserProblem(code: string | undefined): string {
  const tooLarge = code === 'HPE_HEADER_OVERFLOW';
  const [status, reason, slug] = tooLarge
    ? [431, 'Request Header Fields Too Large', 'headers-too-large']
    : [400, 'Bad Request', 'bad-request'];
  const body = JSON.stringify({
    type: `urn:one-stop-registry:problem:${slug}`,
    title: tooLarge ? 'Request header fields too large' : 'Bad request',
    status,
    detail: tooLarge
      ? `request headers are limited to ${MAX_HEADER_BYTES} bytes`
      : 'the request could not be parsed: percent-encode non-ASCII characters in the path and query',
  });
  return `HTTP/1.1 ${status} ${reason}\r\ncontent-type: application/problem+json\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`;
}

/**
 * Requests Node's parser refuses before any handler runs still get problem+json, as every other bad
 * request does: 431 for headers over the limit, 400 for the rest (raw non-ASCII in the request line,
 * malformed headers).
 */
export function answerParserErrors(server: Server): void {
  server.on('clientError', (error: NodeJS.ErrnoException, socket) => {
    if (!socket.writable) return;
    socket.end(parserProblem(error.code));
    if (error.code !== 'ECONNRESET' && error.code !== 'HPE_HEADER_OVERFLOW')
      logger.warn('unparseable request', { code: error.code });
  });
}
