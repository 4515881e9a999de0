import { randomUUID } from 'node:crypto';
import request from 'supertest';
import type { ApiHarness } from '../support/api-harness';
import { startCaseStack, type CaseStack } from '../support/case-stack';
import { newCitizenId, until } from '../support/case-driver';
import { createTestProvince, type TestProvince } from '../support/test-province';
import { vietnamDate } from '../../domain/time/legal-date';
import { endOfMonthsTerm } from '../../domain/deadlines/deadline-computation';
import { figuresFromRecord } from '../../db/reporting/figures-from-record';

/**
 * Voluntary treatment (C) completed, one year of post-rehabilitation (F) with its check-ins and a
 * move, a relapse sent for determination (B), and the compulsory case (D) on Art. 32 ground 4,
 * each linked to the case it came from; and a post-rehabilitation period that ends with the
 * chairman's certificate. On the real Temporal server and PostgreSQL, through the HTTP API; the
 * test province shortens the steps by rule overrides so reminders and escalations fire now.
 */
jest.setTimeout(180_000);

const seconds = (amount: number) => ({ unit: 'SECONDS', amount }) as const;
const PC04 = { agencyKind: 'PROVINCIAL_POLICE_DRUG_DIVISION', role: 'PROVINCIAL_COORDINATOR' } as const;

let stack: CaseStack;
let api: ApiHarness;
let province: TestProvince;
let driver: CaseStack['driver'];
let records: CaseStack['records'];
let second: { communeId: string; communePolice: string; communeCommittee: string };
const users = { official: '', chairman: '', police2: '', doctor: '' };

beforeAll(async () => {
  stack = await startCaseStack('voluntary-chain');
  api = stack.api;
  driver = stack.driver;
  records = stack.records;
  province = await createTestProvince(api.db, 'voluntary chain');
  second = await province.addCommune('X2');
  await province.setRule('VOL.DECISION', {
    budget: { kind: 'ELAPSED', seconds: 3 },
    reminders: [seconds(1)],
    escalations: [{ after: seconds(1), to: PC04 }],
  });
  await province.setRule('PR.CHECK_IN', {
    budget: { kind: 'ELAPSED', seconds: 3 },
    reminders: [seconds(1)],
    escalations: [{ after: seconds(1), to: { agencyKind: 'COMMUNE_PEOPLES_COMMITTEE', role: 'COMMUNE_CHAIRMAN' } }],
  });
  users.official = await province.addUser(province.agency.communeCommittee, ['COMMUNE_OFFICIAL']);
  users.chairman = await province.addUser(province.agency.communeCommittee, ['COMMUNE_CHAIRMAN']);
  users.police2 = await province.addUser(second.communePolice, ['COMMUNE_POLICE_OFFICER']);
  users.doctor = await province.addUser(province.agency.medicalFacility, ['DOCTOR']);
});
afterAll(() => stack.close());


async function registerVoluntary(registeredOn: string, birthDate = '1990-03-04') {
  const opened = await request(api.app)
    .post('/cases')
    .set('Authorization', `Bearer ${await driver.token(users.official)}`)
    .set('Idempotency-Key', randomUUID())
    .send({
      procedure: 'VOLUNTARY_REHAB',
      jurisdictionId: province.communeId,
      person: { fullName: 'Đỗ Văn Tự', birthDate, citizenId: newCitizenId(), residenceStatus: 'STABLE', residenceJurisdictionId: province.communeId },
      setting: 'COMMUNITY',
      registeredOn,
    });
  expect(opened.status).toBe(201);
  return opened.body.caseRef as string;
}

