import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { Client } from 'pg';
import { waitFor } from './ports';

/**
 * A PostgreSQL cluster owned by the project: initialised on first use in a folder of its own,
 * started on a chosen port, stopped cleanly. initdb refuses to run as root, so as root the
 * server runs as the `postgres` system user (INFRA.md). It is spawned with that uid directly,
 * not through runuser, so that our stop signal reaches the postmaster itself.
 */
export interface LocalPostgresOptions {
  dataDir: string;
  port: number;
  user?: string;
  password?: string;
  database?: string;
  /** Tests trade durability for speed; the embedded start keeps fsync on. */
  ephemeral?: boolean;
  logFile?: string;
  /**
   * The server and its backends in a process group of their own, so `crash()` can SIGKILL them
   * all at once as a machine failure would (the fault-injection run); otherwise they share ours.
   */
  ownProcessGroup?: boolean;
}

export class LocalPostgres {
  readonly user: string;
  readonly password: string;
  readonly database: string;
  private process: ChildProcess | undefined;

  constructor(private readonly options: LocalPostgresOptions) {
    this.user = options.user ?? 'engine';
    this.password = options.password ?? 'engine';
    this.database = options.database ?? 'engine';
  }

  get port(): number {
    return this.options.port;
  }

  /**
   * Through the server's Unix socket in its data folder: on one machine every query is a
   * write to the server and a read back, and a local socket costs both sides less than TCP.
   */
  get url(): string {
    return `postgresql://${this.user}:${encodeURIComponent(this.password)}@localhost:${this.options.port}/${this.database}?host=${encodeURIComponent(this.options.dataDir)}`;
  }

  async start(): Promise<void> {
    this.initialiseIfNeeded();
    const args = [
      '-D', this.options.dataDir,
      '-p', String(this.options.port),
      '-c', 'listen_addresses=127.0.0.1',
      '-c', `unix_socket_directories=${this.options.dataDir}`,
      '-c', 'max_connections=200',
    ];
    if (this.options.ephemeral) args.push('-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off');
    const logFd = fs.openSync(this.options.logFile ?? path.join(this.options.dataDir, 'server.log'), 'a');
    this.process = spawn(path.join(postgresBinDir(), 'postgres'), args, {
      stdio: ['ignore', logFd, logFd],
      ...clusterOwner(),
      // The server's own directory: the caller's may be closed to the postgres user.
      cwd: this.options.dataDir,
      detached: this.options.ownProcessGroup ?? false,
    });
    fs.closeSync(logFd);
    const exited = new Promise<never>((_, reject) =>
      this.process!.once('exit', (code) =>
        reject(new Error(`postgres exited with code ${code}; see ${this.options.dataDir}/server.log`)),
      ),
    );
    exited.catch(() => undefined);
    await Promise.race([waitFor('PostgreSQL', () => this.canConnect('postgres')), exited]);
    await this.ensureDatabase();
  }

  async stop(): Promise<void> {
    const child = this.process;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill('SIGINT'); // "fast" shutdown: aborts open transactions, leaves a consistent cluster
    await exited;
  }

  /**
   * SIGKILL to the postmaster and every backend (a crash: no shutdown checkpoint, the next start
   * replays the WAL). Needs `ownProcessGroup`, or orphaned backends would keep the shared memory.
   */
  async crash(): Promise<void> {
    const child = this.process;
    if (!this.options.ownProcessGroup) throw new Error('crash() needs ownProcessGroup: orphaned backends would block the restart');
    if (!child?.pid || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    process.kill(-child.pid, 'SIGKILL');
    await exited;
  }

  private initialiseIfNeeded(): void {
    if (fs.existsSync(path.join(this.options.dataDir, 'PG_VERSION'))) return;
    // Parents the postgres user can pass through (a recursive mkdir would make them 700 too).
    fs.mkdirSync(path.dirname(this.options.dataDir), { recursive: true, mode: 0o755 });
    fs.mkdirSync(this.options.dataDir, { mode: 0o700 });
    const pwFile = path.join(path.dirname(this.options.dataDir), `.pgpass-init-${process.pid}`);
    fs.writeFileSync(pwFile, `${this.password}\n`, { mode: 0o600 });
    try {
      const owner = clusterOwner();
      if (owner.uid !== undefined && owner.gid !== undefined) {
        fs.chownSync(this.options.dataDir, owner.uid, owner.gid);
        fs.chownSync(pwFile, owner.uid, owner.gid);
      }
      execFileSync(path.join(postgresBinDir(), 'initdb'), [
        '-D', this.options.dataDir,
        '-U', this.user,
        `--pwfile=${pwFile}`,
        '--auth-local=trust',
        '--auth-host=scram-sha-256',
        '--encoding=UTF8',
        '--locale=C.UTF-8',
      ], { stdio: 'pipe', ...owner, cwd: this.options.dataDir });
    } finally {
      fs.rmSync(pwFile, { force: true });
    }
  }

  private async canConnect(database: string): Promise<boolean> {
    const client = this.client(database);
    try {
      await client.connect();
      return true;
    } finally {
      await client.end().catch(() => undefined);
    }
  }

  private async ensureDatabase(): Promise<void> {
    const client = this.client('postgres');
    await client.connect();
    try {
      const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [this.database]);
      if (found.rowCount === 0) await client.query(`CREATE DATABASE "${this.database}"`);
    } finally {
      await client.end();
    }
  }

  private client(database: string): Client {
    return new Client({
      host: '127.0.0.1',
      port: this.options.port,
      user: this.user,
      password: this.password,
      database,
    });
  }
}

/** As root: the uid/gid of the `postgres` system user to run the server under; otherwise ourselves. */
function clusterOwner(): { uid?: number; gid?: number; env?: NodeJS.ProcessEnv } {
  if (process.getuid?.() !== 0) return {};
  const id = (flag: string) => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }).trim());
  return { uid: id('-u'), gid: id('-g'), env: { ...process.env, HOME: '/var/lib/postgresql' } };
}

/** The newest installed PostgreSQL server binaries (Debian layout), or PG_BIN_DIR. */
export function postgresBinDir(): string {
  if (process.env.PG_BIN_DIR) return process.env.PG_BIN_DIR;
  const root = '/usr/lib/postgresql';
  const versions = fs.existsSync(root)
    ? fs.readdirSync(root).filter((v) => fs.existsSync(path.join(root, v, 'bin', 'initdb')))
    : [];
  versions.sort((a, b) => Number(b) - Number(a));
  if (versions[0] === undefined) {
    throw new Error('PostgreSQL server binaries not found: run scripts/ensure-tools.sh or set PG_BIN_DIR');
  }
  return path.join(root, versions[0], 'bin');
}

/**
 * Whether the server's user could reach a folder: as root the cluster runs as `postgres`, which
 * cannot enter a clone under a mode-700 directory such as /root. Checks each ancestor's
 * permissions for "others" (or ownership by that user).
 */
export function reachableByClusterOwner(folder: string): boolean {
  const owner = clusterOwner();
  if (owner.uid === undefined) return true;
  let current = path.resolve(folder);
  for (;;) {
    if (fs.existsSync(current)) {
      const stat = fs.statSync(current);
      const mayEnter = stat.uid === owner.uid ? (stat.mode & 0o100) !== 0 : stat.gid === owner.gid ? (stat.mode & 0o010) !== 0 : (stat.mode & 0o001) !== 0;
      if (!mayEnter) return false;
    }
    const parent = path.dirname(current);
    if (parent === current) return true;
    current = parent;
  }
}
