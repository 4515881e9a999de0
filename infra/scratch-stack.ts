import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createDb } from '../db/client';
import { applyMigrations } from '../db/migrate';
import { seedDemoData } from '../db/seed/seed-demo';
import { findFreePort } from './ports';
import { LocalPostgres } from './postgres-cluster';
import { TemporalDevServer } from './temporal-dev-server';

/**
 * A throwaway PostgreSQL and Temporal dev server on free ports in a temporary folder, migrated and
 * seeded: for the test suite and the benchmarks, which must never touch a running `npm start`.
 */
export interface ScratchStack {
  databaseUrl: string;
  temporalAddress: string;
  root: string;
  stop(): Promise<void>;
}

export async function startScratchStack(label: string): Promise<ScratchStack> {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), `coordination-${label}-`));
  fs.chmodSync(root, 0o755); // the postgres system user must reach its data folder inside
  const postgres = new LocalPostgres({
    dataDir: path.join(root, 'pg'),
    port: await findFreePort(),
    ephemeral: true,
  });
  const temporal = new TemporalDevServer({
    port: await findFreePort(),
    logFile: path.join(root, 'temporal.log'),
  });
  await Promise.all([postgres.start(), temporal.start()]);

  await applyMigrations(postgres.url);
  const db = createDb(postgres.url, { maxConnections: 2 });
  await seedDemoData(db);
  await db.$disconnect();

  return {
    databaseUrl: postgres.url,
    temporalAddress: temporal.address,
    root,
    async stop() {
      await Promise.allSettled([temporal.stop(), postgres.stop()]);
      fs.rmSync(root, { recursive: true, force: true });
    },
  };
}
