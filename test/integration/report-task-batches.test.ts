import { randomUUID } from 'node:crypto';
import request from 'supertest';
import type { RunSnapshot } from '../../activities/reporting/reporting.activities';
import {
  DEADLINE_STEP_WORKFLOW,
  deadlineStepWorkflowId,
} from '../../workflows/deadlines/contract';
import {
  REPORT_TASKS_PER_BATCH,
  reportScheduleId,
  reportStepWorkflowId,
  reportTasksStateQuery,
  reportTasksWorkflowId,
  type ReportingRunResult,
} from '../../workflows/reporting/reporting-contract';
import { startApiHarness, type ApiHarness } from '../support/api-harness';
import { until } from '../support/case-driver';
import { bundleWorkflows, RestartableWorker, testActivityDependencies } from '../support/deadline-worker';
import { quietTemporalRuntime } from '../support/quiet-temporal';
import { quarterlyCycleBody } from '../support/reporting-cycle-body';
import { createTestProvince, type TestProvince } from '../support/test-province';
import { uniqueTaskQueue } from '../support/test-env';

/**
 * A run's report tasks are kept in batches of REPORT_TASKS_PER_BATCH deadline steps per workflow
 * (a national cycle's 3,321 communes in 34 workflows instead of 3,321). One more commune than a
 * batch holds makes two batches; each task is still a step of its own, owned, due, closed by its
 * report and by nothing else. A run begun before batches (its report rows naming a workflow per
 * task) keeps that workflow per task when it is started again, and its reports still close them.
 */
jest.setTimeout(180_000);

let api: ApiHarness;
let worker: RestartableWorker;
let dependencies: ReturnType<typeof testActivityDependencies>;
let province: TestProvince;
let coordinator = '';
const taskQueue = uniqueTaskQueue('report-batches');
const cycleId = () => `${province.provinceId}-QUARTERLY`;
const UNITS = REPORT_TASKS_PER_BATCH + 5;
// Due 12 s after the tasks open; a reminder 6 s before, a rung to the province 1 s after.
const DRILL = {
  budget: { kind: 'ELAPSED', seconds: 12 },
  reminders: [{ unit: 'SECONDS', amount: 6 }],
  escalations: [{ after: { unit: 'SECONDS', amount: 1 }, to: { agencyKind: 'PROVINCIAL_POLICE_DRUG_DIVISION', role: 'PROVINCIAL_COORDINATOR' } }],
} as const;
let units: string[] = [];

beforeAll(async () => {
  quietTemporalRuntime();
  api = await startApiHarness({ taskQueue });
  province = await createTestProvince(api.db, 'report-batches');
  // The province's own commune and UNITS - 1 more, each with its People's Committee.
  const more = await province.addCommunes('B', UNITS - 1);
  units = [province.communeId, ...more].sort();
  await province.setRule('REPORT.QUARTERLY', DRILL as never);
  coordinator = await province.addUser(province.agency.drugDivision, ['PROVINCIAL_COORDINATOR']);
  dependencies = testActivityDependencies(api.db);
  worker = new RestartableWorker(taskQueue, await bundleWorkflows(), dependencies);
  await worker.start();

  const token = `Bearer ${await api.tokenFor(coordinator)}`;
  const created = await request(api.app).post('/reporting/cycles').set('Authorization', token).send(quarterlyCycleBody(province, cycleId()));
  expect(created.status).toBe(201);
  // Runs here are started by hand for named periods: the schedule stays out of the way.
  await request(api.app).post(`/reporting/cycles/${cycleId()}/pause`).set('Authorization', token).send({});
});

afterAll(async () => {
  await api.temporal.schedule.getHandle(reportScheduleId(cycleId())).delete().catch(() => undefined);
  await worker.stop();
  await dependencies.close();
  await api.close();
});

async function startRun(periodKey: string): Promise<ReportingRunResult> {
  const started = await request(api.app)
    .post(`/reporting/cycles/${cycleId()}/runs`)
    .set('Authorization', `Bearer ${await api.tokenFor(coordinator)}`)
    .send({ periodKey });
  expect(started.status).toBe(202);
  return (await api.temporal.workflow.getHandle(started.body.workflowId as string).result()) as ReportingRunResult;
}

async function submit(runId: string, unit: string) {
  const official = await province.addUser(`${unit === province.communeId ? province.agency.communeCommittee : `${unit}-UBND`}`, ['COMMUNE_OFFICIAL']);
  return request(api.app)
    .post(`/reports/${runId}:${unit}/versions`)
    .set('Authorization', `Bearer ${await api.tokenFor(official)}`)
    .set('Idempotency-Key', randomUUID())
    .send({});
}

