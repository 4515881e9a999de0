import { randomBytes } from 'node:crypto';
import path from 'node:path';
import type { Client } from '@temporalio/client';
import pino from 'pino';
import { createApp } from '../../api/app';
import { loadConfig } from '../../config/env';
import type { Db } from '../../db/client';
import { buildActivityDependencies } from '../../worker/activity-dependencies';

/** The real API on a scratch stack, silent, with a throwaway signing key. */
export function benchApp(deps: { db: Db; temporal: Client }, settings: { taskQueue: string; root: string }) {
  return createApp(
    {
      jwtSecret: randomBytes(32).toString('hex'),
      jwtTtlSeconds: 3600,
      taskQueue: settings.taskQueue,
      loginRateLimitPerMinute: 10_000,
      trustProxy: false,
      documentStoreDir: path.join(settings.root, 'documents'),
      documentMaxBytes: 1024 * 1024,
    },
    { ...deps, logger: pino({ level: process.env.BENCH_LOG_LEVEL ?? 'silent' }) },
  );
}

/**
 * The worker's activity dependencies as a deployment has them by default: the tests' helper turns
 * the calendar's cache off (a test edits the calendar and expects the next step to see it), which
 * would cost every step a query a deployment does not make.
 */
export function benchActivityDependencies(db: Db, databaseUrl: string) {
  return buildActivityDependencies(loadConfig({ DATABASE_URL: databaseUrl }), db);
}
