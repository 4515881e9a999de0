import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Client } from 'pg';
import { findFreePort } from './ports';
import { LocalPostgres, postgresBinDir } from './postgres-cluster';

/**
 * Backup and restore of the embedded system's state (`npm start`): PostgreSQL (a pg_dump of the
 * cluster), Temporal's history (its SQLite file) and the document store (the files the cases'
 * documents point to). The three are copied while the system is stopped, so they are of one
 * moment: a database ahead of its workflows (or behind them) would leave cases that cannot move.
 * The payload key is never in a backup: Temporal's payloads stay encrypted in it, and a restore
 * needs the same PAYLOAD_ENCRYPTION_KEY (or it among PAYLOAD_PREVIOUS_KEYS) from wherever the
 * operator keeps keys.
 */

/** Where one embedded system keeps its state. */
export interface EmbeddedState {
  /** The PostgreSQL cluster's folder. */
  clusterDir: string;
  /** Temporal's SQLite file. */
  temporalDb: string;
  /** The document store (DOCUMENT_STORE_DIR). */
  documentsDir: string;
}

export interface BackupManifest {
  format: 'coordination-engine-backup/1';
  createdAt: string;
  /** The last migration applied: a restore into older code would not know the newest tables. */
  lastMigration: string | null;
  counts: { cases: number; openSteps: number; documents: number; documentFiles: number };
  /** The ids (never the keys) of the payload keys the system was configured with; the first is the current one. */
  payloadKeyIds: string[];
  files: Record<string, { bytes: number; sha256: string }>;
}

const DUMP = 'postgres.dump';
const TEMPORAL = 'temporal.db';
const DOCUMENTS = 'documents';
const MANIFEST = 'manifest.json';

export class BackupRefused extends Error {}

/** Refuses while the system runs: its postmaster is alive. */
function assertStopped(state: EmbeddedState): void {
  const pidFile = path.join(state.clusterDir, 'postmaster.pid');
  if (!fs.existsSync(pidFile)) return;
  const pid = Number(fs.readFileSync(pidFile, 'utf8').split('\n')[0]);
  try {
    if (pid > 0) process.kill(pid, 0);
    else return;
  } catch {
    return; // a stale file left by a crash
  }
  throw new BackupRefused(
    `PostgreSQL is running (pid ${pid}): stop the system first (Ctrl-C in npm start), so the database, Temporal's history and the documents are of one moment`,
  );
}

/** Runs `work` against the cluster started on a free port, then stops it. */
async function withCluster<T>(clusterDir: string, work: (url: string) => Promise<T>): Promise<T> {
  const postgres = new LocalPostgres({ dataDir: clusterDir, port: await findFreePort(), logFile: path.join(path.dirname(clusterDir), 'backup-postgres.log') });
  await postgres.start();
  try {
    return await work(postgres.url);
  } finally {
    await postgres.stop();
  }
}

function sha256Of(file: string): string {
  return createHash('sha256').update(fs.readFileSync(file)).digest('hex');
}

function filesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)));
}

export async function backup(state: EmbeddedState, target: string, payloadKeyIds: string[]): Promise<BackupManifest> {
  assertStopped(state);
  if (!fs.existsSync(path.join(state.clusterDir, 'PG_VERSION'))) throw new BackupRefused(`no PostgreSQL cluster in ${state.clusterDir}`);
  if (!fs.existsSync(state.temporalDb)) throw new BackupRefused(`no Temporal history at ${state.temporalDb}`);
  if (fs.existsSync(target) && fs.readdirSync(target).length > 0) throw new BackupRefused(`${target} is not empty: a backup goes into a folder of its own`);
  fs.mkdirSync(target, { recursive: true });

  const { lastMigration, counts } = await withCluster(state.clusterDir, async (url) => {
    execFileSync(path.join(postgresBinDir(), 'pg_dump'), ['--format=custom', '--no-owner', `--file=${path.join(target, DUMP)}`, `--dbname=${url}`], { stdio: 'pipe' });
    return describe(url);
  });
  // The server is stopped, so its SQLite file (and a write-ahead log, if one was left) is whole.
  for (const suffix of ['', '-wal', '-shm']) {
    if (fs.existsSync(state.temporalDb + suffix)) fs.copyFileSync(state.temporalDb + suffix, path.join(target, TEMPORAL + suffix));
  }
  const documentFiles = filesUnder(state.documentsDir);
  for (const file of documentFiles) {
    fs.mkdirSync(path.dirname(path.join(target, DOCUMENTS, file)), { recursive: true });
    fs.copyFileSync(path.join(state.documentsDir, file), path.join(target, DOCUMENTS, file));
  }

  const files: BackupManifest['files'] = {};
  for (const file of [DUMP, TEMPORAL, ...documentFiles.map((name) => path.join(DOCUMENTS, name))]) {
    files[file] = { bytes: fs.statSync(path.join(target, file)).size, sha256: sha256Of(path.join(target, file)) };
  }
  const manifest: BackupManifest = {
    format: 'coordination-engine-backup/1',
    createdAt: new Date().toISOString(),
    lastMigration,
    counts: { ...counts, documentFiles: documentFiles.length },
    payloadKeyIds,
    files,
  };
  fs.writeFileSync(path.join(target, MANIFEST), `${JSON.stringify(manifest, null, 2)}\n`);
  return manifest;
}

