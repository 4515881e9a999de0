import { randomUUID } from 'node:crypto';
import request from 'supertest';
import type { ApiHarness } from '../support/api-harness';
import { startCaseStack, type CaseStack } from '../support/case-stack';
import { createTestProvince, type TestProvince } from '../support/test-province';
import { vietnamDate } from '../../domain/time/legal-date';
import { figuresFromRecord } from '../../db/reporting/figures-from-record';

/**
 * Procedure J, a yearly drug-free commune assessment, through the HTTP API on the real Temporal
 * server and PostgreSQL: the province enters its criteria, three communes assess themselves, the
 * council scores them, the decisions recognise two of them (one at the better level), and the
 * province's roll-up and periodic figures count them; a late self-assessment is reminded and
 * escalated; the case has no person, and a commune reads only its own assessment.
 */
jest.setTimeout(120_000);

let stack: CaseStack;
let api: ApiHarness;
let driver: CaseStack['driver'];
let records: CaseStack['records'];
let province: TestProvince;
/** A province of its own whose self-assessments fall late within seconds. */
let late: TestProvince;
const today = vietnamDate();
const year = Number(today.slice(0, 4));

const CRITERIA = {
  criteria: [
    { code: 'C1', vi: 'Không có điểm, tụ điểm ma túy', en: 'No drug hotspot', maxScore: 10, required: true },
    { code: 'C2', vi: 'Không phát sinh người nghiện mới', en: 'No new addict', maxScore: 10 },
    { code: 'C3', vi: 'Tuyên truyền thường xuyên', en: 'Regular campaigns', maxScore: 10 },
  ],
  levels: [
    { code: 'GOOD', vi: 'Tốt', en: 'Good', minScore: 27 },
    { code: 'RECOGNISED', vi: 'Đạt', en: 'Recognised', minScore: 20 },
  ],
  source: 'Quyết định thử của UBND tỉnh',
};
const scores = (c1: number, c2: number, c3: number) => [
  { criterion: 'C1', score: c1, evidenceRef: 'BB-01' },
  { criterion: 'C2', score: c2 },
  { criterion: 'C3', score: c3 },
];

beforeAll(async () => {
  stack = await startCaseStack('assessment');
  ({ api, driver, records } = stack);
  province = await createTestProvince(api.db, 'assessment');
  late = await createTestProvince(api.db, 'assessment-late');
});
afterAll(() => stack.close());

const as = async (user: string) => `Bearer ${await driver.token(user)}`;

async function open(user: string, jurisdictionId: string, programme = 'DRUG_FREE_COMMUNE') {
  return request(api.app)
    .post('/cases')
    .set('Authorization', await as(user))
    .set('Idempotency-Key', randomUUID())
    .send({ procedure: 'COMMUNE_ASSESSMENT', jurisdictionId, programme, year, openedOn: today });
}

