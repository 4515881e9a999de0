import { randomUUID } from 'node:crypto';
import ExcelJS from 'exceljs';
import request from 'supertest';
import { FIGURES } from '../../domain/reporting/report-figures';
import { ReportSchedules } from '../../temporal/report-schedules';
import { closeTasksLeftOpen, reportTasksLeftOpen } from '../../temporal/report-tasks';
import { reportScheduleId } from '../../workflows/reporting/reporting-contract';
import { startApiHarness, type ApiHarness } from '../support/api-harness';
import { binaryBody } from '../support/binary-body';
import { until } from '../support/case-driver';
import { bundleWorkflows, RestartableWorker, testActivityDependencies } from '../support/deadline-worker';
import { quietTemporalRuntime } from '../support/quiet-temporal';
import { seedCase as seedCaseOnRecord } from '../support/seed-case';
import { createTestProvince, type TestProvince } from '../support/test-province';
import { uniqueTaskQueue } from '../support/test-env';

/**
 * A quarterly reporting cycle for three communes and their province, on the real Temporal server
 * (a real Schedule) and PostgreSQL. The province configures its report deadline in seconds and
 * the cycle to run every few seconds, as a drill would; nothing in the code is shortened.
 */
jest.setTimeout(180_000);

let api: ApiHarness;
let worker: RestartableWorker;
let dependencies: ReturnType<typeof testActivityDependencies>;
let province: TestProvince;
const taskQueue = uniqueTaskQueue('reporting');
const communes: { id: string; committee: string; official: string }[] = [];
let coordinator = '';
let cycleId = '';
const tokens = new Map<string, string>();

// Due 10 s after the task opens; reminders 6 s and 3 s before; the province 1 s after, the steering committee 2 s after.
const DRILL_DEADLINE = {
  budget: { kind: 'ELAPSED', seconds: 10 },
  reminders: [
    { unit: 'SECONDS', amount: 6 },
    { unit: 'SECONDS', amount: 3 },
  ],
  escalations: [
    { after: { unit: 'SECONDS', amount: 1 }, to: { agencyKind: 'PROVINCIAL_POLICE_DRUG_DIVISION', role: 'PROVINCIAL_COORDINATOR' } },
    { after: { unit: 'SECONDS', amount: 2 }, to: { agencyKind: 'PROVINCIAL_STEERING_COMMITTEE', role: 'PROVINCIAL_COORDINATOR' } },
  ],
} as const;

async function as(user: string) {
  const known = tokens.get(user) ?? (await api.tokenFor(user));
  tokens.set(user, known);
  return `Bearer ${known}`;
}

/** A case on record with the given timeline: the figures must come out of these rows. */
const seedCase = (jurisdictionId: string, events: { kind: string; on: string; details?: object }[], noStableResidence = false) =>
  seedCaseOnRecord(api.db, { jurisdictionId, provinceId: province.provinceId }, events, noStableResidence);

beforeAll(async () => {
  quietTemporalRuntime();
  api = await startApiHarness({ taskQueue });
  province = await createTestProvince(api.db, 'reporting');
  await province.setRule('REPORT.QUARTERLY', DRILL_DEADLINE as never);
  const first = { id: province.communeId, committee: province.agency.communeCommittee };
  const others = [await province.addCommune('X2'), await province.addCommune('X3')].map((c) => ({
    id: c.communeId,
    committee: c.communeCommittee,
  }));
  for (const commune of [first, ...others])
    communes.push({ ...commune, official: await province.addUser(commune.committee, ['COMMUNE_OFFICIAL']) });
  coordinator = await province.addUser(province.agency.drugDivision, ['PROVINCIAL_COORDINATOR']);

  // The quarter 2026-Q4 under the local plans' window: 5/9/2026 to 4/12/2026.
  const [x1, x2, x3] = communes.map((c) => c.id) as [string, string, string];
  await seedCase(x1, [
    { kind: 'DOSSIER_FILED', on: '2026-10-02' },
    { kind: 'TRANSFERRED_TO_COURT', on: '2026-10-06' },
    { kind: 'DECISION_RECORDED', on: '2026-10-20', details: { outcome: 'APPLY', months: 18 } },
    { kind: 'ADMITTED', on: '2026-11-02' },
  ]);
  await seedCase(x1, [{ kind: 'DOSSIER_FILED', on: '2026-11-10' }], true);
  await seedCase(x2, [
    { kind: 'DOSSIER_FILED', on: '2026-09-10' },
    { kind: 'DECISION_RECORDED', on: '2026-10-01', details: { outcome: 'NOT_APPLY' } },
  ]);
  await seedCase(x3, [{ kind: 'DOSSIER_FILED', on: '2026-08-20' }]); // before the window
  await seedCase(x3, [{ kind: 'DOSSIER_FILED', on: '2026-11-03' }]);

  dependencies = testActivityDependencies(api.db);
  worker = new RestartableWorker(taskQueue, await bundleWorkflows(), dependencies);
  await worker.start();
});

