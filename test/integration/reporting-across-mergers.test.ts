import request from 'supertest';
import { reportScheduleId } from '../../workflows/reporting/reporting-contract';
import { startApiHarness, type ApiHarness } from '../support/api-harness';
import { until } from '../support/case-driver';
import { bundleWorkflows, RestartableWorker, testActivityDependencies } from '../support/deadline-worker';
import { quietTemporalRuntime } from '../support/quiet-temporal';
import { seedCase } from '../support/seed-case';
import { quarterlyCycleBody } from '../support/reporting-cycle-body';
import { createTestProvince, type TestProvince } from '../support/test-province';
import { uniqueTaskQueue } from '../support/test-env';

/**
 * Issue #18, reporting across a reorganisation: a coordinator asks today for a report on a window
 * before the 2025 mergers. The communes of today report (one task each, owned by today's
 * committee), each for the communes merged into it, and the roll-up expects them, not the units
 * abolished since (whose committees are gone: their successor's chairman would hold two tasks).
 */
jest.setTimeout(120_000);

let api: ApiHarness;
let worker: RestartableWorker;
let dependencies: ReturnType<typeof testActivityDependencies>;
let province: TestProvince;
let coordinator = '';
let cycleId = '';
const current: { id: string; committee: string }[] = [];
const taskQueue = uniqueTaskQueue('reporting-mergers');

beforeAll(async () => {
  quietTemporalRuntime();
  api = await startApiHarness({ taskQueue });
  province = await createTestProvince(api.db, 'mergers');
  const second = await province.addCommune('X2');
  current.push({ id: province.communeId, committee: province.agency.communeCommittee }, { id: second.communeId, committee: second.communeCommittee });
  // Three communes abolished on 30/06/2025: two merged into X1, one into X2.
  const old = [
    ['O1', province.communeId],
    ['O2', province.communeId],
    ['O3', second.communeId],
  ] as const;
  for (const [suffix, successor] of old) {
    const id = `${province.provinceId}-${suffix}`;
    await api.db.jurisdiction.create({
      data: { id, level: 'COMMUNE', nameVi: `Xã cũ ${suffix}`, nameEn: `Old commune ${suffix}`, parentId: province.provinceId, path: `/${province.provinceId}/${id}/`, validFrom: new Date('1991-01-01'), validTo: new Date('2025-06-30'), successorId: successor },
    });
    await api.db.agency.create({
      data: { id: `${id}-UBND`, kind: 'COMMUNE_PEOPLES_COMMITTEE', nameVi: `UBND xã cũ ${suffix}`, nameEn: `Old committee ${suffix}`, jurisdictionId: id, validFrom: new Date('1991-01-01'), validTo: new Date('2025-06-30') },
    });
  }
  const place = (suffix: string) => ({ jurisdictionId: `${province.provinceId}-${suffix}`, provinceId: province.provinceId });
  await seedCase(api.db, place('O1'), [{ kind: 'DOSSIER_FILED', on: '2024-02-10' }]);
  await seedCase(api.db, place('O2'), [
    { kind: 'DOSSIER_FILED', on: '2024-03-01' },
    { kind: 'ADMITTED', on: '2024-03-20' },
  ]);
  await seedCase(api.db, place('O3'), [{ kind: 'DOSSIER_FILED', on: '2024-01-20' }]);
  await seedCase(api.db, place('O1'), [{ kind: 'DOSSIER_FILED', on: '2024-05-02' }]); // after the window
  coordinator = await province.addUser(province.agency.drugDivision, ['PROVINCIAL_COORDINATOR']);
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

it('asks today’s communes for a window before the mergers, each for the communes merged into it, and rolls up those', async () => {
  const as = `Bearer ${await api.tokenFor(coordinator)}`;
  cycleId = `${province.provinceId}-MERGERS`;
  const created = await request(api.app)
    .post('/reporting/cycles')
    .set('Authorization', as)
    .send(quarterlyCycleBody(province, cycleId, { window: { preset: 'LOCAL_PLAN' }, schedule: { kind: 'EVERY', seconds: 86_400 } }));
  expect(created.status).toBe(201);
  await request(api.app).post(`/reporting/cycles/${cycleId}/pause`).set('Authorization', as).send({});

  const asked = await request(api.app).post(`/reporting/cycles/${cycleId}/runs`).set('Authorization', as).send({ adHoc: { from: '2024-01-01', to: '2024-03-31' } });
  expect(asked.status).toBe(202);
  const tasks = await until(async () => {
    const rows = await api.db.step.findMany({ where: { caseRef: { startsWith: `${cycleId}:ADHOC-` } }, orderBy: { jurisdictionId: 'asc' } });
    const run = await api.db.reportRun.findFirst({ where: { cycleId, periodKey: { startsWith: 'ADHOC-' } } });
    return run && rows.length >= 2 ? { rows, run } : undefined;
  }, 'the ad hoc run’s tasks');
  // Two tasks, one per commune of today, each owned by today's committee.
  expect(tasks.rows.map((step) => [step.jurisdictionId, step.ownerAgencyId, step.ownerRole])).toEqual(current.map((unit) => [unit.id, unit.committee, 'COMMUNE_CHAIRMAN']));

  const runId = tasks.run.id;
  const report = async (unitId: string) => (await request(api.app).get(`/reports/${runId}:${unitId}`).set('Authorization', as)).body;
  // X1 reports for O1 and O2, X2 for O3: the window's events only.
  expect((await report(current[0]!.id)).prefill).toMatchObject({ dossiersCompiled: 2, admissions: 1 });
  expect((await report(current[1]!.id)).prefill).toMatchObject({ dossiersCompiled: 1, admissions: 0 });

  const rollup = await request(api.app).get(`/reporting/runs/${runId}/rollup`).set('Authorization', as);
  expect(rollup.status).toBe(200);
  expect(rollup.body.counts).toMatchObject({ expected: 2, submitted: 0, missing: 2 });
  expect(rollup.body.missing).toEqual(current.map((unit) => unit.id));
  expect(rollup.body.recordTotals).toMatchObject({ dossiersCompiled: 3, admissions: 1 });
});