it('assesses three communes from self-assessment to recognition, on the province’s criteria, with its roll-up', async () => {
  const council = await province.addUser(province.agency.steeringCommittee, ['PROVINCIAL_COORDINATOR']);
  const communes = [
    { communeId: province.communeId, communeCommittee: province.agency.communeCommittee },
    await province.addCommune('X2'),
    await province.addCommune('X3'),
  ];
  const chairmen = await Promise.all(communes.map((commune) => province.addUser(commune.communeCommittee, ['COMMUNE_CHAIRMAN'])));

  // Before the province enters its criteria, the example applies, marked as such.
  const before = await request(api.app)
    .get('/assessment-criteria')
    .query({ provinceId: province.provinceId, programme: 'DRUG_FREE_COMMUNE', year })
    .set('Authorization', await as(chairmen[0]!));
  expect(before.status).toBe(200);
  expect(before.body.inForce).toMatchObject({ example: true, provinceId: null });
  expect(before.body.versions).toEqual([]);

  // A broken set is refused with the field named; a commune cannot enter one.
  const duplicate = { ...CRITERIA, criteria: [...CRITERIA.criteria, CRITERIA.criteria[0]] };
  const refused = await request(api.app)
    .post(`/assessment-criteria/${province.provinceId}/DRUG_FREE_COMMUNE/${year}`)
    .set('Authorization', await as(council))
    .send(duplicate);
  expect(refused.status).toBe(400);
  expect(JSON.stringify(refused.body)).toContain('criteria.3.code');
  const byCommune = await request(api.app)
    .post(`/assessment-criteria/${province.provinceId}/DRUG_FREE_COMMUNE/${year}`)
    .set('Authorization', await as(chairmen[0]!))
    .send(CRITERIA);
  expect(byCommune.status).toBe(403);
  const entered = await request(api.app)
    .post(`/assessment-criteria/${province.provinceId}/DRUG_FREE_COMMUNE/${year}`)
    .set('Authorization', await as(council))
    .send(CRITERIA);
  expect(entered.status).toBe(201);
  expect(entered.body).toMatchObject({ version: 1, example: false, provinceId: province.provinceId });
  expect(await api.db.auditEvent.count({ where: { action: 'assessment.criteria_set', subjectId: entered.body.id } })).toBe(1);
  await api.db.reportTarget.create({ data: { year, jurisdictionId: province.provinceId, metric: 'drugFreeCommunesRecognised', target: 2 } });

  // One assessment per commune, programme and year: a second opening names the first.
  const caseRefs: string[] = [];
  for (const commune of communes) {
    const opened = await open(council, commune.communeId);
    expect(opened.status).toBe(201);
    expect(opened.body.openSteps).toEqual([expect.objectContaining({ ruleKey: 'ASM.SELF', ownerAgencyId: commune.communeCommittee, ownerRole: 'COMMUNE_CHAIRMAN' })]);
    caseRefs.push(opened.body.caseRef);
  }
  const again = await open(chairmen[0]!, communes[0]!.communeId);
  expect(again.status).toBe(409);
  expect(again.body).toMatchObject({ code: 'CASE.SUBJECT_HAS_CASE', caseRef: caseRefs[0] });
  // Another programme is another assessment.
  expect((await open(chairmen[0]!, communes[0]!.communeId, 'HEALTHY_COMMUNE')).status).toBe(201);

  // A later version of the criteria does not move assessments already open.
  const v2 = await request(api.app)
    .post(`/assessment-criteria/${province.provinceId}/DRUG_FREE_COMMUNE/${year}`)
    .set('Authorization', await as(council))
    .send({ ...CRITERIA, criteria: CRITERIA.criteria.slice(0, 2), levels: [{ code: 'RECOGNISED', vi: 'Đạt', en: 'Recognised', minScore: 15 }] });
  expect(v2.status).toBe(201);
  expect(v2.body.version).toBe(2);
  expect((await records.caseRow(caseRefs[0]!)).fields).toMatchObject({ criteriaSetId: entered.body.id, criteriaExample: false, maxScore: 30 });

  // Scoring is checked against the case's set: every criterion once, within its maximum.
  const missing = await driver.act(caseRefs[0]!, chairmen[0]!, { type: 'SUBMIT_SELF_ASSESSMENT', on: today, scores: scores(10, 10, 10).slice(0, 2) });
  expect(missing.status).toBe(422);
  expect(JSON.stringify(missing.body)).toContain('C3');
  const tooHigh = await driver.act(caseRefs[0]!, chairmen[0]!, { type: 'SUBMIT_SELF_ASSESSMENT', on: today, scores: scores(10, 11, 10) });
  expect(tooHigh.status).toBe(422);
  // A commune acts only on its own assessment.
  expect((await driver.act(caseRefs[0]!, chairmen[1]!, { type: 'SUBMIT_SELF_ASSESSMENT', on: today, scores: scores(10, 10, 10) })).status).toBe(403);

  const self = [scores(10, 10, 10), scores(10, 8, 6), scores(9, 10, 10)];
  const byCouncil = [scores(10, 9, 9), scores(10, 6, 6), scores(8, 10, 10)];
  for (const [index, caseRef] of caseRefs.entries()) {
    const submitted = await driver.expectOk(caseRef, chairmen[index]!, { type: 'SUBMIT_SELF_ASSESSMENT', on: today, scores: self[index] });
    expect(submitted.openSteps.map((step) => [step.ruleKey, step.ownerAgencyId])).toEqual([['ASM.REVIEW', province.agency.steeringCommittee]]);
    // The commune's chairman is not the council.
    expect((await driver.act(caseRef, chairmen[index]!, { type: 'RECORD_COUNCIL_SCORES', on: today, scores: byCouncil[index] })).status).toBe(403);
    await driver.expectOk(caseRef, council, { type: 'RECORD_COUNCIL_SCORES', on: today, scores: byCouncil[index], minutesRef: `BB-HD-${index}` });
  }
  expect((await records.caseRow(caseRefs[0]!)).fields).toMatchObject({ selfScore: 30, selfLevel: 'GOOD', councilScore: 28, proposedLevel: 'GOOD' });
  expect((await records.caseRow(caseRefs[1]!)).fields).toMatchObject({ councilScore: 22, proposedLevel: 'RECOGNISED' });
  // 28 points, but the required C1 is not met in full: not recognised.
  expect((await records.caseRow(caseRefs[2]!)).fields).toMatchObject({ councilScore: 28, proposedLevel: 'NOT_RECOGNISED' });

  // The decision may not recognise more than the council's scores reach.
  const tooGenerous = await driver.act(caseRefs[2]!, council, { type: 'RECORD_DECISION', on: today, level: 'RECOGNISED', decisionRef: 'QD-3' });
  expect(tooGenerous.status).toBe(422);
  const levels = ['GOOD', 'RECOGNISED', 'NOT_RECOGNISED'];
  for (const [index, caseRef] of caseRefs.entries()) {
    const decided = await driver.expectOk(caseRef, council, { type: 'RECORD_DECISION', on: today, level: levels[index], decisionRef: `QD-${index}` });
    expect(decided).toMatchObject({ phase: 'CLOSED', closed: true, openSteps: [] });
  }
  expect(await records.caseRow(caseRefs[0]!)).toMatchObject({ status: 'CLOSED', closedReason: 'GOOD', personId: null });

  // The case page: no person, the assessment's fields; read by the commune, not by another commune.
  const page = await request(api.app).get(`/cases/${caseRefs[0]}`).set('Authorization', await as(chairmen[0]!));
  expect(page.status).toBe(200);
  expect(page.body).toMatchObject({ person: null, fields: { level: 'GOOD', decisionRef: 'QD-0' } });
  expect(page.body.timeline.map((entry: { kind: string }) => entry.kind)).toEqual([
    'ASSESSMENT_OPENED',
    'SELF_ASSESSMENT_SUBMITTED',
    'COUNCIL_SCORED',
    'ASSESSMENT_DECIDED',
  ]);
  expect((await request(api.app).get(`/cases/${caseRefs[0]}`).set('Authorization', await as(chairmen[1]!))).status).toBe(403);

  // The province's roll-up: every commune, the levels, the percentage and the target.
  const rollup = await request(api.app)
    .get('/assessments')
    .query({ provinceId: province.provinceId, programme: 'DRUG_FREE_COMMUNE', year })
    .set('Authorization', await as(council));
  expect(rollup.status).toBe(200);
  expect(rollup.body.counts).toEqual({
    communes: 3,
    notOpened: 0,
    selfAssessment: 0,
    councilReview: 0,
    awaitingDecision: 0,
    decided: 3,
    good: 1,
    recognised: 2,
    notRecognised: 1,
    late: 0,
  });
  expect(rollup.body.recognisedPercent).toBe(66.7);
  expect(rollup.body.target).toMatchObject({ communes: 2, metric: 'drugFreeCommunesRecognised' });
  expect(rollup.body.communes.map((row: { jurisdictionId: string; level: string }) => [row.jurisdictionId, row.level])).toEqual(
    expect.arrayContaining(communes.map((commune, index) => [commune.communeId, levels[index]])),
  );
  expect((await request(api.app).get('/assessments').query({ provinceId: province.provinceId, programme: 'DRUG_FREE_COMMUNE', year }).set('Authorization', await as(chairmen[0]!))).status).toBe(403);

  // The periodic reports count the recognitions of the window.
  const window = { from: `${year}-01-01`, to: `${year}-12-31` };
  const figures = await figuresFromRecord(api.db, province.provinceId, window);
  expect(figures).toMatchObject({ drugFreeCommunesRecognised: 2, healthyCommunesRecognised: 0 });
  expect(await figuresFromRecord(api.db, communes[2]!.communeId, window)).toMatchObject({ drugFreeCommunesRecognised: 0 });
});

