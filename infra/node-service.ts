import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import { engineCommand } from './engine-command';
import { projectRoot } from './paths';
import { isPortOpen } from './ports';

/**
 * The worker or the API as `npm start` runs it: `tsx <entry>`, or with `compiled` the built
 * JavaScript under plain node (`npm run build` first), in a process group of its own (so one
 * SIGKILL reaches tsx and the node process it runs), its output appended to a log file. It
 * plays the supervisor a deployment has (systemd, Kubernetes): a process that exits on its own is
 * started again after a second, and counted.
 */
export class NodeService {
  private child: ChildProcess | undefined;
  private expectingExit = false;
  private stopped = false;
  private logOffset = 0;
  unexpectedExits = 0;

  constructor(
    readonly kind: 'worker' | 'api',
    private readonly options: { entry: string; compiled?: boolean; env: NodeJS.ProcessEnv; logFile: string; ready: (logSince: () => string) => Promise<boolean> },
  ) {}

  /** Spawns the process until one is ready (one that exits before it is ready is counted and spawned again). */
  async start(): Promise<void> {
    const deadline = Date.now() + 180_000;
    for (;;) {
      const child = this.spawnChild();
      const outcome = await this.readyOrExited(child);
      if (outcome === 'ready') {
        this.supervise(child);
        return;
      }
      this.unexpectedExits += 1;
      if (Date.now() > deadline) throw new Error(`${this.kind} never became ready; see ${this.options.logFile}`);
      await sleep(1_000);
    }
  }

  private spawnChild(): ChildProcess {
    const { entry, env, logFile } = this.options;
    this.logOffset = fs.existsSync(logFile) ? fs.statSync(logFile).size : 0;
    const logFd = fs.openSync(logFile, 'a');
    const [command, args] = engineCommand(entry, this.options.compiled ?? false);
    const child = spawn(command, args, {
      cwd: projectRoot,
      env,
      detached: true,
      stdio: ['ignore', logFd, logFd],
    });
    fs.closeSync(logFd);
    this.child = child;
    this.expectingExit = false;
    return child;
  }

  private async readyOrExited(child: ChildProcess): Promise<'ready' | 'exited'> {
    const offset = this.logOffset;
    const logSince = () => readFrom(this.options.logFile, offset);
    for (;;) {
      if (child.exitCode !== null || child.signalCode !== null) return 'exited';
      if (await this.options.ready(logSince).catch(() => false)) return 'ready';
      await sleep(250);
    }
  }

  /** A ready process that exits on its own is started again after a second, as a supervisor would. */
  private supervise(child: ChildProcess): void {
    child.once('exit', () => {
      if (this.expectingExit || this.stopped || this.child !== child) return;
      this.unexpectedExits += 1;
      setTimeout(() => {
        if (!this.stopped && this.child === child) void this.start().catch(() => undefined);
      }, 1_000);
    });
  }

  /** The running process's pid (the node process itself when compiled, tsx's otherwise). */
  get pid(): number | undefined {
    return this.child?.pid;
  }

  async crash(): Promise<void> {
    const child = this.child;
    if (!child?.pid || child.exitCode !== null || child.signalCode !== null) return;
    this.expectingExit = true;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    try {
      process.kill(-child.pid, 'SIGKILL');
    } catch {
      return; // gone already
    }
    await exited;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    const child = this.child;
    if (!child?.pid || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    process.kill(-child.pid, 'SIGTERM');
    const timer = setTimeout(() => child.pid && process.kill(-child.pid, 'SIGKILL'), 20_000);
    await exited;
    clearTimeout(timer);
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function readFrom(file: string, offset: number): string {
  const fd = fs.openSync(file, 'r');
  try {
    const size = fs.fstatSync(fd).size;
    const buffer = Buffer.alloc(Math.max(0, size - offset));
    fs.readSync(fd, buffer, 0, buffer.length, offset);
    return buffer.toString('utf8');
  } finally {
    fs.closeSync(fd);
  }
}

/** The worker is ready once it logged its start (it polls from then on). */
export const workerReady = async (logSince: () => string) => logSince().includes('"worker started"');

/** The API is ready once it listens. */
export const apiReady = (port: number) => async () => isPortOpen(port);
