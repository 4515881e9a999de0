import { Client, Connection, type WorkflowHandle } from '@temporalio/client';
import { NativeConnection, Worker } from '@temporalio/worker';
import { createActivities } from '../../activities';
import { writeIfStillDue, type PreparedNotification } from '../../activities/deadlines/notification-at-instant';
import { createDb, type Db } from '../../db/client';
import type { FirePoint } from '../../domain/deadlines/deadline-types';
import { DEADLINE_STEP_WORKFLOW, clockTaskQueue, extendStepUpdate, completeStepUpdate, type OpenStepInput, type StepPlan } from '../../workflows/deadlines/contract';
import { bundleWorkflows, RestartableWorker, testActivityDependencies } from '../support/deadline-worker';
import { quietTemporalRuntime } from '../support/quiet-temporal';
import { createTestProvince, type TestProvince } from '../support/test-province';
import { testDatabaseUrl, testDataConverter, testTemporalAddress, uniqueTaskQueue } from '../support/test-env';

/**
 * A notification is armed ahead of its instant (an activity on the clock task queue waits for it)
 * and written at it only if its step is still as its workflow armed it. The guard is the step's
 * row in PostgreSQL: these tests take it through every way a step changes, including a completion
 * committing at the same moment, and then through a real workflow whose due date moves after its
 * reminder was armed.
 */
jest.setTimeout(120_000);

let db: Db;
let province: TestProvince;
/** A province whose ladder spans more than one armed point: due 20 s after opening, a reminder 17 s before, a rung 1 s after. */
let wideProvince: TestProvince;
let dependencies: ReturnType<typeof testActivityDependencies>;
let activities: ReturnType<typeof createActivities>;
let worker: RestartableWorker;
let bundle: Awaited<ReturnType<typeof bundleWorkflows>>;
let connection: Connection;
let client: Client;
const taskQueue = uniqueTaskQueue('armed');

// Due 8 s after opening; a reminder 5 s before; a rung 1 s after.
const RULE = 'CRA.D3';
const ladder = {
  budget: { kind: 'ELAPSED', seconds: 8 },
  reminders: [{ unit: 'SECONDS', amount: 5 }],
  escalations: [{ after: { unit: 'SECONDS', amount: 1 }, to: { agencyKind: 'COMMUNE_POLICE', role: 'COMMUNE_POLICE_HEAD' } }],
} as const;

beforeAll(async () => {
  quietTemporalRuntime();
  db = createDb(testDatabaseUrl(), { maxConnections: 6 });
  province = await createTestProvince(db, 'armed');
  await province.setRule(RULE, ladder as never);
  wideProvince = await createTestProvince(db, 'armed-wide');
  await wideProvince.setRule(RULE, { ...ladder, budget: { kind: 'ELAPSED', seconds: 20 }, reminders: [{ unit: 'SECONDS', amount: 17 }] } as never);
  dependencies = testActivityDependencies(db);
  activities = createActivities(dependencies);
  bundle = await bundleWorkflows();
  worker = new RestartableWorker(taskQueue, bundle, dependencies);
  await worker.start();
  connection = await Connection.connect({ address: testTemporalAddress() });
  client = new Client({ connection, dataConverter: testDataConverter() });
});

afterAll(async () => {
  await worker.stop();
  await dependencies.close();
  await connection.close();
  await db.$disconnect();
});

let counter = 0;
function stepInput(of: TestProvince = province): OpenStepInput {
  counter += 1;
  return { caseRef: `${of.provinceId}-ARMED-${counter}`, stepKey: 'D3', ruleKey: RULE, jurisdictionId: of.communeId, startDate: '2026-11-20' };
}

/** A step opened directly through its activity (no workflow keeps its time here). */
async function openStep(): Promise<StepPlan> {
  return activities.openStep({ ...stepInput(), workflowId: `armed-direct-${Date.now()}-${counter}`, openedAt: new Date().toISOString() });
}

