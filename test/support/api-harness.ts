import { join } from 'node:path';
import { Client, Connection } from '@temporalio/client';
import pino, { type Logger } from 'pino';
import request from 'supertest';
import { createApp, type AppSettings } from '../../api/app';
import type { EmailSender } from '../../notifications';
import { createDb, type Db } from '../../db/client';
import { DEMO_PASSWORD } from '../../db/seed/demo-province';
import { testDatabaseUrl, testDataConverter, testTemporalAddress, testTmpRoot } from './test-env';

export const TEST_JWT_SECRET = 'test-secret-0123456789-0123456789-0123456789';

export interface ApiHarness {
  app: ReturnType<typeof createApp>;
  db: Db;
  temporal: Client;
  tokenFor(username: string): Promise<string>;
  close(): Promise<void>;
}

/**
 * The real app on the real test database and Temporal server; only the HTTP socket is in-process.
 * `temporalAddress` points the app at another address instead, e.g. one where nothing listens;
 * `logger` replaces the silent logger, e.g. the production one writing into a buffer.
 */
export async function startApiHarness(
  overrides: Partial<AppSettings> = {},
  options: { temporalAddress?: string; logger?: Logger; emailSender?: EmailSender } = {},
): Promise<ApiHarness> {
  const db = createDb(testDatabaseUrl(), { maxConnections: 4 });
  const connection = options.temporalAddress
    ? Connection.lazy({ address: options.temporalAddress })
    : await Connection.connect({ address: testTemporalAddress() });
  const temporal = new Client({ connection, dataConverter: testDataConverter() });
  const app = createApp(
    {
      jwtSecret: TEST_JWT_SECRET,
      jwtTtlSeconds: 600,
      taskQueue: 'unused-by-default',
      loginRateLimitPerMinute: 1_000,
      trustProxy: false,
      documentStoreDir: join(testTmpRoot(), 'documents'),
      documentMaxBytes: 1024 * 1024,
      ...overrides,
    },
    { db, temporal, logger: options.logger ?? pino({ level: 'silent' }), ...(options.emailSender ? { emailSender: options.emailSender } : {}) },
  );
  return {
    app,
    db,
    temporal,
    async tokenFor(username: string) {
      const response = await request(app).post('/auth/login').send({ username, password: DEMO_PASSWORD });
      if (response.status !== 200) throw new Error(`login as ${username} failed: ${response.status}`);
      return (response.body as { token: string }).token;
    },
    async close() {
      await connection.close();
      await db.$disconnect();
    },
  };
}