async function describe(url: string) {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const migration = await client.query<{ name: string }>(
      'SELECT migration_name AS name FROM "_prisma_migrations" WHERE finished_at IS NOT NULL ORDER BY migration_name DESC LIMIT 1',
    );
    const count = async (sql: string) => Number((await client.query<{ n: string }>(sql)).rows[0]?.n ?? 0);
    return {
      lastMigration: migration.rows[0]?.name ?? null,
      counts: {
        cases: await count('SELECT count(*) AS n FROM cases'),
        openSteps: await count("SELECT count(*) AS n FROM steps WHERE status IN ('OPEN', 'SUSPENDED')"),
        documents: await count('SELECT count(*) AS n FROM case_documents'),
      },
    };
  } finally {
    await client.end();
  }
}

/**
 * Restores a backup into a system that has no state yet (a fresh machine, or the folders moved
 * aside): a new cluster with the dump loaded, Temporal's file, the documents. Checks every file
 * against the manifest first, and that the payload key the histories were written with is known.
 */
export async function restore(source: string, state: EmbeddedState, payloadKeyIds: string[]): Promise<BackupManifest> {
  const manifestFile = path.join(source, MANIFEST);
  if (!fs.existsSync(manifestFile)) throw new BackupRefused(`${source} holds no ${MANIFEST}: not a backup of this system`);
  const manifest = JSON.parse(fs.readFileSync(manifestFile, 'utf8')) as BackupManifest;
  if (manifest.format !== 'coordination-engine-backup/1') throw new BackupRefused(`unknown backup format ${String(manifest.format)}`);
  for (const [file, expected] of Object.entries(manifest.files)) {
    const at = path.join(source, file);
    if (!fs.existsSync(at) || sha256Of(at) !== expected.sha256) throw new BackupRefused(`${file} is missing or damaged (its sha256 differs from the manifest)`);
  }
  const current = manifest.payloadKeyIds[0];
  if (current && !payloadKeyIds.includes(current)) {
    throw new BackupRefused(
      `the histories were written with payload key "${current}", which this environment does not have: set it as PAYLOAD_ENCRYPTION_KEY or add it to PAYLOAD_PREVIOUS_KEYS`,
    );
  }
  for (const [what, at] of [['a PostgreSQL cluster', path.join(state.clusterDir, 'PG_VERSION')], ['a Temporal history', state.temporalDb]] as const) {
    if (fs.existsSync(at)) throw new BackupRefused(`${at} exists: this system already has ${what}; move it aside to restore into a fresh one`);
  }

  await withCluster(state.clusterDir, async (url) => {
    execFileSync(path.join(postgresBinDir(), 'pg_restore'), ['--no-owner', '--exit-on-error', `--dbname=${url}`, path.join(source, DUMP)], { stdio: 'pipe' });
  });
  fs.mkdirSync(path.dirname(state.temporalDb), { recursive: true });
  for (const suffix of ['', '-wal', '-shm']) {
    if (fs.existsSync(path.join(source, TEMPORAL + suffix))) fs.copyFileSync(path.join(source, TEMPORAL + suffix), state.temporalDb + suffix);
  }
  for (const file of Object.keys(manifest.files).filter((name) => name.startsWith(`${DOCUMENTS}${path.sep}`))) {
    const to = path.join(state.documentsDir, path.relative(DOCUMENTS, file));
    fs.mkdirSync(path.dirname(to), { recursive: true });
    fs.copyFileSync(path.join(source, file), to);
  }
  return manifest;
}
