import { startApiHarness } from './api-harness';
import { caseDriver } from './case-driver';
import { caseRecords } from './case-records';
import { bundleWorkflows, RestartableWorker, testActivityDependencies } from './deadline-worker';
import { quietTemporalRuntime } from './quiet-temporal';
import { uniqueTaskQueue } from './test-env';

/**
 * What a test of cases through the API needs: the API on the run's PostgreSQL and Temporal, a
 * worker on a task queue of its own, a driver acting as the demo users, and readers of the
 * record. Create test provinces before the first request: the API caches the registry's units for 30 s.
 */
export async function startCaseStack(name: string) {
  quietTemporalRuntime();
  const taskQueue = uniqueTaskQueue(name);
  const api = await startApiHarness({ taskQueue });
  const dependencies = testActivityDependencies(api.db);
  const worker = new RestartableWorker(taskQueue, await bundleWorkflows(), dependencies);
  await worker.start();
  return {
    api,
    driver: caseDriver(api),
    records: caseRecords(api),
    async close() {
      await worker.stop();
      await dependencies.close();
      await api.close();
    },
  };
}

export type CaseStack = Awaited<ReturnType<typeof startCaseStack>>;
