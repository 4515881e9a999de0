import { NativeConnection, type WorkflowBundleWithSourceMap } from '@temporalio/worker';
import request from 'supertest';
import { createActivities } from '../../activities';
import { createWorker, type EngineWorker } from '../../worker/create-worker';
import { startApiHarness, type ApiHarness } from '../support/api-harness';
import { bundleWorkflows, testActivityDependencies } from '../support/deadline-worker';
import { quietTemporalRuntime } from '../support/quiet-temporal';
import { testDataConverter, testTemporalAddress, uniqueTaskQueue } from '../support/test-env';

/** API → Temporal → worker → activity → PostgreSQL, all real. */
let bundle: WorkflowBundleWithSourceMap;
let api: ApiHarness;
let connection: NativeConnection;
let worker: EngineWorker;
let running: Promise<void>;
let dependencies: ReturnType<typeof testActivityDependencies>;
const taskQueue = uniqueTaskQueue('ping');

beforeAll(async () => {
  quietTemporalRuntime();
  bundle = await bundleWorkflows();
  api = await startApiHarness({ taskQueue });
  connection = await NativeConnection.connect({ address: testTemporalAddress() });
  dependencies = testActivityDependencies(api.db);
  worker = await createWorker(
    { connection, namespace: 'default', taskQueue, workflowBundle: bundle, dataConverter: testDataConverter() },
    dependencies,
  );
  running = worker.run();
}, 120_000);

afterAll(async () => {
  worker.shutdown();
  await running;
  await connection.close();
  await dependencies.close();
  await api.close();
});

async function pollUntilRecorded(token: string, location: string | undefined) {
  if (!location) throw new Error('no Location header');
  for (let attempt = 0; attempt < 100; attempt += 1) {
    const response = await request(api.app).get(location).set('Authorization', `Bearer ${token}`);
    expect(response.status).toBe(200);
    if (response.body.status === 'RECORDED') return response.body as { workflowId: string; pingId: string };
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`ping at ${location} was never recorded`);
}

it('starts a workflow whose activity writes the row, and reports it', async () => {
  const token = await api.tokenFor('coordinator.pc04');
  const started = await request(api.app)
    .post('/system/pings')
    .set('Authorization', `Bearer ${token}`)
    .send({ note: 'kiểm tra' });
  expect(started.status).toBe(202);
  expect(started.headers.location).toBe(`/system/pings/${encodeURIComponent(started.body.workflowId)}`);

  const recorded = await pollUntilRecorded(token, started.headers.location);
  const row = await api.db.systemPing.findUniqueOrThrow({ where: { workflowId: started.body.workflowId } });
  expect(row).toMatchObject({ id: recorded.pingId, note: 'kiểm tra', jurisdictionId: 'SX' });

  const result = await api.temporal.workflow.getHandle(started.body.workflowId).result();
  expect(result.pingId).toBe(row.id);
  const audit = await api.db.auditEvent.findFirst({
    where: { action: 'system.ping_requested', subjectId: started.body.workflowId },
  });
  expect(audit?.actorAgencyId).toBe('SX-PC04');
});

it('starts nothing new when a request is retried with the same Idempotency-Key', async () => {
  const token = await api.tokenFor('admin');
  const key = `retry-${Date.now()}`;
  const send = () =>
    request(api.app)
      .post('/system/pings')
      .set('Authorization', `Bearer ${token}`)
      .set('Idempotency-Key', key)
      .send({ note: 'once' });
  const first = await send();
  await pollUntilRecorded(token, first.headers.location);
  const second = await send();
  expect(second.status).toBe(202);
  expect(second.body.workflowId).toBe(first.body.workflowId);
  expect(await api.db.systemPing.count({ where: { workflowId: first.body.workflowId } })).toBe(1);
});

it('writes once even when the activity runs twice for the same workflow', async () => {
  const activities = createActivities(dependencies);
  const input = {
    workflowId: `system-ping:direct-${Date.now()}`,
    requestedBy: '00000000-0000-4000-8000-000000000000',
    jurisdictionId: 'SX',
    note: 'twice',
  };
  const first = await activities.recordSystemPing(input);
  const second = await activities.recordSystemPing(input);
  expect(second).toEqual(first);
  expect(await api.db.systemPing.count({ where: { workflowId: input.workflowId } })).toBe(1);
});

it('answers 404 for a ping that does not exist', async () => {
  const token = await api.tokenFor('admin');
  const response = await request(api.app)
    .get('/system/pings/system-ping:never-started')
    .set('Authorization', `Bearer ${token}`);
  expect(response.status).toBe(404);
  expect(response.body.code).toBe('RESOURCE.NOT_FOUND');
});