afterAll(async () => {
  if (cycleId) await api.temporal.schedule.getHandle(reportScheduleId(cycleId)).delete().catch(() => undefined);
  await worker.stop();
  await dependencies.close();
  await api.close();
});

const scheduledRuns = async () =>
  (await api.temporal.schedule.getHandle(reportScheduleId(cycleId)).describe()).info.numActionsTaken;

it('opens tasks on schedule, chases the late commune, and rolls up what was submitted', async () => {
  cycleId = `${province.provinceId}-QUARTERLY`;
  const created = await request(api.app)
    .post('/reporting/cycles')
    .set('Authorization', await as(coordinator))
    .send({
      id: cycleId,
      provinceId: province.provinceId,
      periodKind: 'QUARTERLY',
      nameVi: 'Báo cáo quý công tác cai nghiện',
      nameEn: 'Quarterly rehabilitation report',
      ruleKey: 'REPORT.QUARTERLY',
      receiverAgencyId: province.agency.drugDivision,
      config: {
        window: { preset: 'LOCAL_PLAN' },
        schedule: { kind: 'EVERY', seconds: 3 },
        receiverRuleKey: 'REPORT.PROVINCE.QUARTERLY',
      },
    });
  expect(created.status).toBe(201);

  // The schedule fires and one task per commune opens, owned by its People's Committee.
  const runId = `${cycleId}:2026-Q4`;
  const allSteps = await until(async () => {
    const rows = await api.db.step.findMany({ where: { caseRef: runId }, orderBy: { jurisdictionId: 'asc' } });
    return rows.length === 4 ? rows : undefined;
  }, 'three report tasks and the province’s own');
  const steps = allSteps.filter((step) => step.jurisdictionId !== province.provinceId);
  // The province reports upward the same way: its own task, for its coordinators, due later.
  const own = allSteps.find((step) => step.jurisdictionId === province.provinceId)!;
  expect([own.ruleKey, own.ownerAgencyId, own.ownerRole]).toEqual(['REPORT.PROVINCE.QUARTERLY', province.agency.drugDivision, 'PROVINCIAL_COORDINATOR']);
  expect(own.dueDate.toISOString().slice(0, 10)).toBe('2026-12-10');
  expect(steps.map((s) => [s.jurisdictionId, s.ownerAgencyId, s.ownerRole, s.procedure])).toEqual(
    communes.map((c) => [c.id, c.committee, 'COMMUNE_CHAIRMAN', 'REPORTING']),
  );
  const run = await api.db.reportRun.findUniqueOrThrow({ where: { id: runId } });
  expect([run.windowFrom.toISOString().slice(0, 10), run.windowTo.toISOString().slice(0, 10)]).toEqual(['2026-09-05', '2026-12-04']);

  // Pausing stops new runs (the open tasks stay open).
  const paused = await request(api.app).post(`/reporting/cycles/${cycleId}/pause`).set('Authorization', await as(coordinator)).send({});
  expect(paused.body.schedule.paused).toBe(true);
  const [x1, x2, x3] = communes as [(typeof communes)[number], (typeof communes)[number], (typeof communes)[number]];

  // Two communes submit: the first as the record says, the second with a reasoned correction.
  const x1Report = await request(api.app).get(`/reports/${runId}:${x1.id}`).set('Authorization', await as(x1.official));
  expect(x1Report.status).toBe(200);
  expect(x1Report.body.prefill).toMatchObject({ dossiersCompiled: 2, dossiersWithoutStableResidence: 1, sentToCourt: 1, decisionsApply: 1, admissions: 1 });
  const submitted1 = await request(api.app)
    .post(`/reports/${runId}:${x1.id}/versions`)
    .set('Authorization', await as(x1.official))
    .set('Idempotency-Key', randomUUID())
    .send({ manual: { vocationalClasses: 1, vocationalTrainees: 30 } });
  expect(submitted1.status).toBe(201);
  expect(submitted1.body).toMatchObject({ version: 1, late: false, taskClosed: true });
  const noReason = await request(api.app)
    .post(`/reports/${runId}:${x2.id}/versions`)
    .set('Authorization', await as(x2.official))
    .set('Idempotency-Key', randomUUID())
    .send({ corrections: [{ key: 'dossiersCompiled', value: 2 }] });
  expect(noReason.status).toBe(400);
  expect(noReason.body.errors[0].field).toBe('body.corrections.0.reason');
  const key = randomUUID();
  const submitted2 = await request(api.app)
    .post(`/reports/${runId}:${x2.id}/versions`)
    .set('Authorization', await as(x2.official))
    .set('Idempotency-Key', key)
    .send({ corrections: [{ key: 'dossiersCompiled', value: 2, reason: 'Một hồ sơ lập trên giấy chưa nhập hệ thống' }] });
  expect(submitted2.status).toBe(201);
  const retried = await request(api.app)
    .post(`/reports/${runId}:${x2.id}/versions`)
    .set('Authorization', await as(x2.official))
    .set('Idempotency-Key', key)
    .send({ corrections: [{ key: 'dossiersCompiled', value: 2, reason: 'Một hồ sơ lập trên giấy chưa nhập hệ thống' }] });
  expect(retried.status).toBe(200);
  expect(retried.body.version).toBe(1);
  const reusedKey = await request(api.app)
    .post(`/reports/${runId}:${x2.id}/versions`)
    .set('Authorization', await as(x2.official))
    .set('Idempotency-Key', key)
    .send({ corrections: [{ key: 'dossiersCompiled', value: 3, reason: 'Một hồ sơ lập trên giấy chưa nhập hệ thống' }] });
  expect(reusedKey.status).toBe(409);

  // The third commune says nothing: reminded twice, then escalated to the province and the steering committee.
  const x3Step = steps[2]!;
  const chased = await until(async () => {
    const rows = await api.db.notification.findMany({ where: { stepId: x3Step.id }, orderBy: [{ scheduledAt: 'asc' }, { rung: 'asc' }] });
    return rows.length >= 4 ? rows : undefined;
  }, 'the late commune to be chased', 60_000);
  expect(chased.map((n) => [n.kind, n.recipientAgencyId, n.recipientRole])).toEqual([
    ['REMINDER', x3.committee, 'COMMUNE_CHAIRMAN'],
    ['REMINDER', x3.committee, 'COMMUNE_CHAIRMAN'],
    ['ESCALATION', province.agency.drugDivision, 'PROVINCIAL_COORDINATOR'],
    ['ESCALATION', province.agency.steeringCommittee, 'PROVINCIAL_COORDINATOR'],
  ]);
  for (const n of chased) expect(n.firedAt.getTime()).toBeGreaterThanOrEqual(n.scheduledAt.getTime());
  expect(await api.db.notification.count({ where: { stepId: { in: [steps[0]!.id, steps[1]!.id] }, kind: 'ESCALATION' } })).toBe(0);

  // The province's roll-up: two submitted, one late and missing, totals of what was submitted.
  const rollup = await request(api.app).get(`/reporting/runs/${runId}/rollup`).set('Authorization', await as(coordinator));
  expect(rollup.status).toBe(200);
  expect(rollup.body.counts).toEqual({ expected: 3, submitted: 2, late: 1, missing: 1 });
  expect(rollup.body.missing).toEqual([x3.id]);
  expect(rollup.body.late).toEqual([x3.id]);
  expect(rollup.body.units.map((u: { standing: string }) => u.standing)).toEqual(['SUBMITTED', 'SUBMITTED', 'OVERDUE']);
  expect(rollup.body.units[2].escalations).toBe(2);
  expect(rollup.body.totals).toMatchObject({
    dossiersCompiled: 4, // 2 in X1, and X2's corrected 2 (the record has 1 in the window)
    dossiersWithoutStableResidence: 1,
    sentToCourt: 1,
    decisionsApply: 1,
    decisionsNotApply: 1,
    admissions: 1,
    vocationalClasses: 1,
    vocationalTrainees: 30,
  });
  // The record across all three communes, missing one included: X3's November dossier, not its August one.
  expect(rollup.body.recordTotals).toMatchObject({ dossiersCompiled: 4, decisionsNotApply: 1 });

  // The workbook holds the same figures as the API.
  const xlsx = await request(api.app)
    .get(`/reporting/runs/${runId}/rollup?format=xlsx`)
    .set('Authorization', await as(coordinator))
    .buffer(true)
    .parse(binaryBody);
  expect(xlsx.status).toBe(200);
  const workbook = new ExcelJS.Workbook();
  // exceljs declares its own Buffer type; the bytes are the response's.
  await workbook.xlsx.load(xlsx.body as never);
  const sheet = workbook.getWorksheet('Tổng hợp')!;
  const rows = (sheet.getSheetValues() as unknown[][]).filter(Boolean).map((row) => row.slice(1));
  const headerIndex = rows.findIndex((row) => row[0] === 'STT');
  expect(rows[headerIndex]!.slice(5)).toEqual(FIGURES.map((f) => f.vi));
  const body = rows.slice(headerIndex + 1);
  expect(body).toHaveLength(4);
  rollup.body.units.forEach((unit: { name: string; standingVi: string; dueDate: string; figures: Record<string, number> | null }, index: number) => {
    const row = body[index]!;
    expect(row.slice(1, 3)).toEqual([unit.name, unit.standingVi]);
    expect(row[3]).toBe(unit.dueDate.split('-').reverse().join('/'));
    if (unit.figures) expect(row.slice(5)).toEqual(FIGURES.map((f) => unit.figures![f.key]));
  });
  expect(body[3]!.slice(5)).toEqual(FIGURES.map((f) => rollup.body.totals[f.key]));
  const csv = await request(api.app).get(`/reporting/runs/${runId}/rollup?format=csv`).set('Authorization', await as(coordinator));
  expect(csv.text.split('\r\n')[0]).toContain('Đơn vị,Tình trạng,Hạn nộp');

  // A commune reads its own report, not another's; the province reads them all.
  expect((await request(api.app).get(`/reports/${runId}:${x2.id}`).set('Authorization', await as(x1.official))).status).toBe(403);
  expect((await request(api.app).get(`/reporting/runs/${runId}/rollup`).set('Authorization', await as(x1.official))).status).toBe(403);
  const x3Read = await request(api.app).get(`/reports/${runId}:${x3.id}`).set('Authorization', await as(coordinator));
  expect(x3Read.status).toBe(200);
  expect(x3Read.body.standing).toBe('OVERDUE');

  // A submitted version never changes; a correction is the next version, and the first stays as it was.
  await expect(api.db.reportVersion.updateMany({ where: { reportId: `${runId}:${x1.id}` }, data: { note: 'x' } })).rejects.toThrow(/immutable/);
  // The province submits its own report upward; its figures are the record's for the whole province.
  const ownReport = await request(api.app)
    .post(`/reports/${rollup.body.ownReportId}/versions`)
    .set('Authorization', await as(coordinator))
    .set('Idempotency-Key', randomUUID())
    .send({ note: 'Xã X3 chưa nộp báo cáo' });
  expect(ownReport.status).toBe(201);
  const ownRead = await request(api.app).get(`/reports/${rollup.body.ownReportId}`).set('Authorization', await as(coordinator));
  expect(ownRead.body.versions[0].figures.dossiersCompiled).toBe(rollup.body.recordTotals.dossiersCompiled);
  expect((await request(api.app).get(`/reports/${rollup.body.ownReportId}`).set('Authorization', await as(x1.official))).status).toBe(403);

  const corrected = await request(api.app)
    .post(`/reports/${runId}:${x1.id}/versions`)
    .set('Authorization', await as(x1.official))
    .set('Idempotency-Key', randomUUID())
    .send({ corrections: [{ key: 'admissions', value: 2, reason: 'Bổ sung một người tiếp nhận ngày 30/11' }], manual: { vocationalClasses: 1, vocationalTrainees: 30 } });
  expect(corrected.body.version).toBe(2);
  const history = await request(api.app).get(`/reports/${runId}:${x1.id}`).set('Authorization', await as(x1.official));
  expect(history.body.versions.map((v: { figures: { admissions: number } }) => v.figures.admissions)).toEqual([1, 2]);
  expect(history.body.versions[1].corrections).toEqual([
    { key: 'admissions', computed: 1, submitted: 2, reason: 'Bổ sung một người tiếp nhận ngày 30/11' },
  ]);
});

