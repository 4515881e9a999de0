import { randomUUID } from 'node:crypto';
import request from 'supertest';
import type { ApiHarness } from '../support/api-harness';
import { startCaseStack, type CaseStack } from '../support/case-stack';
import { until } from '../support/case-driver';
import { createTestProvince, type TestProvince } from '../support/test-province';
import { vietnamDate } from '../../domain/time/legal-date';
import { figuresFromRecord } from '../../db/reporting/figures-from-record';

/**
 * Procedure I, team 178, through the HTTP API on the real Temporal server and PostgreSQL: the
 * register of establishments, the province team's plan over three of them, two inspections (a
 * surprise one finding violations at a complex establishment, an announced one finding none), the
 * sanction left late (reminded, escalated to the health department), recorded, and the
 * re-inspection it opens; the plan's coverage against its targets; who may read the plan and the
 * inspections; the figures in the periodic reports.
 */
jest.setTimeout(120_000);

let stack: CaseStack;
let api: ApiHarness;
let driver: CaseStack['driver'];
let records: CaseStack['records'];
let province: TestProvince;
let other: TestProvince;
let second: Awaited<ReturnType<TestProvince['addCommune']>>;
const users = { team: '', communeTeam: '', chairman: '', police: '', otherTeam: '' };
let communeTeam = '';
const today = vietnamDate();
const year = Number(today.slice(0, 4));

beforeAll(async () => {
  stack = await startCaseStack('inspection');
  ({ api, driver, records } = stack);
  province = await createTestProvince(api.db, 'inspection');
  other = await createTestProvince(api.db, 'inspection-other');
  second = await province.addCommune('X2');
  communeTeam = `${province.communeId}-D178`;
  await api.db.agency.create({
    data: { id: communeTeam, kind: 'INSPECTION_TEAM_178', nameVi: 'Đoàn 178 xã', nameEn: 'Commune team 178', jurisdictionId: province.communeId, validFrom: new Date('2025-07-01') },
  });
  await province.setRule('INS.SANCTION', {
    budget: { kind: 'ELAPSED', seconds: 3 },
    reminders: [{ unit: 'SECONDS', amount: 1 }],
    escalations: [{ after: { unit: 'SECONDS', amount: 1 }, to: { agencyKind: 'PROVINCIAL_HEALTH_DEPARTMENT', role: 'PROVINCIAL_COORDINATOR' } }],
  });
  users.team = await province.addUser(province.agency.team178, ['TEAM_178_MEMBER']);
  // A team member comes from another agency (here the provincial police): the account belongs to the team.
  await api.db.user.update({ where: { username: users.team }, data: { homeAgencyId: province.agency.provincialPolice } });
  users.communeTeam = await province.addUser(communeTeam, ['TEAM_178_MEMBER']);
  users.chairman = await province.addUser(province.agency.communeCommittee, ['COMMUNE_CHAIRMAN']);
  users.police = await province.addUser(province.agency.communePolice, ['COMMUNE_POLICE_OFFICER']);
  users.otherTeam = await other.addUser(other.agency.team178, ['TEAM_178_MEMBER']);
});
afterAll(() => stack.close());

const as = async (user: string) => `Bearer ${await driver.token(user)}`;

async function register(user: string, body: Record<string, unknown>) {
  return request(api.app)
    .post('/establishments')
    .set('Authorization', await as(user))
    .send({ address: 'Ấp 1', ownerBusiness: 'Hộ kinh doanh thử', risk: 'HIGH', complex: false, ...body });
}

async function inspect(user: string, body: Record<string, unknown>) {
  return request(api.app)
    .post('/cases')
    .set('Authorization', await as(user))
    .set('Idempotency-Key', randomUUID())
    .send({ procedure: 'INSPECTION_178', inspectedOn: today, surprise: false, result: 'NO_VIOLATION', violations: [], minutesRef: 'BB-178', ...body });
}

