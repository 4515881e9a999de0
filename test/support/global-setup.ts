import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createDb } from '../../db/client';
import { applyMigrations } from '../../db/migrate';
import { seedDemoData } from '../../db/seed/seed-demo';
import { findFreePort } from '../../infra/ports';
import { LocalPostgres } from '../../infra/postgres-cluster';
import { TemporalDevServer } from '../../infra/temporal-dev-server';

/**
 * One real PostgreSQL and one real Temporal dev server for the whole run, on free ports and in a
 * temporary folder, so a running `npm start` is never touched. Workers inherit the env vars set here.
 */
export default async function globalSetup(): Promise<void> {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'coordination-test-'));
  fs.chmodSync(root, 0o755); // the postgres system user must reach its data folder inside
  const postgres = new LocalPostgres({ dataDir: path.join(root, 'pg'), port: await findFreePort(), ephemeral: true });
  const temporal = new TemporalDevServer({ port: await findFreePort(), logFile: path.join(root, 'temporal.log') });
  await Promise.all([postgres.start(), temporal.start()]);

  await applyMigrations(postgres.url);
  const db = createDb(postgres.url, { maxConnections: 2 });
  await seedDemoData(db);
  await db.$disconnect();

  process.env.TEST_DATABASE_URL = postgres.url;
  process.env.TEST_TEMPORAL_ADDRESS = temporal.address;
  process.env.TEST_TMP_ROOT = root;
  process.env.SCARF_ANALYTICS = 'false';
  (globalThis as Record<string, unknown>).__testServers = { postgres, temporal, root };
}
