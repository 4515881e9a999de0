import { type NativeConnection, Worker, type WorkerOptions } from '@temporalio/worker';
import { createActivities, type ActivityDependencies } from '../activities';

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

/** Wires every workflow and activity to one task queue. */
export function createWorker(settings: WorkerSettings, dependencies: ActivityDependencies): Promise<Worker> {
  return Worker.create({
    connection: settings.connection,
    namespace: settings.namespace,
    taskQueue: settings.taskQueue,
    dataConverter: settings.dataConverter,
    ...(settings.workflowBundle
      ? { workflowBundle: settings.workflowBundle }
      : { workflowsPath: require.resolve('../workflows') }),
    activities: createActivities(dependencies),
    ...(settings.maxCachedWorkflows ? { maxCachedWorkflows: settings.maxCachedWorkflows } : {}),
  });
}
