import request from 'supertest';
import { randomUUID } from 'node:crypto';
import type { ApiHarness } from '../support/api-harness';
import { startCaseStack, type CaseStack } from '../support/case-stack';
import { until } from '../support/case-driver';
import { createTestProvince, type TestProvince } from '../support/test-province';
import { reportScheduleId } from '../../workflows/reporting/reporting-contract';

/**
 * Reporting units that are not communes, through the HTTP API on the real Temporal server and
 * PostgreSQL: a cycle of team 178's six-month report lists the province's team, whose member
 * finds the task among their tasks, reads and submits the report; an agency of another kind is
 * refused for that rule; a commune official cannot read the team's report, and the coordinator's
 * roll-up names the team.
 */
jest.setTimeout(120_000);

let stack: CaseStack;
let api: ApiHarness;
let province: TestProvince;
let facility = '';
const users = { team: '', official: '', coordinator: '', director: '' };
const cycles: string[] = [];

beforeAll(async () => {
  stack = await startCaseStack('agency-reports');
  api = stack.api;
  province = await createTestProvince(api.db, 'agency-reports');
  facility = `${province.provinceId}-CSCN`;
  await api.db.agency.create({
    data: { id: facility, kind: 'REHAB_FACILITY', nameVi: 'Cơ sở cai nghiện thử', nameEn: 'Test facility', jurisdictionId: province.provinceId, validFrom: new Date('2010-01-01') },
  });
  users.team = await province.addUser(province.agency.team178, ['TEAM_178_MEMBER']);
  users.official = await province.addUser(province.agency.communeCommittee, ['COMMUNE_OFFICIAL']);
  users.coordinator = await province.addUser(province.agency.drugDivision, ['PROVINCIAL_COORDINATOR']);
  users.director = await province.addUser(facility, ['FACILITY_DIRECTOR']);
});
afterAll(async () => {
  for (const id of cycles) await api.temporal.schedule.getHandle(reportScheduleId(id)).delete().catch(() => undefined);
  await stack.close();
});

const as = async (user: string) => `Bearer ${await stack.driver.token(user)}`;

const cycleBody = (id: string, ruleKey: string, reporterAgencyIds: string[], periodKind = 'HALF_YEAR') => ({
  id,
  provinceId: province.provinceId,
  periodKind,
  nameVi: 'Báo cáo 6 tháng của Đoàn 178',
  nameEn: 'Team 178 six-month report',
  ruleKey,
  reporterAgencyIds,
  receiverAgencyId: province.agency.healthDepartment,
  config: { window: { preset: 'LOCAL_PLAN' }, schedule: { kind: 'PERIOD_START' } },
});