it('plans, inspects, follows a late sanction up to the health department, re-inspects, and measures coverage', async () => {
  // The register: the team adds establishments; the commune police read it but do not keep it.
  const karaoke = await register(users.team, { jurisdictionId: province.communeId, name: 'Karaoke Ánh Trăng', kind: 'KARAOKE', complex: true });
  expect(karaoke.status).toBe(201);
  const massage = await register(users.team, { jurisdictionId: province.communeId, name: 'Massage Hoa Sen', kind: 'MASSAGE_SAUNA', risk: 'MEDIUM' });
  const hotel = await register(users.team, { jurisdictionId: second.communeId, name: 'Nhà nghỉ Bến Sông', kind: 'GUESTHOUSE', risk: 'LOW' });
  expect([massage.status, hotel.status]).toEqual([201, 201]);
  expect((await register(users.police, { jurisdictionId: province.communeId, name: 'Quán thử', kind: 'BAR' })).status).toBe(403);
  const badKind = await register(users.team, { jurisdictionId: province.communeId, name: 'Quán thử', kind: 'CASINO' });
  expect(badKind.status).toBe(400);
  expect(JSON.stringify(badKind.body)).toContain('body.kind');
  const listed = await request(api.app).get('/establishments').query({ jurisdictionId: province.communeId }).set('Authorization', await as(users.police));
  expect(listed.body.items.map((row: { name: string }) => row.name).sort()).toEqual(['Karaoke Ánh Trăng', 'Massage Hoa Sen']);
  expect(await api.db.auditEvent.count({ where: { action: 'establishment.created', subjectId: karaoke.body.id } })).toBe(1);

  // The province team's plan names the three; another province's establishment is refused by id.
  const foreign = await register(users.otherTeam, { jurisdictionId: other.communeId, name: 'Karaoke tỉnh khác', kind: 'KARAOKE' });
  const planUrl = `/inspection-plans/${province.agency.team178}/${year}`;
  const ids = [karaoke.body.id, massage.body.id, hotel.body.id];
  const refused = await request(api.app).put(planUrl).set('Authorization', await as(users.team)).send({ coverageTargetPercent: 60, surpriseTarget: 1, establishmentIds: [...ids, foreign.body.id] });
  expect(refused.status).toBe(422);
  expect(refused.body).toMatchObject({ code: 'INSPECTION.ESTABLISHMENTS_OUTSIDE_AREA', establishmentIds: [foreign.body.id] });
  const plan = await request(api.app).put(planUrl).set('Authorization', await as(users.team)).send({ coverageTargetPercent: 60, surpriseTarget: 1, establishmentIds: ids });
  expect(plan.status).toBe(200);
  expect(plan.body.coverage).toMatchObject({ inspections: 0, planned: 3, plannedInspected: 0, coverageTargetMet: false });
  // The plan is the team's and the province's: not the commune's, nor a commune team's.
  expect((await request(api.app).get(planUrl).set('Authorization', await as(users.chairman))).status).toBe(403);
  expect((await request(api.app).get(planUrl).set('Authorization', await as(users.communeTeam))).status).toBe(403);
  expect((await request(api.app).get(planUrl).set('Authorization', await as(users.otherTeam))).status).toBe(403);

  // An establishment must be in the register and in the commune named.
  expect((await inspect(users.team, { jurisdictionId: second.communeId, establishmentId: karaoke.body.id })).status).toBe(422);
  expect((await inspect(users.team, { jurisdictionId: province.communeId, establishmentId: randomUUID() })).status).toBe(422);
  expect((await inspect(users.team, { jurisdictionId: province.communeId, establishmentId: karaoke.body.id, result: 'VIOLATION' })).status).toBe(422);

  // A surprise inspection finds violations at the complex karaoke: the commune's chairman must decide.
  const first = await inspect(users.team, {
    jurisdictionId: province.communeId,
    establishmentId: karaoke.body.id,
    surprise: true,
    result: 'VIOLATION',
    violations: ['PROSTITUTION_ACTIVITY', 'GUESTS_NOT_REGISTERED'],
  });
  expect(first.status).toBe(201);
  const violationCase = first.body.caseRef as string;
  expect(violationCase).toMatch(/^KT178-/);
  expect(first.body).toMatchObject({ phase: 'AWAITING_SANCTION', openSteps: [expect.objectContaining({ ruleKey: 'INS.SANCTION', ownerAgencyId: province.agency.communeCommittee, ownerRole: 'COMMUNE_CHAIRMAN' })] });
  expect(await records.caseRow(violationCase)).toMatchObject({ personId: null, fields: expect.objectContaining({ establishmentKind: 'KARAOKE', complex: true, surprise: true, violations: 2, teamAgencyId: province.agency.team178 }) });

  // Left late: reminded, then escalated to the province's standing agency for prostitution prevention.
  expect(await records.notificationsOf(violationCase, 'INS.SANCTION', 2)).toEqual([
    ['REMINDER', province.agency.communeCommittee, 'COMMUNE_CHAIRMAN', -1000],
    ['ESCALATION', province.agency.healthDepartment, 'PROVINCIAL_COORDINATOR', 1000],
  ]);
  const lateNow = await request(api.app).get(planUrl).set('Authorization', await as(users.team));
  expect(lateNow.body.coverage.sanctionsLate).toBe(1);

  // The inspection record is read by the chairman who sanctions, not by the commune police.
  expect((await request(api.app).get(`/cases/${violationCase}`).set('Authorization', await as(users.chairman))).status).toBe(200);
  expect((await request(api.app).get(`/cases/${violationCase}`).set('Authorization', await as(users.police))).status).toBe(403);
  expect((await driver.act(violationCase, users.police, { type: 'RECORD_SANCTION', on: today, outcome: 'FINED' })).status).toBe(403);

  // The sanction; the complex establishment is then re-inspected by the team nearest to it.
  const sanctioned = await driver.expectOk(violationCase, users.chairman, { type: 'RECORD_SANCTION', on: today, outcome: 'FINED', decisionRef: 'QĐ-XP-7' });
  expect(sanctioned.phase).toBe('AWAITING_REINSPECTION');
  expect(sanctioned.openSteps.map((step) => [step.ruleKey, step.ownerAgencyId])).toEqual([['INS.REINSPECTION', communeTeam]]);
  const closed = await driver.expectOk(violationCase, users.communeTeam, { type: 'RECORD_REINSPECTION', on: today, result: 'COMPLIANT', minutesRef: 'BB-178-L2' });
  expect(closed).toMatchObject({ phase: 'CLOSED', closed: true });

  // An announced inspection with nothing found closes at once.
  const second2 = await inspect(users.team, { jurisdictionId: province.communeId, establishmentId: massage.body.id });
  expect(second2.status).toBe(201);
  expect(second2.body).toMatchObject({ phase: 'CLOSED', openSteps: [] });
  await until(async () => ((await records.caseRow(second2.body.caseRef)).status === 'CLOSED' ? true : undefined), 'the inspection closed');

  // Coverage: two of the three planned (66.7 %, over the 60 % target), one surprise inspection of one.
  const coverage = (await request(api.app).get(planUrl).set('Authorization', await as(users.team))).body.coverage;
  expect(coverage).toMatchObject({
    inspections: 2,
    surpriseInspections: 1,
    inspectionsWithViolation: 1,
    planned: 3,
    plannedInspected: 2,
    plannedCoveragePercent: 66.7,
    establishmentsInArea: 3,
    areaInspected: 2,
    areaCoveragePercent: 66.7,
    coverageTargetMet: true,
    surpriseTargetMet: true,
    sanctionsLate: 0,
  });

  // The periodic figures count the team's work for the province.
  const figures = await figuresFromRecord(api.db, province.provinceId, { from: `${year}-01-01`, to: `${year}-12-31` });
  expect(figures).toMatchObject({ establishmentsInspected: 2, surpriseInspections: 1, inspectionViolations: 1, sanctionsDecided: 1 });
  // No establishment's or anyone's name in a notification.
  const texts = await api.db.notification.findMany({ where: { step: { caseRef: violationCase } } });
  for (const n of texts) expect(`${n.titleVi}${n.titleEn}${n.bodyVi}${n.bodyEn}`).not.toContain('Ánh Trăng');
});
