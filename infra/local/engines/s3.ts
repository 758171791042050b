/** s3rver: an S3 API on loopback, its objects on disk under the data directory (or a temporary one). */
import { mkdirSync } from 'node:fs';
import S3rver from 's3rver';
import { freePort } from './ports.ts';

export interface S3Engine {
  endpoint: string;
  stop(): Promise<void>;
}

export async function startS3(directory: string): Promise<S3Engine> {
  mkdirSync(directory, { recursive: true });
  const port = await freePort();
  const server = new S3rver({ port, address: '127.0.0.1', directory, silent: true });
  await server.run();
  return { endpoint: `http://127.0.0.1:${port}`, stop: () => server.close() };
}
