import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { ENGINE_DYNAMIC_CONFIG, isTemporalServing, searchAttributeDeclarations, temporalCliPath } from './temporal-cli';
import { waitFor } from './ports';

/** The real Temporal Server as the CLI's dev server (SQLite persistence), built by scripts/ensure-temporal-cli.sh. */
export interface TemporalDevServerOptions {
  port: number;
  uiPort?: number; // omitted: headless
  /** The Web UI's remote codec endpoint (`--ui-codec-endpoint`): the API's /codec, so operators can decrypt payloads. */
  uiCodecEndpoint?: string;
  /** SQLite file for durable state; omitted: in memory (tests). */
  dbFile?: string;
  logFile: string;
}

export class TemporalDevServer {
  private process: ChildProcess | undefined;

  constructor(private readonly options: TemporalDevServerOptions) {}

  get address(): string {
    return `127.0.0.1:${this.options.port}`;
  }

  async start(): Promise<void> {
    const { port, uiPort, uiCodecEndpoint, dbFile, logFile } = this.options;
    const args = ['server', 'start-dev', '--ip', '127.0.0.1', '--port', String(port), '--log-level', 'warn'];
    if (uiPort) {
      args.push('--ui-port', String(uiPort));
      if (uiCodecEndpoint) args.push('--ui-codec-endpoint', uiCodecEndpoint);
    } else args.push('--headless');
    if (dbFile) {
      fs.mkdirSync(path.dirname(dbFile), { recursive: true });
      args.push('--db-filename', dbFile);
    }
    for (const [name, type] of searchAttributeDeclarations()) args.push('--search-attribute', `${name}=${type}`);
    for (const [key, value] of Object.entries(ENGINE_DYNAMIC_CONFIG)) args.push('--dynamic-config-value', `${key}=${JSON.stringify(value)}`);
    fs.mkdirSync(path.dirname(logFile), { recursive: true });
    const logFd = fs.openSync(logFile, 'a');
    this.process = spawn(temporalCliPath(), args, { stdio: ['ignore', logFd, logFd] });
    fs.closeSync(logFd);
    const exited = new Promise<never>((_, reject) => {
      this.process!.once('exit', (code) => reject(new Error(`Temporal dev server exited (${code}); see ${logFile}`)));
      // A binary that cannot be run (a wrong TEMPORAL_CLI) is an error of the start, not a crash of the process.
      this.process!.once('error', (error) => reject(new Error(`Temporal dev server could not be started: ${error.message}`)));
    });
    exited.catch(() => undefined);
    await Promise.race([
      waitFor('Temporal server', () => isTemporalServing(this.address), { timeoutMs: 90_000, intervalMs: 300 }),
      exited,
    ]);
  }

  async stop(): Promise<void> {
    const child = this.process;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
    await exited;
    clearTimeout(timer);
  }

  /** SIGKILL, no shutdown (the fault-injection run): a durable server (`dbFile`) starts again from its SQLite file. */
  async crash(): Promise<void> {
    const child = this.process;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill('SIGKILL');
    await exited;
  }
}