it('reminds a commune of a late self-assessment and escalates it to the province', async () => {
  await late.setRule('ASM.SELF', {
    budget: { kind: 'ELAPSED', seconds: 3 },
    reminders: [{ unit: 'SECONDS', amount: 1 }],
    escalations: [{ after: { unit: 'SECONDS', amount: 1 }, to: { agencyKind: 'PROVINCIAL_POLICE_DRUG_DIVISION', role: 'PROVINCIAL_COORDINATOR' } }],
  });
  const coordinator = await late.addUser(late.agency.drugDivision, ['PROVINCIAL_COORDINATOR']);
  const opened = await open(coordinator, late.communeId, 'HEALTHY_COMMUNE');
  expect(opened.status).toBe(201);
  expect(await records.notificationsOf(opened.body.caseRef, 'ASM.SELF', 2)).toEqual([
    ['REMINDER', late.agency.communeCommittee, 'COMMUNE_CHAIRMAN', -1000],
    ['ESCALATION', late.agency.drugDivision, 'PROVINCIAL_COORDINATOR', 1000],
  ]);
  // The late step shows in the roll-up; the example criteria applied, marked as such.
  const rollup = await request(api.app)
    .get('/assessments')
    .query({ provinceId: late.provinceId, programme: 'HEALTHY_COMMUNE', year })
    .set('Authorization', await as(coordinator));
  expect(rollup.body.counts).toMatchObject({ communes: 1, selfAssessment: 1, late: 1 });
  expect(rollup.body.communes[0]).toMatchObject({ criteriaSetId: 'EXAMPLE:HEALTHY_COMMUNE:v1', criteriaExample: true, openStep: { ruleKey: 'ASM.SELF', late: true } });
});