it('keeps one more task than a batch holds in two batches, each task a step of its own closed by its report alone', async () => {
  const result = await startRun('2026-Q4');
  const runId = `${cycleId()}:2026-Q4`;
  expect(result).toEqual({ runId, opened: UNITS, alreadyOpen: 0 });

  const steps = await until(async () => {
    const rows = await api.db.step.findMany({ where: { caseRef: runId }, orderBy: { jurisdictionId: 'asc' } });
    return rows.length === UNITS ? rows : undefined;
  }, 'every report task open');
  const [first, second] = [reportTasksWorkflowId(runId, 0), reportTasksWorkflowId(runId, 1)];
  const reports = await api.db.report.findMany({ where: { runId }, orderBy: { jurisdictionId: 'asc' } });
  expect(reports.map((report) => report.jurisdictionId)).toEqual(units);
  expect(reports.filter((report) => report.stepWorkflowId === first)).toHaveLength(REPORT_TASKS_PER_BATCH);
  expect(reports.filter((report) => report.stepWorkflowId === second)).toHaveLength(UNITS - REPORT_TASKS_PER_BATCH);
  // Each step is "<its batch>/<its unit>", owned by its own commune's committee.
  for (const [index, step] of steps.entries()) {
    const report = reports[index]!;
    expect(step.id).toBe(`${report.stepWorkflowId}/${report.jurisdictionId}`);
    expect(step.workflowId).toBe(report.stepWorkflowId);
    expect(step.ownerAgencyId).toBe(report.jurisdictionId === province.communeId ? province.agency.communeCommittee : `${report.jurisdictionId}-UBND`);
    expect(step.status).toBe('OPEN');
  }

  // A commune of the second batch submits: its task closes, every other stays open.
  const unit = reports.find((report) => report.stepWorkflowId === second)!.jurisdictionId;
  const submitted = await submit(runId, unit);
  expect(submitted.status).toBe(201);
  expect(submitted.body).toMatchObject({ version: 1, taskClosed: true });
  const after = await api.db.step.findMany({ where: { caseRef: runId } });
  expect(after.filter((step) => step.status === 'COMPLETED').map((step) => step.jurisdictionId)).toEqual([unit]);
  const state = await api.temporal.workflow.getHandle(second).query(reportTasksStateQuery);
  expect(Object.keys(state).sort()).toEqual(reports.filter((report) => report.stepWorkflowId === second).map((r) => r.jurisdictionId));
  expect(Object.entries(state).filter(([, task]) => task.plan?.status === 'COMPLETED').map(([key]) => key)).toEqual([unit]);

  // Starting the same period again opens nothing twice.
  expect(await startRun('2026-Q4')).toEqual({ runId, opened: 0, alreadyOpen: UNITS });
  expect(await api.db.step.count({ where: { caseRef: runId } })).toBe(UNITS);

  // The first batch's hundred tasks opened together: each reminder and each rung is written once per
  // open task, at its instant, and the hundred of one instant were armed in one activity.
  const firstBatch = steps.filter((step) => step.workflowId === first);
  const open = firstBatch.filter((step) => step.jurisdictionId !== unit);
  const written = await until(async () => {
    const rows = await api.db.notification.findMany({ where: { stepId: { in: firstBatch.map((step) => step.id) } } });
    return rows.length >= 2 * open.length ? rows : undefined;
  }, 'the first batch’s reminders and rungs', 60_000);
  expect(written).toHaveLength(2 * open.length);
  expect(new Set(written.map((row) => row.key)).size).toBe(written.length);
  for (const row of written) expect(row.firedAt.getTime()).toBeGreaterThanOrEqual(row.scheduledAt.getTime());
  const instants = new Set(written.map((row) => row.scheduledAt.toISOString()));
  const history = await api.temporal.workflow.getHandle(first).fetchHistory();
  const armed = (history.events ?? []).filter(
    (event) => event.activityTaskScheduledEventAttributes?.activityType?.name === 'recordWhenDue',
  );
  expect(armed).toHaveLength(instants.size);
});

it('keeps a workflow per task for a run begun before batches, and its reports still close them', async () => {
  // The run as the code before batches recorded it: its snapshot and a report row per unit naming
  // the unit's own workflow; its run workflow had not started every task yet.
  const periodKey = '2027-Q1';
  const runId = `${cycleId()}:${periodKey}`;
  const earlier = units.slice(0, 2);
  const snapshot: RunSnapshot = { revision: 1, ruleKey: 'REPORT.QUARTERLY', startDate: '2027-01-01', receiverAgencyId: province.agency.drugDivision, units: earlier };
  await api.db.reportRun.create({
    data: {
      id: runId,
      cycleId: cycleId(),
      periodKey,
      periodStart: new Date('2027-01-01'),
      periodEnd: new Date('2027-03-31'),
      windowFrom: new Date('2026-12-15'),
      windowTo: new Date('2027-03-14'),
      cycleRevision: 1,
      snapshot: snapshot as never,
    },
  });
  await api.db.report.createMany({
    data: earlier.map((unit) => ({ id: `${runId}:${unit}`, runId, jurisdictionId: unit, provinceId: province.provinceId, stepWorkflowId: reportStepWorkflowId(runId, unit) })),
  });

  expect(await startRun(periodKey)).toEqual({ runId, opened: 2, alreadyOpen: 0 });
  const steps = await until(async () => {
    const rows = await api.db.step.findMany({ where: { caseRef: runId }, orderBy: { jurisdictionId: 'asc' } });
    return rows.length === 2 ? rows : undefined;
  }, 'the two tasks open');
  expect(steps.map((step) => step.id)).toEqual(earlier.map((unit) => `${deadlineStepWorkflowId(runId, unit)}/${unit}`));
  for (const unit of earlier) {
    const description = await api.temporal.workflow.getHandle(reportStepWorkflowId(runId, unit)).describe();
    expect(description.type).toBe(DEADLINE_STEP_WORKFLOW);
  }

  const submitted = await submit(runId, earlier[1]!);
  expect(submitted.body).toMatchObject({ version: 1, taskClosed: true });
  const closed = await api.db.step.findMany({ where: { caseRef: runId }, orderBy: { jurisdictionId: 'asc' } });
  expect(closed.map((step) => step.status)).toEqual(['OPEN', 'COMPLETED']);
});
