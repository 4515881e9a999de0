import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createDb } from '../db/client';
import { applyMigrations } from '../db/migrate';
import { seedDemoData } from '../db/seed/seed-demo';
import { findFreePort } from './ports';
import { LocalPostgres } from './postgres-cluster';
import { TemporalDevServer } from './temporal-dev-server';
import { TemporalSqlServer } from './temporal-sql-server';

/**
 * A throwaway PostgreSQL and Temporal server on free ports in a temporary folder, migrated and
 * seeded: for the test suite and the benchmarks, which must never touch a running `npm start`.
 * Temporal is the CLI's dev server (in memory), or with TEMPORAL_PERSISTENCE=postgresql the
 * Temporal Server as production runs it, its persistence in the same PostgreSQL cluster.
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
  const temporal =
    process.env.TEMPORAL_PERSISTENCE === 'postgresql'
      ? new TemporalSqlServer({
          port: await findFreePort(),
          postgres: { host: '127.0.0.1', port: postgres.port, user: postgres.user, password: postgres.password },
          rootDir: path.join(root, 'temporal'),
        })
      : new TemporalDevServer({ port: await findFreePort(), logFile: path.join(root, 'temporal.log') });
  const stopServers = () => Promise.allSettled([temporal.stop(), postgres.stop()]);
  try {
    if (temporal instanceof TemporalSqlServer) {
      await postgres.start(); // Temporal keeps its state there
      await temporal.start();
    } else await Promise.all([postgres.start(), temporal.start()]);
    await applyMigrations(postgres.url);
    const db = createDb(postgres.url, { maxConnections: 2 });
    await seedDemoData(db);
    await db.$disconnect();
  } catch (error) {
    // A server that started is not left running when the other could not (jest runs no teardown
    // then); the folder stays, with the logs the error names.
    await stopServers();
    throw error;
  }

  return {
    databaseUrl: postgres.url,
    temporalAddress: temporal.address,
    root,
    async stop() {
      await stopServers();
      fs.rmSync(root, { recursive: true, force: true });
    },
  };
}
