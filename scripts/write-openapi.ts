/**
 * Writes the API's OpenAPI document to a file without a database or Temporal: the web
 * application's typed client is generated from it (scripts/build-web.sh).
 */
import { writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import type { Client } from '@temporalio/client';
import pino from 'pino';
import { createApp } from '../api/app';
import type { Db } from '../db/client';

async function main(target: string): Promise<void> {
  // Nothing is called on these while the routes are declared and the document is served.
  const app = createApp(
    {
      jwtSecret: 'document-only-secret-0123456789-abcdef',
      jwtTtlSeconds: 60,
      taskQueue: 'unused',
      loginRateLimitPerMinute: 1,
      trustProxy: false,
      documentStoreDir: '/nonexistent',
      documentMaxBytes: 1024,
    },
    { db: {} as Db, temporal: {} as Client, logger: pino({ level: 'silent' }) },
  );
  const server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  const { port } = server.address() as AddressInfo;
  const document = await (await fetch(`http://127.0.0.1:${port}/openapi.json`)).text();
  server.close();
  writeFileSync(target, document);
}

main(process.argv[2] ?? 'openapi.json').catch((error: unknown) => {
  process.stderr.write(`${String(error)}\n`);
  process.exit(1);
});
