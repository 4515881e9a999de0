import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import readline from 'node:readline';
import { engineCommand } from './engine-command';
import { dataDir, projectRoot, runningCompiled } from './paths';
import { isPortOpen, waitFor } from './ports';
import { embeddedState, postgresClusterDir } from './embedded-state';
import { LocalPostgres } from './postgres-cluster';
import { TemporalDevServer } from './temporal-dev-server';
import { TEMPORAL_SERVER_VERSION, TemporalSqlServer } from './temporal-sql-server';

/**
 * `npm start`: the whole system on its embedded defaults. State lives in .data/ (the PostgreSQL
 * cluster and Temporal's SQLite file), so registry data and workflow histories survive a restart.
 * Ctrl-C stops the API and the worker first, then Temporal, then PostgreSQL.
 */
const env = process.env;
const port = (name: string, fallback: number) => Number(env[name] ?? fallback);
const apiPort = port('PORT', 3000);
const logDir = path.join(dataDir, 'logs');

const stoppers: Array<() => Promise<void>> = [];
let stopping = false;

/** A path as the person who started us reads it best: relative to the clone when inside it (DATA_DIR may move it out). */
function shown(file: string): string {
  const relative = path.relative(projectRoot, file);
  return relative.startsWith('..') ? file : relative;
}

/**
 * Where we speak: stdout, or stderr once nobody reads stdout any more (`npm start | head`). An
 * unhandled EPIPE would kill the launcher and orphan the PostgreSQL and Temporal it started.
 */
let speakTo: NodeJS.WriteStream = process.stdout;
process.stdout.on('error', () => {
  speakTo = process.stderr;
});
process.stderr.on('error', () => undefined);

function say(message: string): void {
  if (!speakTo.destroyed) speakTo.write(`[start] ${message}\n`);
}

async function ensureFree(what: string, portNumber: number, variable: string): Promise<void> {
  if (await isPortOpen(portNumber)) {
    throw new Error(`${what} port ${portNumber} is already in use: stop what holds it or set ${variable}`);
  }
}

async function startPostgres(): Promise<{ url: string; local?: LocalPostgres }> {
  if (env.DATABASE_URL) {
    say('DATABASE_URL is set: using that database, starting none');
    return { url: env.DATABASE_URL };
  }
  const pgPort = port('PG_PORT', 5433);
  await ensureFree('PostgreSQL', pgPort, 'PG_PORT');
  const clusterDir = postgresDataDir();
  const postgres = new LocalPostgres({ dataDir: clusterDir, port: pgPort, logFile: path.join(logDir, 'postgres.log') });
  say(`starting PostgreSQL on 127.0.0.1:${pgPort} (data in ${shown(clusterDir)})`);
  await postgres.start();
  stoppers.unshift(() => postgres.stop());
  return { url: postgres.url, local: postgres };
}

/** The cluster's folder (infra/embedded-state.ts), said aloud when it is outside the clone. */
function postgresDataDir(): string {
  const { clusterDir } = embeddedState();
  if (postgresClusterDir().outsideClone) say(`the postgres user cannot enter ${projectRoot}: keeping the cluster in ${clusterDir}`);
  return clusterDir;
}

async function startTemporal(postgres: LocalPostgres | undefined): Promise<{ address: string; webUi?: string; uiOrigins?: string }> {
  if (env.TEMPORAL_ADDRESS) {
    say('TEMPORAL_ADDRESS is set: using that Temporal server, starting none');
    return { address: env.TEMPORAL_ADDRESS };
  }
  const temporalPort = port('TEMPORAL_PORT', 7233);
  if (env.TEMPORAL_PERSISTENCE === 'postgresql') return startTemporalOnPostgres(temporalPort, postgres);
  const uiPort = port('TEMPORAL_UI_PORT', 8233);
  await ensureFree('Temporal', temporalPort, 'TEMPORAL_PORT');
  await ensureFree('Temporal Web UI', uiPort, 'TEMPORAL_UI_PORT');
  const temporal = new TemporalDevServer({
    port: temporalPort,
    uiPort,
    dbFile: embeddedState().temporalDb,
    logFile: path.join(logDir, 'temporal.log'),
    // The Web UI decrypts payloads through the API (POST /codec/decode, SYSTEM_ADMIN only, audited).
    uiCodecEndpoint: `http://127.0.0.1:${apiPort}/codec`,
  });
  say(`starting Temporal dev server on 127.0.0.1:${temporalPort} (history in ${shown(embeddedState().temporalDb)})`);
  await temporal.start();
  stoppers.unshift(() => temporal.stop());
  return { address: temporal.address, webUi: `http://127.0.0.1:${uiPort}`, uiOrigins: `http://localhost:${uiPort},http://127.0.0.1:${uiPort}` };
}

