import { Client, Connection } from '@temporalio/client';
import { NativeConnection } from '@temporalio/worker';
import { createLogger } from '../api/observability/logger';
import { loadConfig } from '../config/env';
import { createDb } from '../db/client';
import { temporalConnectionOptions } from '../temporal/connection-options';
import { dataConverterFor } from '../temporal/payload-encryption';
import { ReportSchedules } from '../temporal/report-schedules';
import { buildActivityDependencies } from './activity-dependencies';
import { createWorker } from './create-worker';
import { startReportTaskSweep } from './report-task-sweep';
import { installTemporalRuntime } from './temporal-logger';
import { prebuiltWorkflowBundle } from './workflow-bundle';

/** The worker process: runs until SIGINT/SIGTERM, then finishes its in-flight tasks and exits. */
async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(config.LOG_LEVEL, 'worker');
  installTemporalRuntime(logger);
  const db = createDb(config.DATABASE_URL, { maxConnections: config.DATABASE_POOL_SIZE });
  const connection = await NativeConnection.connect(temporalConnectionOptions(config));
  const clientConnection = await Connection.connect(temporalConnectionOptions(config));
  const client = new Client({ connection: clientConnection, namespace: config.TEMPORAL_NAMESPACE, dataConverter: dataConverterFor(config) });
  const dependencies = buildActivityDependencies(config, db, { client, taskQueue: config.TEMPORAL_TASK_QUEUE });
  try {
    const worker = await createWorker(
      {
        connection,
        namespace: config.TEMPORAL_NAMESPACE,
        taskQueue: config.TEMPORAL_TASK_QUEUE,
        dataConverter: dataConverterFor(config),
        workflowBundle: prebuiltWorkflowBundle(),
        maxCachedWorkflows: config.WORKER_MAX_CACHED_WORKFLOWS,
      },
      dependencies,
    );
    try {
      const cycles = await new ReportSchedules(client, config.TEMPORAL_TASK_QUEUE).reconcileAll(db);
      logger.info({ cycles }, 'reporting schedules reconciled');
      const stopSweep = startReportTaskSweep(db, client, config.REPORT_TASK_SWEEP_SECONDS, logger);
      logger.info(
        {
          taskQueue: config.TEMPORAL_TASK_QUEUE,
          namespace: config.TEMPORAL_NAMESPACE,
          email: Boolean(config.SMTP_URL),
        },
        'worker started',
      );
      try {
        await worker.run(); // the SDK shuts down gracefully on SIGINT/SIGTERM
      } finally {
        await stopSweep();
      }
      logger.info('worker stopped');
    } finally {
      await clientConnection.close();
    }
  } finally {
    await dependencies.close();
    await connection.close();
    await db.$disconnect();
  }
}

main().catch((error: unknown) => {
  createLogger('error', 'worker').fatal({ err: error }, 'worker failed');
  process.exit(1);
});