it('pauses, resumes and reconfigures a cycle for future runs only', async () => {
  // The first test left the cycle paused: nothing runs while it is.
  const before = await scheduledRuns();
  await new Promise((resolve) => setTimeout(resolve, 7000));
  expect(await scheduledRuns()).toBe(before);
  await request(api.app).post(`/reporting/cycles/${cycleId}/resume`).set('Authorization', await as(coordinator)).send({});
  await until(async () => ((await scheduledRuns()) > before ? true : undefined), 'a run after resuming');

  const changedBody = () => ({
    nameVi: 'Báo cáo quý (ND 09/2019)',
    nameEn: 'Quarterly report (ND 09/2019)',
    ruleKey: 'REPORT.QUARTERLY',
    reporterIds: [communes[0]!.id, communes[1]!.id],
    receiverAgencyId: province.agency.drugDivision,
    config: { window: { preset: 'ND_09_2019' }, schedule: { kind: 'EVERY', seconds: 3600 } },
  });
  const changed = await request(api.app)
    .put(`/reporting/cycles/${cycleId}`)
    .set('Authorization', await as(coordinator))
    .send(changedBody());
  expect(changed.status).toBe(200);
  expect(changed.body.revision).toBe(2);
  const outside = await request(api.app)
    .put(`/reporting/cycles/${cycleId}`)
    .set('Authorization', await as(coordinator))
    .send({ ...changedBody(), reporterIds: ['SX-APL'] });
  expect(outside.status).toBe(400);
  expect(outside.body.errors[0].field).toBe('body.reporterIds.0');

  // The run already under way keeps its window and its three units…
  const current = await api.db.reportRun.findUniqueOrThrow({ where: { id: `${cycleId}:2026-Q4` } });
  expect(current.cycleRevision).toBe(1);
  expect(current.windowFrom.toISOString().slice(0, 10)).toBe('2026-09-05');
  expect(await api.db.report.count({ where: { runId: current.id } })).toBe(4);

  // …and the next period's run takes the new configuration.
  const next = await request(api.app)
    .post(`/reporting/cycles/${cycleId}/runs`)
    .set('Authorization', await as(coordinator))
    .send({ periodKey: '2027-Q1' });
  expect(next.status).toBe(202);
  const nextRun = await until(() => api.db.reportRun.findUnique({ where: { id: `${cycleId}:2027-Q1` } }).then((r) => r ?? undefined), 'the 2027-Q1 run');
  expect(nextRun.cycleRevision).toBe(2);
  expect([nextRun.windowFrom.toISOString().slice(0, 10), nextRun.windowTo.toISOString().slice(0, 10)]).toEqual(['2026-12-15', '2027-03-14']);
  await until(async () => ((await api.db.step.count({ where: { caseRef: nextRun.id } })) === 2 ? true : undefined), 'two tasks for 2027-Q1');

  // An ad hoc report on request: the window asked for, due five working days from today.
  const adHoc = await request(api.app)
    .post(`/reporting/cycles/${cycleId}/runs`)
    .set('Authorization', await as(coordinator))
    .send({ adHoc: { from: '2026-10-01', to: '2026-11-15' } });
  expect(adHoc.status).toBe(202);
  const adHocSteps = await until(async () => {
    const rows = await api.db.step.findMany({ where: { caseRef: { startsWith: `${cycleId}:ADHOC-` } } });
    return rows.length === 2 ? rows : undefined;
  }, 'two ad hoc tasks');
  expect(new Set(adHocSteps.map((step) => step.ruleKey))).toEqual(new Set(['REPORT.AD_HOC']));
  const adHocReport = await request(api.app)
    .get(`/reports/${adHocSteps[0]!.caseRef}:${communes[0]!.id}`)
    .set('Authorization', await as(communes[0]!.official));
  expect(adHocReport.body.window).toEqual({ from: '2026-10-01', to: '2026-11-15' });
  expect(adHocReport.body.prefill.dossiersCompiled).toBe(2);
  expect(adHocReport.body.task.explanation.summaryEn).toMatch(/5 working days/);
  const bothKinds = await request(api.app)
    .post(`/reporting/cycles/${cycleId}/runs`)
    .set('Authorization', await as(coordinator))
    .send({ periodKey: '2027-Q2', adHoc: { from: '2026-10-01', to: '2026-09-15' } });
  expect(bothKinds.status).toBe(400);
  // Found by the fuzzer (fuzz/run.ts): answered 202, then the run's workflow failed in the worker.
  for (const [periodKey, code] of [
    ['1375', 'REPORTING.PERIOD_KIND'],
    ['2027-H1', 'REPORTING.PERIOD_KIND'],
    ['9795-Q2', 'REPORTING.PERIOD_OUT_OF_RANGE'],
  ]) {
    const refused = await request(api.app)
      .post(`/reporting/cycles/${cycleId}/runs`)
      .set('Authorization', await as(coordinator))
      .send({ periodKey });
    expect([periodKey, refused.status, refused.body.code]).toEqual([periodKey, 422, code]);
    expect(refused.body.detailEn).toContain(periodKey);
  }
  await request(api.app).post(`/reporting/cycles/${cycleId}/pause`).set('Authorization', await as(coordinator)).send({});
});

