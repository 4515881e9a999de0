import type { Logger } from 'pino';
import { createEmailSender } from '../../notifications';
import { installTemporalRuntime } from '../../worker/temporal-logger';
import { startApiHarness } from './api-harness';
import { caseDriver } from './case-driver';
import { caseRecords } from './case-records';
import { bundleWorkflows, RestartableWorker, testActivityDependencies } from './deadline-worker';
import { quietTemporalRuntime } from './quiet-temporal';
import { uniqueTaskQueue } from './test-env';

export interface CaseStackOptions {
  /** The API's logger (silent by default). */
  apiLogger?: Logger;
  /**
   * The worker's logger, installed as the production worker does (worker/temporal-logger.ts);
   * fails if this process already has a Temporal runtime. By default workers log warnings only.
   */
  workerLogger?: Logger;
  /** An SMTP server for the notification e-mails (none by default: inbox and webhooks only). */
  smtpUrl?: string;
}

/**
 * What a test of cases through the API needs: the API on the run's PostgreSQL and Temporal, a
 * worker on a task queue of its own, a driver acting as the demo users, and readers of the
 * record. Create test provinces before the first request: the API caches the registry's units for 30 s.
 */
export async function startCaseStack(name: string, options: CaseStackOptions = {}) {
  if (options.workerLogger) installTemporalRuntime(options.workerLogger);
  else quietTemporalRuntime();
  const taskQueue = uniqueTaskQueue(name);
  // The API sends an administrator's test e-mail through the same server as the worker's notifications.
  const emailSender = options.smtpUrl ? createEmailSender({ smtpUrl: options.smtpUrl, from: 'Hệ thống điều phối <no-reply@coordination.invalid>' }) : undefined;
  const api = await startApiHarness({ taskQueue }, { ...(options.apiLogger ? { logger: options.apiLogger } : {}), ...(emailSender ? { emailSender } : {}) });
  const dependencies = testActivityDependencies(api.db, options.smtpUrl, { client: api.temporal, taskQueue });
  const worker = new RestartableWorker(taskQueue, await bundleWorkflows(), dependencies);
  await worker.start();
  return {
    api,
    taskQueue,
    driver: caseDriver(api),
    records: caseRecords(api),
    async close() {
      await worker.stop();
      await dependencies.close();
      await emailSender?.close();
      await api.close();
    },
  };
}

export type CaseStack = Awaited<ReturnType<typeof startCaseStack>>;