it('opens an agency’s own report task, read and submitted by that agency only, and named in the roll-up', async () => {
  const id = `${province.provinceId}-TEAM178-H`;
  // Each agency must be of the kind the rule's task is for.
  const wrongKind = await request(api.app).post('/reporting/cycles').set('Authorization', await as(users.coordinator)).send(cycleBody(id, 'REPORT.TEAM178.HALF_YEAR', [province.agency.team178, facility]));
  expect(wrongKind.status).toBe(400);
  expect(wrongKind.body.errors.map((error: { field: string }) => error.field)).toEqual(['body.reporterAgencyIds.1']);

  const created = await request(api.app).post('/reporting/cycles').set('Authorization', await as(users.coordinator)).send(cycleBody(id, 'REPORT.TEAM178.HALF_YEAR', [province.agency.team178]));
  expect(created.status).toBe(201);
  cycles.push(id);
  expect(created.body.reporterAgencyIds).toEqual([province.agency.team178]);
  expect((await request(api.app).post(`/reporting/cycles/${id}/runs`).set('Authorization', await as(users.coordinator)).send({})).status).toBe(202);

  // One task, owned by the team (not resolved from a unit), keyed by the team.
  const step = await until(() => api.db.step.findFirst({ where: { procedure: 'REPORTING', caseRef: { startsWith: `${id}:` } } }).then((row) => row ?? undefined), 'the team’s report task');
  expect(step).toMatchObject({ ownerAgencyId: province.agency.team178, ownerRole: 'TEAM_178_MEMBER', stepKey: province.agency.team178, jurisdictionId: province.provinceId });
  const reportId = `${step.caseRef}:${province.agency.team178}`;
  expect(await api.db.report.findUniqueOrThrow({ where: { id: reportId } })).toMatchObject({ reporterAgencyId: province.agency.team178 });

  // The member finds it among their tasks and in their reports.
  const tasks = await request(api.app).get('/me/tasks').set('Authorization', await as(users.team));
  expect(tasks.body.items.map((row: { reportId: string | null }) => row.reportId)).toContain(reportId);
  const list = await request(api.app).get('/reports').set('Authorization', await as(users.team));
  expect(list.body.items.map((row: { reportId: string }) => row.reportId)).toEqual([reportId]);
  const read = await request(api.app).get(`/reports/${encodeURIComponent(reportId)}`).set('Authorization', await as(users.team));
  expect(read.status).toBe(200);
  expect(read.body.unit).toMatchObject({ id: province.agency.team178 });

  // Not the commune's to read, nor another agency's.
  expect((await request(api.app).get(`/reports/${encodeURIComponent(reportId)}`).set('Authorization', await as(users.official))).status).toBe(403);
  expect((await request(api.app).get(`/reports/${encodeURIComponent(reportId)}`).set('Authorization', await as(users.director))).status).toBe(403);
  const officialList = await request(api.app).get('/reports').set('Authorization', await as(users.official));
  expect(officialList.body.items.map((row: { reportId: string }) => row.reportId)).not.toContain(reportId);
  const submitAsOther = await request(api.app)
    .post(`/reports/${encodeURIComponent(reportId)}/versions`)
    .set('Authorization', await as(users.director))
    .set('Idempotency-Key', randomUUID())
    .send({});
  expect(submitAsOther.status).toBe(403);

  // The team submits; the coordinator's roll-up names the team and counts it submitted.
  const submitted = await request(api.app)
    .post(`/reports/${encodeURIComponent(reportId)}/versions`)
    .set('Authorization', await as(users.team))
    .set('Idempotency-Key', randomUUID())
    .send({ note: 'Đoàn đã kiểm tra theo kế hoạch' });
  expect(submitted.status).toBe(201);
  await until(async () => ((await api.db.step.findUniqueOrThrow({ where: { id: step.id } })).status === 'COMPLETED' ? true : undefined), 'the task closed');
  const rollup = await request(api.app).get(`/reporting/runs/${encodeURIComponent(step.caseRef)}/rollup`).set('Authorization', await as(users.coordinator));
  expect(rollup.status).toBe(200);
  expect(rollup.body).toMatchObject({ ownReportId: null, counts: { expected: 1, submitted: 1, missing: 0 } });
  expect(rollup.body.units).toEqual([
    expect.objectContaining({ reporter: province.agency.team178, reporterAgencyId: province.agency.team178, name: 'INSPECTION_TEAM_178 agency-reports', standing: 'SUBMITTED' }),
  ]);
});

it('gives a facility its own quarterly report task, owned by its director', async () => {
  const id = `${province.provinceId}-FACILITY-Q`;
  const created = await request(api.app)
    .post('/reporting/cycles')
    .set('Authorization', await as(users.coordinator))
    .send({ ...cycleBody(id, 'REPORT.FACILITY.QUARTERLY', [facility], 'QUARTERLY'), nameVi: 'Báo cáo quý của cơ sở cai nghiện', nameEn: 'Facility quarterly report' });
  expect(created.status).toBe(201);
  cycles.push(id);
  expect((await request(api.app).post(`/reporting/cycles/${id}/runs`).set('Authorization', await as(users.coordinator)).send({})).status).toBe(202);
  const step = await until(() => api.db.step.findFirst({ where: { procedure: 'REPORTING', caseRef: { startsWith: `${id}:` } } }).then((row) => row ?? undefined), 'the facility’s report task');
  expect(step).toMatchObject({ ownerAgencyId: facility, ownerRole: 'FACILITY_DIRECTOR' });
  const list = await request(api.app).get('/reports').set('Authorization', await as(users.director));
  expect(list.body.items.map((row: { reportId: string }) => row.reportId)).toEqual([`${step.caseRef}:${facility}`]);
});