function prepared(plan: StepPlan, point: FirePoint, at = new Date(Date.now() - 1).toISOString(), revision = plan.revision): PreparedNotification {
  return {
    stepId: plan.stepId,
    revision,
    point: { ...point, at },
    text: { titleVi: 'Nhắc hạn', titleEn: 'Reminder', bodyVi: 'nội dung', bodyEn: 'body' },
    deliveries: [{ channel: 'EMAIL', target: 'commune-police@example.invalid' }],
  };
}

const reminderOf = (plan: StepPlan) => plan.firePoints.find((point) => point.kind === 'REMINDER')!;
const notificationsOf = (stepId: string) => db.notification.findMany({ where: { stepId }, include: { inboxItems: true, deliveries: true } });

it('writes a notification, its inbox item and its delivery once at its instant, and a retry finds them', async () => {
  const plan = await openStep();
  const [written] = await writeIfStillDue(db, [prepared(plan, reminderOf(plan))]);
  expect(written).toMatchObject({ outcome: 'RECORDED', created: true });
  const [again] = await writeIfStillDue(db, [prepared(plan, reminderOf(plan))]);
  if (written?.outcome !== 'RECORDED' || again?.outcome !== 'RECORDED') throw new Error('not recorded');
  expect(again).toEqual({ ...written, created: false });
  expect(written.pendingDeliveryIds).toHaveLength(1);

  const rows = await notificationsOf(plan.stepId);
  expect(rows).toHaveLength(1);
  expect(rows[0]!.inboxItems.map((item) => [item.agencyId, item.role])).toEqual([[reminderOf(plan).recipient.agencyId, reminderOf(plan).recipient.role]]);
  expect(rows[0]!.deliveries.map((d) => [d.id, d.status])).toEqual([[written.pendingDeliveryIds[0], 'PENDING']]);
  expect(rows[0]!.firedAt.getTime()).toBeGreaterThanOrEqual(rows[0]!.scheduledAt.getTime());
});

it('writes nothing before the database’s clock reaches the instant, and says how long to wait', async () => {
  const plan = await openStep();
  const [early] = await writeIfStillDue(db, [prepared(plan, reminderOf(plan), new Date(Date.now() + 5_000).toISOString())]);
  expect(early?.outcome).toBe('EARLY');
  if (early?.outcome !== 'EARLY') return;
  expect(early.waitMs).toBeGreaterThan(0);
  expect(early.waitMs).toBeLessThanOrEqual(5_000);
  expect(await notificationsOf(plan.stepId)).toHaveLength(0);
});

it('writes nothing for a step changed before the instant it was armed for: re-timed, completed', async () => {
  const plan = await openStep();
  const point = reminderOf(plan);
  const instant = new Date(Date.now() - 1).toISOString();
  expect(await writeIfStillDue(db, [prepared(plan, point, instant, plan.revision + 1)])).toEqual([{ outcome: 'STALE' }]);
  // Completed a minute before the reminder's instant: it was never due.
  await activities.completeStep({ stepId: plan.stepId, revision: plan.revision + 1, at: new Date(Date.parse(instant) - 60_000).toISOString(), outcome: 'done' });
  expect(await writeIfStillDue(db, [prepared(plan, point, instant)])).toEqual([{ outcome: 'STALE' }]);
  expect(await notificationsOf(plan.stepId)).toHaveLength(0);
});