it('closes the task of a report submitted while Temporal was unreachable', async () => {
  const runId = `${cycleId}:2027-Q1`;
  const unit = communes[0]!;
  const reportId = `${runId}:${unit.id}`;
  const step = await api.db.step.findFirstOrThrow({ where: { caseRef: runId, jurisdictionId: unit.id } });
  expect(step.status).toBe('OPEN');

  // An API whose Temporal does not answer: the submission is kept, and says the task is not closed yet.
  const cutOff = await startApiHarness({ taskQueue }, { temporalAddress: '127.0.0.1:1' });
  try {
    const submitted = await request(cutOff.app)
      .post(`/reports/${reportId}/versions`)
      .set('Authorization', await as(unit.official))
      .set('Idempotency-Key', randomUUID())
      .send({});
    expect(submitted.status).toBe(201);
    expect(submitted.body).toMatchObject({ reportId, version: 1, taskClosed: false });
  } finally {
    await cutOff.close();
  }
  expect((await api.db.step.findUniqueOrThrow({ where: { id: step.id } })).status).toBe('OPEN');
  expect((await reportTasksLeftOpen(api.db)).map((task) => task.reportId)).toContain(reportId);

  // The worker's sweep closes it, as the official who submitted; a second sweep finds nothing to do.
  // (Other test files share the database: count this report's task, not the whole sweep's.)
  expect((await closeTasksLeftOpen(api.db, api.temporal)).closed).toBeGreaterThanOrEqual(1);
  const closed = await api.db.step.findUniqueOrThrow({ where: { id: step.id } });
  expect(closed.status).toBe('COMPLETED');
  const official = await api.db.user.findUniqueOrThrow({ where: { username: unit.official } });
  expect(closed.completedBy).toBe(official.id);
  expect((await reportTasksLeftOpen(api.db)).map((task) => task.reportId)).not.toContain(reportId);
});

