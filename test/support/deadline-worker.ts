import type { CaseStarter } from '../../caseload-import/caseload-import.activities';
import { NativeConnection, type WorkflowBundleWithSourceMap } from '@temporalio/worker';
import type { ActivityDependencies } from '../../activities';
import type { Db } from '../../db/client';
import { buildActivityDependencies } from '../../worker/activity-dependencies';
import { createWorker, type EngineWorker } from '../../worker/create-worker';
import { bundleWorkflows as bundleProjectWorkflows } from '../../worker/workflow-bundle';
import { testDataConverter, testTemporalAddress } from './test-env';

export const silentLogger = {
  log: () => undefined,
  trace: () => undefined,
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
};

export function bundleWorkflows(): Promise<WorkflowBundleWithSourceMap> {
  return bundleProjectWorkflows({ quiet: true });
}

/** The real activity dependencies, pointed at the test's SMTP server (if any), with no calendar cache. */
export function testActivityDependencies(
  db: Db,
  smtpUrl?: string,
  caseStarter?: CaseStarter,
): ActivityDependencies & { close(): Promise<void> } {
  return buildActivityDependencies(
    {
      SMTP_URL: smtpUrl,
      MAIL_FROM: 'Test <test@coordination.invalid>',
      MESSAGE_ID_DOMAIN: 'test.invalid',
      WEBHOOK_TIMEOUT_MS: 2_000,
      CALENDAR_CACHE_SECONDS: 0,
    },
    db,
    caseStarter,
  );
}

/** A worker on its own task queue that can be stopped and started again, as a restart would. */
export class RestartableWorker {
  private connection: NativeConnection | undefined;
  private worker: EngineWorker | undefined;
  private running: Promise<void> | undefined;

  constructor(
    private readonly taskQueue: string,
    /** A bundle made by bundleWorkflows(), or the code of an earlier version kept as a fixture. */
    private readonly bundle: WorkflowBundleWithSourceMap | { code: string },
    private readonly dependencies: ActivityDependencies,
    private readonly address: string = testTemporalAddress(),
  ) {}

  async start(): Promise<void> {
    this.connection = await NativeConnection.connect({ address: this.address });
    this.worker = await createWorker(
      {
        connection: this.connection,
        namespace: 'default',
        taskQueue: this.taskQueue,
        workflowBundle: this.bundle,
        dataConverter: testDataConverter(),
      },
      this.dependencies,
    );
    this.running = this.worker.run();
  }

  async stop(): Promise<void> {
    this.worker?.shutdown();
    await this.running;
    await this.connection?.close();
    this.worker = undefined;
    this.running = undefined;
    this.connection = undefined;
  }
}