it('writes a point whose instant came before a change, however late its write comes: it was due first', async () => {
  // A worker lost while the reminder waited: its retry comes after the official completed the step.
  const plan = await openStep();
  const point = reminderOf(plan);
  const instant = new Date(Date.now() - 30_000).toISOString();
  await activities.completeStep({ stepId: plan.stepId, revision: plan.revision + 1, at: new Date().toISOString(), outcome: 'done' });
  const [written] = await writeIfStillDue(db, [prepared(plan, point, instant)]);
  expect(written).toMatchObject({ outcome: 'RECORDED', created: true });
  expect(await notificationsOf(plan.stepId)).toHaveLength(1);
  // A step stopped after the instant: the reminder was due first too; a rung armed under the stopped plan is not.
  const other = await openStep();
  const stopped = await activities.suspendStep({ stepId: other.stepId, revision: other.revision + 1, at: new Date().toISOString(), reason: 'chờ giám định' });
  expect((await writeIfStillDue(db, [prepared(other, reminderOf(other), instant)]))[0]).toMatchObject({ outcome: 'RECORDED' });
  expect(await writeIfStillDue(db, [prepared(stopped, { ...reminderOf(other), key: `${other.stepId}:rung-test`, kind: 'ESCALATION' }, instant)])).toEqual([{ outcome: 'STALE' }]);
});

it('lets the procedure’s own limit speak while the clock is stopped, and nothing else', async () => {
  const plan = await openStep();
  const stopped = await activities.suspendStep({ stepId: plan.stepId, revision: plan.revision + 1, at: new Date().toISOString(), reason: 'chờ giám định' });
  const reminder = reminderOf(plan);
  const limit: FirePoint = { ...reminder, key: `${plan.stepId}:statutory-limit-test`, kind: 'STATUTORY_LIMIT' };
  const [forReminder, forLimit] = await writeIfStillDue(db, [prepared(stopped, reminder), prepared(stopped, limit)]);
  expect(forReminder).toEqual({ outcome: 'STALE' });
  expect(forLimit).toMatchObject({ outcome: 'RECORDED', created: true });
  expect((await notificationsOf(plan.stepId)).map((row) => row.kind)).toEqual(['STATUTORY_LIMIT']);
});

it('waits for a completion committing at the same moment, and then writes nothing when it came before the instant', async () => {
  const plan = await openStep();
  let commit!: () => void;
  const held = new Promise<void>((resolve) => (commit = resolve));
  let updated!: () => void;
  const rowLocked = new Promise<void>((resolve) => (updated = resolve));
  const completion = db.$transaction(
    async (tx) => {
      // Completed before the reminder's instant (its ledger entry says when): the reminder was never due.
      const completed = await tx.step.update({ where: { id: plan.stepId }, data: { status: 'COMPLETED', revision: { increment: 1 } } });
      await tx.stepEvent.create({ data: { stepId: plan.stepId, revision: completed.revision, kind: 'COMPLETED', occurredAt: new Date(Date.now() - 60_000) } });
      updated();
      await held;
    },
    { timeout: 30_000 },
  );
  await rowLocked;
  let settled = false;
  const write = writeIfStillDue(db, [prepared(plan, reminderOf(plan))]).finally(() => (settled = true));
  // The guard cannot be read while the completion holds the step's row.
  await new Promise((resolve) => setTimeout(resolve, 500));
  expect(settled).toBe(false);
  commit();
  await completion;
  expect(await write).toEqual([{ outcome: 'STALE' }]);
  expect(await notificationsOf(plan.stepId)).toHaveLength(0);
});