it('brings the schedules to what the database says when the worker starts', async () => {
  const id = `${province.provinceId}-ANNUAL`;
  await api.db.reportCycle.create({
    data: {
      id,
      provinceId: province.provinceId,
      periodKind: 'ANNUAL',
      nameVi: 'Báo cáo năm',
      nameEn: 'Annual report',
      ruleKey: 'REPORT.ANNUAL',
      reporterLevel: 'COMMUNE',
      reporterIds: [],
      receiverAgencyId: province.agency.drugDivision,
      config: { window: { preset: 'LOCAL_PLAN' }, schedule: { kind: 'PERIOD_START' } },
      paused: true,
    },
  });
  const schedules = new ReportSchedules(api.temporal, taskQueue);
  try {
    expect(await schedules.reconcileAll(api.db)).toBeGreaterThanOrEqual(1);
    const described = await schedules.describe(id);
    expect(described?.paused).toBe(true);
    // Five past midnight in Vietnam on 1 January: 17:05 UTC on 31 December.
    expect(described?.nextRuns[0]).toBe(`${new Date().getUTCFullYear()}-12-31T17:05:00.000Z`);
    // Running it again changes nothing and fails on nothing.
    await schedules.reconcileAll(api.db);
    expect((await schedules.describe(id))?.paused).toBe(true);
  } finally {
    for (const cycle of await api.db.reportCycle.findMany({ where: { provinceId: { not: province.provinceId } } }))
      await api.temporal.schedule.getHandle(reportScheduleId(cycle.id)).delete().catch(() => undefined);
    await api.temporal.schedule.getHandle(reportScheduleId(id)).delete().catch(() => undefined);
  }
});

