import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { apiReady, NodeService, workerReady } from '../../infra/node-service';
import { projectRoot } from '../../infra/paths';
import { findFreePort } from '../../infra/ports';
import type { ScratchStack } from '../../infra/scratch-stack';

export interface EngineProcesses {
  /** One base URL per API process. */
  baseUrls: string[];
  /** Each process's pid and what it is ("worker 1", "API 1"), for the CPU by process. */
  names: Map<number, string>;
  stop(): Promise<void>;
}

/**
 * The worker and the API as `npm start` and a deployment run them: compiled JavaScript under
 * plain node (`npm run build` first, incremental), each in a process of its own, with the
 * production settings' defaults (connection pools, calendar cache), on a scratch stack.
 */
export async function startEngineProcesses(
  stack: ScratchStack,
  options: { taskQueue: string; workers: number; apis: number; logLevel?: string },
): Promise<EngineProcesses> {
  execFileSync('bash', ['scripts/build.sh'], { cwd: projectRoot, stdio: 'inherit' });
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'production',
    DATABASE_URL: stack.databaseUrl,
    TEMPORAL_ADDRESS: stack.temporalAddress,
    TEMPORAL_TASK_QUEUE: options.taskQueue,
    JWT_SECRET: randomBytes(32).toString('hex'),
    PAYLOAD_ENCRYPTION_KEY: `bench:${randomBytes(32).toString('base64')}`,
    LOGIN_RATE_LIMIT_PER_MINUTE: '10000',
    DOCUMENT_STORE_DIR: path.join(stack.root, 'documents'),
    LOG_LEVEL: options.logLevel ?? 'warn',
    SCARF_ANALYTICS: 'false',
  };
  const workers = Array.from(
    { length: options.workers },
    (_, n) => new NodeService('worker', { entry: 'worker/main.ts', compiled: true, env: { ...env, LOG_LEVEL: 'info' }, logFile: path.join(stack.root, `worker-${n + 1}.log`), ready: workerReady }),
  );
  const ports = await Promise.all(Array.from({ length: options.apis }, () => findFreePort()));
  const apis = ports.map(
    (port, n) => new NodeService('api', { entry: 'api/main.ts', compiled: true, env: { ...env, PORT: String(port) }, logFile: path.join(stack.root, `api-${n + 1}.log`), ready: apiReady(port) }),
  );
  const services = [...workers, ...apis];
  try {
    await Promise.all(services.map((service) => service.start()));
  } catch (error) {
    await Promise.allSettled(services.map((service) => service.stop()));
    throw error;
  }
  const names = new Map<number, string>();
  workers.forEach((worker, n) => worker.pid && names.set(worker.pid, `worker ${n + 1}`));
  apis.forEach((api, n) => api.pid && names.set(api.pid, `API ${n + 1}`));
  return {
    baseUrls: ports.map((port) => `http://127.0.0.1:${port}`),
    names,
    stop: async () => {
      await Promise.allSettled(services.map((service) => service.stop()));
    },
  };
}