/**
 * TEMPORAL_PERSISTENCE=postgresql: the Temporal Server as production runs it, its persistence in
 * two databases of the embedded cluster (no Web UI: that comes with the dev server only).
 */
async function startTemporalOnPostgres(temporalPort: number, postgres: LocalPostgres | undefined): Promise<{ address: string }> {
  if (!postgres) throw new Error('TEMPORAL_PERSISTENCE=postgresql keeps Temporal in the embedded PostgreSQL: with DATABASE_URL set, run Temporal yourself and set TEMPORAL_ADDRESS');
  await ensureFree('Temporal', temporalPort, 'TEMPORAL_PORT');
  const temporal = new TemporalSqlServer({
    port: temporalPort,
    postgres: { host: '127.0.0.1', port: postgres.port, user: postgres.user, password: postgres.password },
    rootDir: path.join(dataDir, 'temporal-server'),
  });
  say(`starting Temporal Server ${TEMPORAL_SERVER_VERSION} on 127.0.0.1:${temporalPort} (persistence in PostgreSQL: databases temporal, temporal_visibility)`);
  await temporal.start();
  stoppers.unshift(() => temporal.stop());
  return { address: temporal.address };
}

/** A GET answered 200 (node:http: the launcher keeps no fetch client resident for its one probe). */
function answersOk(url: string): Promise<boolean> {
  return new Promise((resolve) => {
    const request = http.get(url, { timeout: 2_000 }, (response) => {
      response.resume();
      resolve(response.statusCode === 200);
    });
    request.once('timeout', () => request.destroy());
    request.once('error', () => resolve(false));
  });
}

/** Compiled under plain node when this launcher is compiled (`npm start`), tsx otherwise (`npm run start:source`). */
const nodeCommand = (entry: string) => engineCommand(entry, runningCompiled);

/**
 * A one-off step (the migrations, the demo data, the demo cases) in a process of its own: the
 * launcher runs as long as the system, and would otherwise keep the step's modules (a database
 * driver, an HTTP client) resident to the end. What the step prints is said as ours; what it
 * writes to stderr is the failure's message.
 */
function runOnce(entry: string, childEnv: NodeJS.ProcessEnv): Promise<void> {
  const [command, args] = nodeCommand(entry);
  const child = spawn(command, args, { cwd: projectRoot, env: childEnv, stdio: ['ignore', 'pipe', 'pipe'] });
  readline.createInterface({ input: child.stdout! }).on('line', (line) => say(line));
  let errors = '';
  child.stderr!.on('data', (chunk: Buffer) => (errors += chunk.toString('utf8')));
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code, signal) =>
      code === 0 ? resolve() : reject(new Error(errors.trim() || `${entry} failed (${signal ?? code})`)),
    );
  });
}

/** Worker and API run as their own processes, in their own process groups, so Ctrl-C reaches us first. */
function startNodeProcess(name: string, entry: string, childEnv: NodeJS.ProcessEnv): ChildProcess {
  const [command, args] = nodeCommand(entry);
  const child = spawn(command, args, {
    cwd: projectRoot,
    env: childEnv,
    stdio: ['ignore', 'inherit', 'inherit'],
    detached: true,
  });
  // Last resort if this process dies without shutting down: no orphaned worker or API.
  process.on('exit', () => {
    if (child.exitCode === null && child.signalCode === null && child.pid) process.kill(-child.pid, 'SIGKILL');
  });
  child.once('exit', (code, signal) => {
    if (!stopping) {
      say(`${name} exited unexpectedly (${signal ?? code}); stopping everything`);
      void shutdown(1);
    }
  });
  stoppers.unshift(async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
    await exited;
    clearTimeout(timer);
  });
  return child;
}