/** A step workflow's plan, once it has opened. */
async function openedPlan(handle: WorkflowHandle): Promise<StepPlan> {
  for (;;) {
    const plan = (await handle.query<{ plan?: StepPlan }>('step.state')).plan;
    if (plan) return plan;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

it('writes a reminder whose armed write was held up past its instant and past the step’s completion', async () => {
  // Nobody serves the clock queue while the reminder waits (its worker lost): the official completes
  // the step after the reminder's instant, and only then is the armed write taken over. The
  // reminder was due first, so it is written; the rung, due after the completion, is not.
  const queue = uniqueTaskQueue('armed-late');
  const connection = await NativeConnection.connect({ address: testTemporalAddress() });
  const engine = await Worker.create({ connection, namespace: 'default', taskQueue: queue, workflowBundle: bundle, activities, dataConverter: testDataConverter() });
  const running = engine.run();
  try {
    const input = stepInput();
    const handle = await client.workflow.start(DEADLINE_STEP_WORKFLOW, { taskQueue: queue, workflowId: `step:${input.caseRef}:${input.stepKey}`, args: [input] });
    const plan = await openedPlan(handle);
    const reminder = reminderOf(plan);
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, Date.parse(reminder.at) - Date.now()) + 500));
    expect(await notificationsOf(plan.stepId)).toHaveLength(0);
    expect((await handle.executeUpdate(completeStepUpdate, { args: [{}] })).status).toBe('COMPLETED');

    const clock = await Worker.create({
      connection,
      namespace: 'default',
      taskQueue: clockTaskQueue(queue),
      activities: { recordWhenDue: activities.recordWhenDue },
      dataConverter: testDataConverter(),
    });
    await clock.runUntil(handle.result());
    const rows = await notificationsOf(plan.stepId);
    expect(rows.map((row) => [row.kind, row.scheduledAt.toISOString()])).toEqual([['REMINDER', reminder.at]]);
    expect(rows[0]!.inboxItems).toHaveLength(1);
  } finally {
    engine.shutdown();
    await running;
    await connection.close();
  }
});

/** Starts a step's workflow, extends it by `seconds` once open, and answers its points before and after with its two notifications. */
async function extendedOnceOpen(input: OpenStepInput, seconds: number) {
  const handle = await client.workflow.start(DEADLINE_STEP_WORKFLOW, { taskQueue, workflowId: `step:${input.caseRef}:${input.stepKey}`, args: [input] });
  let plan: StepPlan | undefined;
  while (!plan) {
    plan = (await handle.query<{ plan?: StepPlan }>('step.state')).plan;
    if (!plan) await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const before = plan.firePoints.map((point) => point.at);
  const extended = await handle.executeUpdate(extendStepUpdate, { args: [{ amount: seconds, reason: 'gia hạn xác minh' }] });
  const after = extended.firePoints.map((point) => point.at);
  expect(after.map((at, i) => Date.parse(at) - Date.parse(before[i]!))).toEqual([seconds * 1000, seconds * 1000]);

  const deadline = Date.now() + 60_000;
  let rows = await notificationsOf(plan.stepId);
  while (rows.length < 2 && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 250));
    rows = await notificationsOf(plan.stepId);
  }
  rows.sort((a, b) => a.scheduledAt.getTime() - b.scheduledAt.getTime());
  await handle.executeUpdate(completeStepUpdate, { args: [{}] });
  await handle.result();
  expect(await notificationsOf(plan.stepId)).toHaveLength(2);
  return { after, rows };
}

it('does not write a reminder armed before the due date moved, and writes it at its new instant', async () => {
  // Both points lie within the arming span: both are armed as the step opens.
  const { after, rows } = await extendedOnceOpen(stepInput(), 6);
  expect(rows.map((row) => [row.kind, row.scheduledAt.toISOString()])).toEqual([
    ['REMINDER', after[0]],
    ['ESCALATION', after[1]],
  ]);
  for (const row of rows) expect(row.firedAt.getTime()).toBeGreaterThanOrEqual(row.scheduledAt.getTime());
});

it('arms a new instant that comes before a point still armed under the old plan', async () => {
  // Reminder 3 s and rung 21 s after opening, both armed at once; extended by 6 s, the reminder's
  // new instant (9 s) comes before the old rung's (21 s), which comes back unwritten only then.
  // Waiting for it before planning again wrote the reminder 12 s late.
  const { after, rows } = await extendedOnceOpen(stepInput(wideProvince), 6);
  expect(rows.map((row) => [row.kind, row.scheduledAt.toISOString()])).toEqual([
    ['REMINDER', after[0]],
    ['ESCALATION', after[1]],
  ]);
  const [reminder] = rows;
  expect(reminder!.firedAt.getTime()).toBeGreaterThanOrEqual(reminder!.scheduledAt.getTime());
  expect(reminder!.firedAt.getTime() - reminder!.scheduledAt.getTime()).toBeLessThan(5_000);
});
