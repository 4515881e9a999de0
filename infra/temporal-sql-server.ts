import { execFile, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { findFreePort, findFreePortIn, waitFor } from './ports';
import { toolsBinDir } from './paths';
import { ENGINE_DYNAMIC_CONFIG, isTemporalServing, searchAttributeDeclarations, temporalCli } from './temporal-cli';

const run = promisify(execFile);

/** Built by scripts/ensure-temporal-server.sh: the version the CLI's dev server embeds. */
export const TEMPORAL_SERVER_VERSION = 'v1.29.1';
const serverDir = path.join(toolsBinDir, '..', 'temporal-server', TEMPORAL_SERVER_VERSION);

export interface TemporalSqlServerOptions {
  /** The frontend's gRPC port: what workers and clients dial. */
  port: number;
  /** Where Temporal keeps its two databases (they are created when missing). */
  postgres: { host: string; port: number; user: string; password: string };
  /** The server's config folder and log live here. */
  rootDir: string;
  /** History shards: fixed for a cluster's life (Temporal cannot change it later). */
  historyShards?: number;
  /** Namespace retention of closed workflows. */
  retention?: string;
}

/**
 * The real Temporal Server as production runs it, one process with its four services, with its
 * persistence and visibility in PostgreSQL (the `postgres12` plugin), instead of the CLI's dev
 * server with SQLite. It creates and migrates its databases with Temporal's own SQL tool, then
 * registers the `default` namespace and the workflows' search attributes, as an operator would.
 */
export class TemporalSqlServer {
  private process: ChildProcess | undefined;

  constructor(private readonly options: TemporalSqlServerOptions) {}

  get address(): string {
    return `127.0.0.1:${this.options.port}`;
  }

  get logFile(): string {
    return path.join(this.options.rootDir, 'temporal-server.log');
  }

  async start(): Promise<void> {
    const server = path.join(serverDir, 'server');
    if (!fs.existsSync(server)) throw new Error(`${server} is missing: run scripts/ensure-temporal-server.sh`);
    await this.migrate('temporal', 'temporal');
    await this.migrate('temporal_visibility', 'visibility');
    await this.writeConfig();
    const logFd = fs.openSync(this.logFile, 'a');
    this.process = spawn(server, ['--root', this.options.rootDir, '--config', 'config', '--env', 'engine', '--allow-no-auth', 'start'], {
      stdio: ['ignore', logFd, logFd],
    });
    fs.closeSync(logFd);
    const exited = new Promise<never>((_, reject) => {
      this.process!.once('exit', (code) => reject(new Error(`Temporal Server exited (${code}); see ${this.logFile}`)));
      // A binary that cannot be run (a wrong TEMPORAL_CLI) is an error of the start, not a crash of the process.
      this.process!.once('error', (error) => reject(new Error(`Temporal Server could not be started: ${error.message}`)));
    });
    exited.catch(() => undefined);
    await Promise.race([this.prepareNamespace(), exited]);
  }

  async stop(): Promise<void> {
    const child = this.process;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
    await exited;
    clearTimeout(timer);
  }

  /** Creates the database when missing, then brings its schema to the newest version the server ships. */
  private async migrate(database: string, schema: 'temporal' | 'visibility'): Promise<void> {
    const { host, port, user, password } = this.options.postgres;
    const env = { ...process.env, SQL_PLUGIN: 'postgres12', SQL_HOST: host, SQL_PORT: String(port), SQL_USER: user, SQL_PASSWORD: password };
    const tool = (args: string[]) => run(path.join(serverDir, 'sql'), ['--db', database, ...args], { env });
    const created = await tool(['create-database']).then(
      () => true,
      (error: { stderr?: string }) => {
        if (/already exists/.test(String(error.stderr))) return false;
        throw new Error(`temporal-sql-tool create-database ${database}: ${String(error.stderr)}`);
      },
    );
    if (created) await tool(['setup-schema', '-v', '0.0']);
    await tool(['update-schema', '-d', path.join(serverDir, 'schema', 'postgresql', 'v12', schema, 'versioned')]);
  }

  private async writeConfig(): Promise<void> {
    const { host, port, user, password } = this.options.postgres;
    // Membership ports go into a smallint column: below 32768. The others may be anywhere.
    const ports = [
      ...(await Promise.all(Array.from({ length: 4 }, () => findFreePort()))),
      ...(await Promise.all(Array.from({ length: 4 }, () => findFreePortIn(20_000, 32_767)))),
    ];
    const [history, matching, worker, http, ...membership] = ports as [number, number, number, number, number, number, number, number];
    const store = (database: string, maxConns: number) => `
      sql:
        pluginName: postgres12
        databaseName: ${database}
        connectAddr: "${host}:${port}"
        connectProtocol: tcp
        user: ${JSON.stringify(user)}
        password: ${JSON.stringify(password)}
        maxConns: ${maxConns}
        maxIdleConns: ${maxConns}
        maxConnLifetime: 1h`;
    const service = (grpcPort: number, membershipPort: number, extra = '') => `
    rpc:
      grpcPort: ${grpcPort}
      membershipPort: ${membershipPort}
      bindOnLocalHost: true${extra}`;
    const config = `# Written by infra/temporal-sql-server.ts on every start.
log:
  stdout: true
  level: warn
persistence:
  defaultStore: postgres-default
  visibilityStore: postgres-visibility
  numHistoryShards: ${this.options.historyShards ?? 4}
  datastores:
    postgres-default:${store('temporal', 10)}
    postgres-visibility:${store('temporal_visibility', 5)}
global:
  membership:
    maxJoinDuration: 30s
    broadcastAddress: 127.0.0.1
services:
  frontend:${service(this.options.port, membership[0], `\n      httpPort: ${http}`)}
  history:${service(history, membership[1])}
  matching:${service(matching, membership[2])}
  worker:${service(worker, membership[3])}
clusterMetadata:
  enableGlobalNamespace: false
  failoverVersionIncrement: 10
  masterClusterName: active
  currentClusterName: active
  clusterInformation:
    active:
      enabled: true
      initialFailoverVersion: 1
      rpcName: frontend
      rpcAddress: 127.0.0.1:${this.options.port}
      httpAddress: 127.0.0.1:${http}
dcRedirectionPolicy:
  policy: noop
dynamicConfigClient:
  filepath: ${JSON.stringify(path.join(this.options.rootDir, 'config', 'dynamicconfig', 'engine.yaml'))}
  pollInterval: 10s
`;
    // What the engine uses beyond the defaults (Updates, eager start) as the dev server enables them, and what it asks of both (ENGINE_DYNAMIC_CONFIG).
    const dynamic = `frontend.enableUpdateWorkflowExecution:
  - value: true
frontend.enableUpdateWorkflowExecutionAsyncAccepted:
  - value: true
frontend.enableExecuteMultiOperation:
  - value: true
system.enableEagerWorkflowStart:
  - value: true
system.forceSearchAttributesCacheRefreshOnRead:
  - value: true
${Object.entries(ENGINE_DYNAMIC_CONFIG)
  .map(([key, value]) => `${key}:\n  - value: ${JSON.stringify(value)}\n`)
  .join('')}`;
    const configDir = path.join(this.options.rootDir, 'config');
    fs.mkdirSync(path.join(configDir, 'dynamicconfig'), { recursive: true });
    fs.writeFileSync(path.join(configDir, 'engine.yaml'), config, { mode: 0o600 });
    fs.writeFileSync(path.join(configDir, 'dynamicconfig', 'engine.yaml'), dynamic);
  }

  /** The `default` namespace and the search attributes, each created only when missing (a restart keeps them). */
  private async prepareNamespace(): Promise<void> {
    const cli = (args: string[]) => temporalCli(this.address, args);
    await waitFor('Temporal Server', () => cli(['operator', 'cluster', 'health']).then(() => true), { timeoutMs: 90_000, intervalMs: 300 });
    if (!(await isTemporalServing(this.address)))
      await cli(['operator', 'namespace', 'create', '--namespace', 'default', '--retention', this.options.retention ?? '72h']);
    await waitFor('the default namespace', () => isTemporalServing(this.address), { timeoutMs: 60_000, intervalMs: 300 });
    // A new namespace reaches every service's cache a few seconds after it is described.
    let listed = '';
    await waitFor('the namespace at every service', async () => {
      listed = await cli(['operator', 'search-attribute', 'list', '--namespace', 'default']);
      return true;
    }, { timeoutMs: 60_000, intervalMs: 500 });
    for (const [name, type] of searchAttributeDeclarations()) {
      if (new RegExp(`\\b${name}\\b`).test(listed)) continue;
      await cli(['operator', 'search-attribute', 'create', '--namespace', 'default', '--name', name, '--type', type]);
    }
  }
}