it('goes from voluntary treatment to post-rehabilitation, a move, a relapse and a compulsory case on ground 4', async () => {
  const today = vietnamDate();
  const voluntary = await registerVoluntary(today);
  expect(voluntary).toMatch(/^TN-/);
  // The chairman is late deciding: reminded, then the drug division hears of it.
  expect(await records.notificationsOf(voluntary, 'VOL.DECISION', 2)).toEqual([
    ['REMINDER', province.agency.communeCommittee, 'COMMUNE_CHAIRMAN', -1000],
    ['ESCALATION', province.agency.drugDivision, 'PROVINCIAL_COORDINATOR', 1000],
  ]);
  const inTreatment = await driver.expectOk(voluntary, users.chairman, {
    type: 'DECIDE_VOLUNTARY_TREATMENT',
    on: today,
    decisionRef: '9/QĐ-UBND',
    provider: 'Tổ tư vấn cai nghiện xã',
    monitor: 'Nguyễn Thị Giám',
    months: 6,
  });
  expect(inTreatment.phase).toBe('IN_TREATMENT');
  expect(inTreatment.openSteps.map((s) => s.ruleKey)).toEqual(['VOL.COMPLETION_COMMUNITY']);
  // The end of a six-month term from today: the day before the same date six months on (on the 1st
  // of a month, the last day of the fifth month after; its arithmetic has unit tests).
  const due = inTreatment.openSteps[0]?.dueDate as string;
  expect(due).toBe(endOfMonthsTerm(today, 6));
  expect(due > endOfMonthsTerm(today, 5)).toBe(true);

  await driver.expectOk(voluntary, users.chairman, { type: 'COMPLETE_VOLUNTARY_TREATMENT', on: today, certificateRef: 'GCN-TN-1/2026' });
  const postRehab = `PR-${voluntary}`;
  const followUp = await records.caseRow(postRehab);
  expect(followUp).toMatchObject({ procedure: 'POST_REHAB', parentCaseId: voluntary, jurisdictionId: province.communeId });
  expect(followUp.fields).toMatchObject({ months: 12 });

  // The check-in is late: reminded, escalated to the chairman; then recorded with what happened.
  expect(await records.notificationsOf(postRehab, 'PR.CHECK_IN', 2)).toEqual([
    ['REMINDER', province.agency.communeCommittee, 'COMMUNE_OFFICIAL', -1000],
    ['ESCALATION', province.agency.communeCommittee, 'COMMUNE_CHAIRMAN', 1000],
  ]);
  await driver.expectOk(postRehab, users.official, {
    type: 'RECORD_CHECK_IN',
    on: today,
    met: true,
    testResult: 'NEGATIVE',
    support: ['VOCATIONAL_TRAINING', 'JOB'],
  });
  // The person moves: the new commune manages from now on.
  await driver.expectOk(postRehab, users.official, { type: 'RECORD_MOVE', on: today, toJurisdictionId: second.communeId });
  expect((await records.caseRow(postRehab)).jurisdictionId).toBe(second.communeId);
  expect((await driver.act(postRehab, users.official, { type: 'RECORD_RELAPSE', on: today })).status).toBe(403);

  // Found using: determination, found addicted: compulsory rehabilitation on ground 4, post-rehabilitation closes.
  await driver.expectOk(postRehab, users.police2, { type: 'RECORD_RELAPSE', on: today });
  const determination = `XD-${postRehab}-1`;
  expect(await records.caseRow(determination)).toMatchObject({ procedure: 'ADDICTION_DETERMINATION', parentCaseId: postRehab });
  await driver.expectOk(determination, users.doctor, { type: 'RECORD_CONCLUSION', on: today, result: 'ADDICTED', resultRef: 'PKQ-9/2026' });
  const compulsory = `CRA-${determination}`;
  const opened = await until(async () => {
    const row = await api.db.case.findUnique({ where: { id: compulsory } });
    const dossier = await api.db.step.findFirst({ where: { caseRef: compulsory, ruleKey: 'CRA.D2' } });
    return row && dossier ? { row, dossier } : undefined;
  }, 'the compulsory case on ground 4');
  expect(opened.row).toMatchObject({ parentCaseId: determination, jurisdictionId: second.communeId });
  expect(opened.row.fields).toMatchObject({ legalGround: 4 });
  expect(opened.dossier.ownerAgencyId).toBe(second.communePolice);
  expect(await records.caseRow(postRehab)).toMatchObject({ status: 'CLOSED', closedReason: 'RELAPSE' });
  expect(await records.caseRow(determination)).toMatchObject({ status: 'CLOSED', closedReason: 'ADDICTED_RELAPSE' });
  // The chain, each case pointing to the one it came from.
  const chain = [voluntary, postRehab, determination, compulsory];
  const rows = await api.db.case.findMany({ where: { id: { in: chain } } });
  expect(new Set(rows.map((r) => r.personId)).size).toBe(1);
  expect(chain.slice(1).map((ref) => rows.find((r) => r.id === ref)?.parentCaseId)).toEqual(chain.slice(0, -1));

  // The periodic report's figures from these procedures, for the province this year.
  const year = today.slice(0, 4);
  const figures = await figuresFromRecord(api.db, province.provinceId, { from: `${year}-01-01`, to: `${year}-12-31` });
  expect(figures).toMatchObject({
    voluntaryRegistrations: 1,
    voluntaryAdmissionsToFacility: 0,
    voluntaryCompletions: 1,
    inVoluntaryTreatment: 0,
    postRehabOneYear: 0,
    postRehabManagedInWindow: 1,
    supportedIntoWork: 1,
    relapsesConfirmed: 1,
    relapseRatePercent: 100,
    determinationsRequested: 1,
    determinedAddicted: 1,
  });
});

