import fs from 'node:fs';
import path from 'node:path';
import { Client } from 'pg';
import { applyMigrations, migrationsDir, readMigrations } from '../../db/migrate';
import { createEmptyDatabase, testTmpRoot } from '../support/test-env';

async function query<T extends object>(url: string, sql: string): Promise<T[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql)).rows;
  } finally {
    await client.end();
  }
}

it('applies every migration once, with the bookkeeping prisma migrate deploy expects', async () => {
  const url = await createEmptyDatabase('migrate');
  const names = readMigrations().map((m) => m.name);
  expect(await applyMigrations(url)).toEqual(names);
  expect(await applyMigrations(url)).toEqual([]);
  const rows = await query<{ migration_name: string; checksum: string; applied_steps_count: number; finished: boolean }>(
    url,
    'SELECT migration_name, checksum, applied_steps_count, finished_at IS NOT NULL AS finished FROM _prisma_migrations ORDER BY migration_name',
  );
  expect(rows.map((r) => r.migration_name)).toEqual(names);
  expect(rows.every((r) => r.finished && r.applied_steps_count === 1 && /^[0-9a-f]{64}$/.test(r.checksum))).toBe(true);
});

it('applies concurrent runs once (two starts at the same moment)', async () => {
  const url = await createEmptyDatabase('migrate_race');
  const [a, b] = await Promise.all([applyMigrations(url), applyMigrations(url)]);
  expect([...a, ...b].sort()).toEqual(readMigrations().map((m) => m.name));
});

function copyMigrations(into: string): string {
  const dir = path.join(testTmpRoot(), into);
  fs.cpSync(migrationsDir, dir, { recursive: true });
  return dir;
}

it('refuses a migration edited after it was applied', async () => {
  const url = await createEmptyDatabase('migrate_edit');
  const dir = copyMigrations(`edited-${Date.now()}`);
  await applyMigrations(url, dir);
  const first = readMigrations(dir)[0]!;
  fs.appendFileSync(path.join(dir, first.name, 'migration.sql'), '\n-- edited\n');
  await expect(applyMigrations(url, dir)).rejects.toThrow(/was edited after it was applied/);
});

it('rolls a failing migration back completely and records the failure', async () => {
  const url = await createEmptyDatabase('migrate_fail');
  const dir = copyMigrations(`failing-${Date.now()}`);
  fs.mkdirSync(path.join(dir, '99990101000000_broken'));
  fs.writeFileSync(
    path.join(dir, '99990101000000_broken', 'migration.sql'),
    'CREATE TABLE half_done (id INT);\nSELECT no_such_function();\n',
  );
  await expect(applyMigrations(url, dir)).rejects.toThrow(/no_such_function/);
  const tables = await query<{ exists: boolean }>(url, "SELECT to_regclass('half_done') IS NOT NULL AS exists");
  expect(tables[0]?.exists).toBe(false);
  await expect(applyMigrations(url, dir)).rejects.toThrow(/failed earlier and needs an operator/);
});