async function shutdown(exitCode: number): Promise<void> {
  if (stopping) return;
  stopping = true;
  say('stopping...');
  for (const stop of stoppers) {
    await stop().catch((error: unknown) => say(`while stopping: ${String(error)}`));
  }
  say('stopped');
  process.exit(exitCode);
}

async function main(): Promise<void> {
  // `on`, not `once`: Ctrl-C reaches this process twice (directly, and relayed by tsx and npm),
  // and a second signal with no listener would kill it half-way through the shutdown.
  process.on('SIGINT', () => void shutdown(0));
  process.on('SIGTERM', () => void shutdown(0));
  fs.mkdirSync(logDir, { recursive: true });
  await ensureFree('API', apiPort, 'PORT');

  const { url: databaseUrl, local: localPostgres } = await startPostgres();
  await runOnce('scripts/migrate.ts', { ...env, DATABASE_URL: databaseUrl });
  await runOnce('scripts/seed-demo.ts', { ...env, DATABASE_URL: databaseUrl });
  say('demo data is in place');

  const temporal = await startTemporal(localPostgres);
  const childEnv = {
    ...env,
    DATABASE_URL: databaseUrl,
    TEMPORAL_ADDRESS: temporal.address,
    PORT: String(apiPort),
    SCARF_ANALYTICS: 'false',
    // glibc gives each thread that allocates an arena of its own; the worker's Rust core and
    // libuv's pool run many threads, which kept ~40 MB of the worker resident for nothing.
    MALLOC_ARENA_MAX: env.MALLOC_ARENA_MAX ?? '2',
    DOCUMENT_STORE_DIR: embeddedState().documentsDir,
    // The embedded Web UI's origins may call /codec/decode (its port is TEMPORAL_UI_PORT).
    ...(temporal.uiOrigins && !env.TEMPORAL_UI_ORIGIN ? { TEMPORAL_UI_ORIGIN: temporal.uiOrigins } : {}),
  };
  startNodeProcess('worker', 'worker/main.ts', childEnv);
  startNodeProcess('API', 'api/main.ts', childEnv);

  const apiUrl = `http://127.0.0.1:${apiPort}`;
  await waitFor('API', () => answersOk(`${apiUrl}/health`), { timeoutMs: 120_000, intervalMs: 500 });
  // A few cases driven through the API on the embedded database, so the screens are not empty
  // (DEMO_CASES=0: none). A failure is told and the system runs on without them.
  if (!env.DATABASE_URL && env.DEMO_CASES !== '0') {
    await runOnce('scripts/seed-demo-cases.ts', { ...env, API_URL: apiUrl }).catch((error: unknown) =>
      say(`demo cases: not all were created (${error instanceof Error ? error.message : String(error)}); carrying on`),
    );
  }
  say('');
  say('The coordination engine is running. Ctrl-C stops everything.');
  say(`  API            ${apiUrl}`);
  say(`  API docs       ${apiUrl}/docs   (OpenAPI: ${apiUrl}/openapi.json)`);
  say(`  Health         ${apiUrl}/health`);
  if (temporal.webUi) say(`  Temporal UI    ${temporal.webUi}   (codec endpoint ${apiUrl}/codec: SYSTEM_ADMIN token, audited)`);
  say(`  Demo login     POST ${apiUrl}/auth/login  {"username":"admin","password":"Demo@2026"}`);
  say(`  Logs           ${shown(logDir)}/ (Temporal, PostgreSQL); worker and API log here`);
}

main().catch(async (error: unknown) => {
  say(`could not start: ${error instanceof Error ? error.message : String(error)}`);
  await shutdown(1);
});