it('ends a post-rehabilitation year with the chairman’s certificate (Form 54)', async () => {
  // Recorded after the fact: treatment completed on 10/11/2025, so the year has ended.
  const voluntary = await registerVoluntary('2025-07-07');
  await driver.expectOk(voluntary, users.chairman, {
    type: 'DECIDE_VOLUNTARY_TREATMENT',
    on: '2025-07-08',
    decisionRef: '1/QĐ-UBND',
    provider: 'Tổ tư vấn',
    monitor: 'Trần Văn Giám',
    months: 6,
  });
  await driver.expectOk(voluntary, users.chairman, { type: 'COMPLETE_VOLUNTARY_TREATMENT', on: '2025-11-10', certificateRef: 'GCN-2/2025' });
  const postRehab = `PR-${voluntary}`;
  // The phase is on record a moment before the certificate step opens: wait for both.
  const { completing, certificate } = await until(async () => {
    const row = await api.db.case.findUnique({ where: { id: postRehab } });
    const step = await api.db.step.findFirst({ where: { caseRef: postRehab, ruleKey: 'PR.CERTIFICATE' } });
    return row?.phase === 'COMPLETING' && step ? { completing: row, certificate: step } : undefined;
  }, 'the period to end');
  expect(completing.fields).toMatchObject({ months: 12, lastDay: '2026-11-09' });
  expect(certificate).toMatchObject({ ownerAgencyId: province.agency.communeCommittee, ownerRole: 'COMMUNE_CHAIRMAN', status: 'OPEN' });
  // Twelve monthly check-ins were opened, and the ones left open were closed with the period; none sent back-dated reminders.
  expect(await api.db.step.count({ where: { caseRef: postRehab, ruleKey: 'PR.CHECK_IN' } })).toBe(12);
  expect(await api.db.step.count({ where: { caseRef: postRehab, ruleKey: 'PR.CHECK_IN', status: 'OPEN' } })).toBe(0);
  const done = await driver.expectOk(postRehab, users.chairman, { type: 'ISSUE_COMPLETION_CERTIFICATE', on: '2026-11-12', certificateRef: 'M54-3/2026' });
  expect(done).toMatchObject({ phase: 'CLOSED', closed: true });
  expect(await records.caseRow(postRehab)).toMatchObject({ status: 'CLOSED', closedReason: 'COMPLETED' });
});
