import fs from 'node:fs';
import type { LocalPostgres } from '../../infra/postgres-cluster';
import type { TemporalDevServer } from '../../infra/temporal-dev-server';

export default async function globalTeardown(): Promise<void> {
  const servers = (globalThis as Record<string, unknown>).__testServers as
    | { postgres: LocalPostgres; temporal: TemporalDevServer; root: string }
    | undefined;
  if (!servers) return;
  await Promise.allSettled([servers.temporal.stop(), servers.postgres.stop()]);
  fs.rmSync(servers.root, { recursive: true, force: true });
}
