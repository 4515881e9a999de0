import { randomUUID } from 'node:crypto';
import path from 'node:path';
import type { Client } from '@temporalio/client';
import { bundleWorkflowCode, NativeConnection, Worker } from '@temporalio/worker';
import { FAILURE_CONVERTER_PATH } from '../../temporal/payload-encryption';
import { silentLogger } from '../../test/support/deadline-worker';
import { testDataConverter } from '../../test/support/test-env';
import { noopUpdate } from './noop.workflow';
import { LatencyLog, runConcurrently } from './stats';

const NOOP_QUEUE = 'bench-noop';

export interface Ceiling {
  seconds: number;
  log: LatencyLog;
  workflowsPerSecond: number;
  /** Workflow starts plus updates per second. */
  operationsPerSecond: number;
  /** Every round's operations per second, when measured in rounds (the figures above are the median round's). */
  rounds: number[];
}

/**
 * The bare Temporal ceiling on the server under test: `count` no-op workflows, each started and
 * sent one update, `concurrency` at once, by a worker of their own in this process. Every
 * benchmark prints its figure beside this, measured in the same run. A round of a few hundred
 * lasts seconds and one slow burst moves it by half; with `rounds` it is measured that many times
 * and the median round is the ceiling.
 */
export async function measureCeiling(
  client: Client,
  address: string,
  count: number,
  concurrency: number,
  rounds = 1,
): Promise<Ceiling> {
  const connection = await NativeConnection.connect({ address });
  const worker = await Worker.create({
    connection,
    taskQueue: NOOP_QUEUE,
    dataConverter: testDataConverter(),
    workflowBundle: await bundleWorkflowCode({
      workflowsPath: path.resolve(__dirname, 'noop.workflow.ts'),
      failureConverterPath: FAILURE_CONVERTER_PATH,
      logger: silentLogger,
    }),
  });
  const running = worker.run();
  try {
    const measured: Ceiling[] = [];
    for (let round = 0; round < rounds; round += 1)
      measured.push(await measureRound(client, count, concurrency));
    const sorted = [...measured].sort((a, b) => a.operationsPerSecond - b.operationsPerSecond);
    const median = sorted[Math.floor(sorted.length / 2)]!;
    return { ...median, rounds: measured.map((one) => one.operationsPerSecond) };
  } finally {
    worker.shutdown();
    await running;
    await connection.close();
  }
}

async function measureRound(client: Client, count: number, concurrency: number): Promise<Ceiling> {
  const log = new LatencyLog();
  const started = performance.now();
  await runConcurrently(count, concurrency, async (index) => {
    const handle = await log.time('start workflow', () =>
      client.workflow.start('benchNoopWorkflow', {
        taskQueue: NOOP_QUEUE,
        workflowId: `noop-${index}-${randomUUID()}`,
      }),
    );
    await log.time('update', () => handle.executeUpdate(noopUpdate, { args: ['x'] }));
  });
  const seconds = (performance.now() - started) / 1000;
  return {
    seconds,
    log,
    workflowsPerSecond: count / seconds,
    operationsPerSecond: log.count() / seconds,
    rounds: [],
  };
}
