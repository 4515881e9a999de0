import { type NativeConnection, Worker, type WorkerOptions } from '@temporalio/worker';
import { createActivities, type ActivityDependencies } from '../activities';
import { clockTaskQueue } from '../workflows/deadlines/contract';

export interface WorkerSettings {
  connection: NativeConnection;
  namespace: string;
  taskQueue: string;
  /** Pre-bundled workflow code (tests bundle once per file); otherwise bundled from workflows/. */
  workflowBundle?: WorkerOptions['workflowBundle'];
  /** Must match the clients' (payload encryption keys). */
  dataConverter: WorkerOptions['dataConverter'];
  /** Running workflows kept in memory between their tasks; the SDK's default when absent. */
  maxCachedWorkflows?: number;
}

/**
 * Notifications armed at once per worker process: each waits for its instant holding nothing but
 * a timer, so thousands fit (3,321 communes' reports due the same morning, and the cases' rungs).
 */
const ARMED_NOTIFICATION_SLOTS = 10_000;

/** The engine's workers in one process: run together, stopped together. */
export interface EngineWorker {
  run(): Promise<void>;
  shutdown(): void;
}

/**
 * Wires every workflow and activity to the task queue, and the notifications armed ahead of their
 * instant to its clock queue (clockTaskQueue): a worker of their own, so they never hold the
 * activity slots of the work officials wait on.
 */
export async function createWorker(settings: WorkerSettings, dependencies: ActivityDependencies): Promise<EngineWorker> {
  const activities = createActivities(dependencies);
  const common = { connection: settings.connection, namespace: settings.namespace, dataConverter: settings.dataConverter };
  const engine = await Worker.create({
    ...common,
    taskQueue: settings.taskQueue,
    ...(settings.workflowBundle
      ? { workflowBundle: settings.workflowBundle }
      : { workflowsPath: require.resolve('../workflows') }),
    activities,
    ...(settings.maxCachedWorkflows ? { maxCachedWorkflows: settings.maxCachedWorkflows } : {}),
  });
  const clock = await Worker.create({
    ...common,
    taskQueue: clockTaskQueue(settings.taskQueue),
    activities: { recordWhenDue: activities.recordWhenDue },
    maxConcurrentActivityTaskExecutions: ARMED_NOTIFICATION_SLOTS,
  });
  const workers = [engine, clock];
  const shutdown = () => {
    for (const worker of workers) if (worker.getState() === 'RUNNING') worker.shutdown();
  };
  return {
    async run() {
      // One stopping for good (a fatal error) stops the other: the process then exits and restarts whole.
      const results = await Promise.allSettled(workers.map((worker) => worker.run().finally(shutdown)));
      const failed = results.find((result) => result.status === 'rejected');
      if (failed) throw failed.reason;
    },
    shutdown,
  };
}
