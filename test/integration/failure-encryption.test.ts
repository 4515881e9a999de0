import path from 'node:path';
import { Client, Connection, WorkflowFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { NativeConnection, Worker } from '@temporalio/worker';
import type { FailingActivities } from '../support/failing.workflow';
import { quietTemporalRuntime } from '../support/quiet-temporal';
import { testDataConverter, testTemporalAddress, uniqueTaskQueue } from '../support/test-env';

/**
 * A failure's message can quote what failed (Postgres quotes the duplicate key, a mail server the
 * address). The data converter moves messages and stack traces into an encrypted payload, so the
 * history keeps none of it in clear, while our own clients still read the message.
 */
jest.setTimeout(120_000);

const IDENTITY_NUMBER = '001099012345';
const taskQueue = uniqueTaskQueue('failure-encryption');
let nativeConnection: NativeConnection;
let worker: Worker;
let running: Promise<void>;
let connection: Connection;
let client: Client;

const activities: FailingActivities = {
  async insertPerson(identityNumber) {
    throw ApplicationFailure.nonRetryable(
      `duplicate key value violates unique constraint "people_identity_number_key": Key (identity_number)=(${identityNumber}) already exists.`,
      'DB.UNIQUE',
    );
  },
};

beforeAll(async () => {
  quietTemporalRuntime();
  nativeConnection = await NativeConnection.connect({ address: testTemporalAddress() });
  // Bundled from a path, as the production worker does: the worker takes the failure converter
  // from the data converter and builds it into the workflow bundle itself.
  worker = await Worker.create({
    connection: nativeConnection,
    taskQueue,
    workflowsPath: path.resolve(__dirname, '../support/failing.workflow.ts'),
    activities,
    dataConverter: testDataConverter(),
  });
  running = worker.run();
  connection = await Connection.connect({ address: testTemporalAddress() });
  client = new Client({ connection, dataConverter: testDataConverter() });
});

afterAll(async () => {
  worker.shutdown();
  await running;
  await nativeConnection.close();
  await connection.close();
});

it('keeps failure messages out of the history in clear, and gives them back to our clients', async () => {
  const handle = await client.workflow.start('failingWorkflow', {
    taskQueue,
    workflowId: `failing-${Date.now()}`,
    args: [IDENTITY_NUMBER],
  });

  const failure = await handle.result().then(
    () => undefined,
    (error: unknown) => error,
  );
  expect(failure).toBeInstanceOf(WorkflowFailedError);
  const cause = (failure as WorkflowFailedError).cause as ApplicationFailure;
  expect(cause.type).toBe('TEST.REFUSED');
  expect(cause.message).toBe(`person ${IDENTITY_NUMBER} could not be recorded`);
  const activityCause = cause.cause?.cause as ApplicationFailure | undefined; // through the ActivityFailure
  expect(activityCause?.type).toBe('DB.UNIQUE');
  expect(activityCause?.message).toContain(`(${IDENTITY_NUMBER}) already exists`);

  const history = await handle.fetchHistory();
  const events = history.events ?? [];
  const activityFailure = events.find((e) => e.activityTaskFailedEventAttributes)?.activityTaskFailedEventAttributes?.failure;
  const workflowFailure = events.find((e) => e.workflowExecutionFailedEventAttributes)?.workflowExecutionFailedEventAttributes?.failure;
  for (const recorded of [activityFailure, workflowFailure]) {
    expect(recorded?.message).toBe('Encoded failure');
    expect(recorded?.stackTrace ?? '').toBe('');
    expect(Buffer.from(recorded?.encodedAttributes?.metadata?.encoding ?? []).toString()).toBe('binary/encrypted');
  }
  const raw = JSON.stringify(history);
  expect(raw).not.toContain(IDENTITY_NUMBER);
  expect(raw).not.toContain(Buffer.from(IDENTITY_NUMBER).toString('base64'));
  expect(raw).not.toContain('people_identity_number_key');
});
