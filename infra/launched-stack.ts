import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { projectRoot } from './paths';
import { findFreePort, waitFor } from './ports';

/** `npm start` (or `npm run start:source`) as its own process, in a scratch data folder on free ports. */
export interface LaunchedStack {
  launcher: ChildProcess;
  apiUrl: string;
  dataDir: string;
  /** Everything the launcher and its children printed so far. */
  output(): string;
  /** Ctrl-C, as a user would; SIGKILLs the process group if it has not exited within a minute. Answers the exit code. */
  stop(): Promise<number | null>;
}

/**
 * Runs scripts/start.sh itself (it execs the launcher, so `launcher.pid` is the launcher) with
 * DATA_DIR in a temporary folder and every port free, and waits until it says it is running:
 * for the test of `npm start` and the memory benchmark, which must never touch a real `.data/`.
 */
export async function launchStack(options: { source?: boolean; label?: string; parentDir?: string } = {}): Promise<LaunchedStack> {
  const dataDir = fs.mkdtempSync(path.join(options.parentDir ?? os.tmpdir(), `${options.label ?? 'launched'}-`));
  fs.chmodSync(dataDir, 0o755); // the postgres user keeps its cluster in here
  const [port, pgPort, temporalPort, uiPort] = [await findFreePort(), await findFreePort(), await findFreePort(), await findFreePort()];
  const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir, PORT: String(port), PG_PORT: String(pgPort), TEMPORAL_PORT: String(temporalPort), TEMPORAL_UI_PORT: String(uiPort), LOG_LEVEL: 'warn' };
  for (const name of ['DATABASE_URL', 'TEMPORAL_ADDRESS', 'DOCUMENT_STORE_DIR', 'NODE_OPTIONS']) delete env[name];
  const launcher = spawn('bash', options.source ? ['scripts/start.sh', '--source'] : ['scripts/start.sh'], {
    cwd: projectRoot,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let printed = '';
  launcher.stdout!.on('data', (chunk: Buffer) => (printed += chunk.toString()));
  launcher.stderr!.on('data', (chunk: Buffer) => (printed += chunk.toString()));
  await waitFor(
    'npm start',
    async () => {
      if (launcher.exitCode !== null) throw new Error(`npm start exited (${launcher.exitCode}):\n${printed}`);
      return printed.includes('The coordination engine is running');
    },
    { timeoutMs: 600_000, intervalMs: 500 },
  );
  return {
    launcher,
    apiUrl: `http://127.0.0.1:${port}`,
    dataDir,
    output: () => printed,
    async stop() {
      if (launcher.exitCode !== null || launcher.signalCode !== null) return launcher.exitCode;
      const exited = new Promise<number | null>((resolve) => launcher.once('exit', (code) => resolve(code)));
      launcher.kill('SIGINT');
      const timer = setTimeout(() => process.kill(-launcher.pid!, 'SIGKILL'), 60_000);
      const code = await exited;
      clearTimeout(timer);
      return code;
    },
  };
}
