import { Client, Connection } from '@temporalio/client';
import { Worker, type WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { createDb, type Db } from '../../db/client';
import { dateColumnToIso, isoToDateColumn } from '../../domain/time/legal-date';
import type { DueDateExplanation } from '../../domain/deadlines/deadline-types';
import {
  DEADLINE_STEP_WORKFLOW,
  extendStepUpdate,
  resumeStepUpdate,
  suspendStepUpdate,
  type OpenStepInput,
  type StepPlan,
} from '../../workflows/deadlines/contract';
import { bundleWorkflows, RestartableWorker, testActivityDependencies } from '../support/deadline-worker';
import { quietTemporalRuntime } from '../support/quiet-temporal';
import { createTestProvince, type TestProvince } from '../support/test-province';
import { testDatabaseUrl, testDataConverter, testTemporalAddress, uniqueTaskQueue } from '../support/test-env';

/**
 * Stop the clock, extensions, and what a later rule change does (nothing) to steps already open,
 * on the real Temporal server. Dates are far enough ahead that no reminder fires during the test.
 */
jest.setTimeout(120_000);

let db: Db;
let province: TestProvince;
let bundle: WorkflowBundleWithSourceMap;
let connection: Connection;
let client: Client;
let worker: RestartableWorker;
let dependencies: ReturnType<typeof testActivityDependencies>;
const taskQueue = uniqueTaskQueue('adjustments');
const started: string[] = [];

beforeAll(async () => {
  quietTemporalRuntime();
  db = createDb(testDatabaseUrl(), { maxConnections: 4 });
  province = await createTestProvince(db, 'adjust');
  bundle = await bundleWorkflows();
  dependencies = testActivityDependencies(db);
  worker = new RestartableWorker(taskQueue, bundle, dependencies);
  await worker.start();
  connection = await Connection.connect({ address: testTemporalAddress() });
  client = new Client({ connection, dataConverter: testDataConverter() });
});

afterAll(async () => {
  await Promise.all(
    started.map((id) =>
      client.workflow
        .getHandle(id)
        .terminate('test finished')
        .catch(() => undefined),
    ),
  );
  await worker.stop();
  await dependencies.close();
  await connection.close();
  await db.$disconnect();
});

let counter = 0;
async function openStep(overrides: Partial<OpenStepInput>) {
  counter += 1;
  const input: OpenStepInput = {
    caseRef: `${province.provinceId}-A${counter}`,
    stepKey: 'D2',
    ruleKey: 'CRA.D2',
    jurisdictionId: province.communeId,
    startDate: '2027-03-01',
    ...overrides,
  };
  const handle = await client.workflow.start(DEADLINE_STEP_WORKFLOW, {
    taskQueue,
    workflowId: `step:${input.caseRef}:${input.stepKey}`,
    args: [input],
  });
  started.push(handle.workflowId);
  for (let attempt = 0; attempt < 100; attempt += 1) {
    const state = await handle.query<{ plan?: StepPlan }>('step.state');
    if (state.plan) return { handle, plan: state.plan };
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('step never opened');
}

it('moves the due date by the 3 working days the clock was stopped', async () => {
  // CRA.D2: 5 working days from Monday 01/03/2027, counting from the next day: Monday 08/03/2027.
  const { handle, plan } = await openStep({});
  expect(plan.dueDate).toBe('2027-03-08');

  const suspended = await handle.executeUpdate(suspendStepUpdate, {
    args: [{ reason: 'Tòa án yêu cầu bổ sung tài liệu', fromDate: '2027-03-02' }],
  });
  expect(suspended.status).toBe('SUSPENDED');
  expect(suspended.dueDate).toBe('2027-03-08'); // unchanged until the clock restarts

  // Stopped Tuesday, restarted Friday: Wednesday, Thursday, Friday did not count.
  const resumed = await handle.executeUpdate(resumeStepUpdate, { args: [{ onDate: '2027-03-05' }] });
  expect(resumed.status).toBe('OPEN');
  expect(resumed.dueDate).toBe('2027-03-11');
  // Its reminders follow the new date (two working days before, and the morning of the day).
  expect(resumed.firePoints.filter((p) => p.kind === 'REMINDER').map((p) => p.at)).toEqual([
    '2027-03-09T01:00:00.000Z',
    '2027-03-11T01:00:00.000Z',
  ]);
  expect(resumed.firePoints.find((p) => p.kind === 'ESCALATION' && p.rung === 1)?.at).toBe(
    '2027-03-12T01:00:00.000Z',
  );

  const step = await db.step.findUniqueOrThrow({
    where: { id: plan.stepId },
    include: { events: { orderBy: { revision: 'asc' } } },
  });
  expect(dateColumnToIso(step.dueDate)).toBe('2027-03-11');
  expect(step.events.map((e) => e.kind)).toEqual(['OPENED', 'SUSPENDED', 'RESUMED']);
  const explanation = step.explanation as unknown as DueDateExplanation;
  expect(explanation.baseDueDate).toBe('2027-03-08');
  expect(explanation.adjustments).toEqual([
    expect.objectContaining({
      dueDateBefore: '2027-03-08',
      dueDateAfter: '2027-03-11',
      shift: { amount: 3, unit: 'WORKING_DAYS' },
    }),
  ]);
  expect(explanation.summaryVi).toContain('11/03/2027');
});

it('extends by working days with a reason, and refuses an extension without one', async () => {
  const { handle, plan } = await openStep({});
  const extended = await handle.executeUpdate(extendStepUpdate, {
    args: [{ amount: 2, reason: 'Gia hạn theo đề nghị của Trưởng Công an xã' }],
  });
  expect(extended.dueDate).toBe('2027-03-10');
  const refused = await handle
    .executeUpdate(extendStepUpdate, { args: [{ amount: 2, reason: ' ' }] })
    .catch((e: unknown) => e);
  expect(refused).toBeInstanceOf(Error);
  expect((await db.step.findUniqueOrThrow({ where: { id: plan.stepId } })).revision).toBe(1);
});

it('skips the Tết break when it counts, and explains the due date', async () => {
  const { plan } = await openStep({ startDate: '2027-02-04' });
  // Thursday 04/02/2027 + 5 working days: Friday 05/02 is the eve of Tết, the break runs to the substitute days.
  const step = await db.step.findUniqueOrThrow({ where: { id: plan.stepId } });
  const explanation = step.explanation as unknown as DueDateExplanation;
  expect(explanation.skipped.some((day) => day.kind === 'HOLIDAY' && day.date === '2027-02-06')).toBe(true);
  expect(explanation.rule).toMatchObject({ key: 'CRA.D2', confidence: 'CONFIRMED' });
  expect(explanation.startEvent).toMatchObject({ code: 'ART32_GROUNDS_FOUND', date: '2027-02-04' });
  expect(explanation.summaryEn).toMatch(/^Due 2027-02-\d\d: 5 working days from 2027-02-04/);
});

it('leaves open steps alone when a holiday override or a rule override arrives later, and replays their histories', async () => {
  const before = await openStep({ startDate: '2031-03-03' });
  expect(before.plan.dueDate).toBe('2031-03-10');

  await db.calendarOverride.create({
    data: {
      date: isoToDateColumn('2031-03-05'),
      kind: 'DAY_OFF',
      nameVi: 'Nghỉ bù (thử)',
      nameEn: 'Announced day off (test)',
      source: 'test',
    },
  });
  await province.setRule('CRA.D2', { reminders: [{ unit: 'WORKING_DAYS', amount: 3 }] });
  try {
    const after = await openStep({ startDate: '2031-03-03' });
    expect(after.plan.dueDate).toBe('2031-03-11'); // the new step sees the day off
    expect(after.plan.firePoints.filter((p) => p.kind === 'REMINDER')).toHaveLength(1); // and the new reminders

    const stillBefore = await db.step.findUniqueOrThrow({ where: { id: before.plan.stepId } });
    expect(dateColumnToIso(stillBefore.dueDate)).toBe('2031-03-10');
    expect((await before.handle.query<{ plan: StepPlan }>('step.state')).plan.firePoints).toEqual(
      before.plan.firePoints,
    );

    // A suspension of the old step moves it from its own date, not from a recomputed one.
    await before.handle.executeUpdate(suspendStepUpdate, {
      args: [{ reason: 'chờ', fromDate: '2031-03-03' }],
    });
    const resumed = await before.handle.executeUpdate(resumeStepUpdate, { args: [{ onDate: '2031-03-04' }] });
    expect(resumed.dueDate).toBe('2031-03-11');

    for (const handle of [before.handle, after.handle]) {
      const history = await handle.fetchHistory();
      await expect(Worker.runReplayHistory({ workflowBundle: bundle, dataConverter: testDataConverter() }, history)).resolves.toBeUndefined();
    }
  } finally {
    await db.calendarOverride.delete({ where: { date: isoToDateColumn('2031-03-05') } });
  }
});