it('describes a cycle whose schedule the worker has not created yet (a cycle seeded in the database) with schedule null, not a 500', async () => {
  const seeded = `${province.provinceId}-SEEDED`;
  await api.db.reportCycle.create({
    data: {
      id: seeded,
      provinceId: province.provinceId,
      periodKind: 'ANNUAL',
      nameVi: 'Báo cáo năm (gieo sẵn)',
      nameEn: 'Annual report (seeded)',
      ruleKey: 'REPORT.ANNUAL',
      reporterLevel: 'COMMUNE',
      reporterIds: [],
      receiverAgencyId: province.agency.drugDivision,
      config: { window: { preset: 'CALENDAR' }, schedule: { kind: 'PERIOD_START' } },
    },
  });
  const described = await request(api.app).get(`/reporting/cycles/${seeded}`).set('Authorization', await as(coordinator));
  expect([described.status, described.body.schedule]).toEqual([200, null]);
  await api.db.reportCycle.delete({ where: { id: seeded } });
});

it('answers every one of several changes at once to a cycle whose schedule is missing, creating it once (a race that answered 500)', async () => {
  // The schedule lost (a fresh Temporal server): each change finds none and creates it; all but one find it created meanwhile.
  await api.temporal.schedule.getHandle(reportScheduleId(cycleId)).delete();
  const cycle = (await request(api.app).get(`/reporting/cycles/${cycleId}`).set('Authorization', await as(coordinator))).body;
  const body = {
    nameVi: cycle.nameVi,
    nameEn: cycle.nameEn,
    ruleKey: cycle.ruleKey,
    reporterIds: cycle.reporterIds,
    receiverAgencyId: cycle.receiverAgencyId,
    config: cycle.config,
  };
  const answers = await Promise.all(
    Array.from({ length: 6 }, async () => (await request(api.app).put(`/reporting/cycles/${cycleId}`).set('Authorization', await as(coordinator)).send(body)).status),
  );
  expect(answers).toEqual([200, 200, 200, 200, 200, 200]);
  expect((await api.temporal.schedule.getHandle(reportScheduleId(cycleId)).describe()).scheduleId).toBe(reportScheduleId(cycleId));
});
