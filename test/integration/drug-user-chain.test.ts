import { randomUUID } from 'node:crypto';
import request from 'supertest';
import type { ApiHarness } from '../support/api-harness';
import { startCaseStack, type CaseStack } from '../support/case-stack';
import { newCitizenId, until } from '../support/case-driver';
import { createTestProvince, type TestProvince } from '../support/test-province';
import { vietnamDate } from '../../domain/time/legal-date';

/**
 * The chain a person travels, through the HTTP API on the real Temporal server and PostgreSQL:
 * a managed drug user (A) moves to another commune, is found using again and sent for
 * determination (B), is found addicted (management ends), does not register for treatment
 * within the time allowed, and a compulsory case (D) opens on ground 1, each case linked to the
 * one it came from. The test province shortens the steps by rule overrides (data, never code),
 * so reminders and escalations fire on the real clock.
 */
jest.setTimeout(180_000);

const seconds = (amount: number) => ({ unit: 'SECONDS', amount }) as const;

let stack: CaseStack;
let api: ApiHarness;
let province: TestProvince;
let driver: CaseStack['driver'];
let records: CaseStack['records'];
let second: { communeId: string; communePolice: string; communeCommittee: string };
const users = { police: '', chairman: '', police2: '', official2: '', doctor: '' };

beforeAll(async () => {
  stack = await startCaseStack('drug-user-chain');
  api = stack.api;
  driver = stack.driver;
  records = stack.records;
  province = await createTestProvince(api.db, 'drug chain');
  second = await province.addCommune('X2');
  // The chairman has 4 s to decide: reminded 2 s before, escalated to PC04 1 s after.
  await province.setRule('DUM.DECISION', {
    budget: { kind: 'ELAPSED', seconds: 4 },
    reminders: [seconds(2)],
    escalations: [{ after: seconds(1), to: { agencyKind: 'PROVINCIAL_POLICE_DRUG_DIVISION', role: 'PROVINCIAL_COORDINATOR' } }],
  });
  // The doctor has 4 s to conclude: reminded 2 s before, escalated to the health department, then PC04.
  await province.setRule('DET.EXAMINATION', {
    budget: { kind: 'ELAPSED', seconds: 4 },
    reminders: [seconds(2)],
    escalations: [
      { after: seconds(1), to: { agencyKind: 'PROVINCIAL_HEALTH_DEPARTMENT', role: 'PROVINCIAL_COORDINATOR' } },
      { after: seconds(2), to: { agencyKind: 'PROVINCIAL_POLICE_DRUG_DIVISION', role: 'PROVINCIAL_COORDINATOR' } },
    ],
  });
  // Five working days to register become 3 s (the limit itself is confirmed law; a test province may shorten it).
  await province.setRule('DET.REGISTRATION', { budget: { kind: 'ELAPSED', seconds: 3 }, reminders: [seconds(1)] });
  users.police = await province.addUser(province.agency.communePolice, ['COMMUNE_POLICE_OFFICER']);
  users.chairman = await province.addUser(province.agency.communeCommittee, ['COMMUNE_CHAIRMAN']);
  users.police2 = await province.addUser(second.communePolice, ['COMMUNE_POLICE_OFFICER']);
  users.official2 = await province.addUser(second.communeCommittee, ['COMMUNE_OFFICIAL']);
  users.doctor = await province.addUser(province.agency.medicalFacility, ['DOCTOR']);
});
afterAll(() => stack.close());


/** Commune police register a person after a positive test today. */
async function registerUser(person: Record<string, string>) {
  return request(api.app)
    .post('/cases')
    .set('Authorization', `Bearer ${await driver.token(users.police)}`)
    .set('Idempotency-Key', randomUUID())
    .send({
      procedure: 'DRUG_USER_MANAGEMENT',
      jurisdictionId: province.communeId,
      person: { ...person, residenceStatus: 'STABLE', residenceJurisdictionId: province.communeId },
      testedOn: vietnamDate(),
      testResultRef: 'XN-12/2026',
      violationRecordRef: 'BB-7/2026',
    });
}

it('takes a managed user through a move, a determination and a missed registration to a compulsory case', async () => {
  const today = vietnamDate();
  const opened = await registerUser({ fullName: 'Lê Văn Quản', birthDate: '1992-05-20', citizenId: newCitizenId() });
  expect(opened.status).toBe(201);
  const managed = opened.body.caseRef as string;
  expect(managed).toMatch(/^QL-/);
  expect(opened.body.openSteps.map((s: { ruleKey: string; ownerAgencyId: string }) => [s.ruleKey, s.ownerAgencyId])).toEqual([
    ['DUM.DECISION', province.agency.communeCommittee],
  ]);

  // The chairman is late: reminded, then the drug division hears of it.
  expect(await records.notificationsOf(managed, 'DUM.DECISION', 2)).toEqual([
    ['REMINDER', province.agency.communeCommittee, 'COMMUNE_CHAIRMAN', -2000],
    ['ESCALATION', province.agency.drugDivision, 'PROVINCIAL_COORDINATOR', 1000],
  ]);
  const decided = await driver.expectOk(managed, users.chairman, { type: 'DECIDE_MANAGEMENT', on: today, decisionRef: '5/QĐ-UBND' });
  expect(decided.phase).toBe('UNDER_MANAGEMENT');
  expect(decided.openSteps.map((s) => [s.ruleKey, s.ownerAgencyId])).toEqual([['DUM.CHECK', province.agency.communePolice]]);
  const row = await records.caseRow(managed);
  expect(row.fields).toMatchObject({ decisionRef: '5/QĐ-UBND', managementFrom: today });

  await driver.expectOk(managed, users.police, { type: 'RECORD_RESIDENCE_CHECK', on: today, outcome: 'PRESENT' });

  // Wrong role, wrong commune, and an action whose step is not open.
  expect((await driver.act(managed, users.chairman, { type: 'RECORD_MOVE', on: today, toJurisdictionId: second.communeId })).status).toBe(403);
  expect((await driver.act(managed, users.police2, { type: 'SEND_FOR_DETERMINATION', on: today, reason: 'USING_AGAIN' })).status).toBe(403);
  const notOpen = await driver.act(managed, users.police, { type: 'NOTIFY_RECEIVING_COMMUNE', on: today });
  expect(notOpen.status).toBe(409);
  // The month's check is done and nothing else is open: the answer says so.
  expect(notOpen.body).toMatchObject({ code: 'CASE.STEP_NOT_OPEN', phase: 'UNDER_MANAGEMENT', openSteps: [] });
  const unknownUnit = await driver.act(managed, users.police, { type: 'RECORD_MOVE', on: today, toJurisdictionId: 'NOWHERE' });
  expect(unknownUnit.status).toBe(400);
  expect(unknownUnit.body.errors[0].field).toBe('body.toJurisdictionId');

  // The person moves: the old commune's police notify, the new commune's police confirm, and the case is theirs.
  const moved = await driver.expectOk(managed, users.police, { type: 'RECORD_MOVE', on: today, toJurisdictionId: second.communeId });
  expect(moved.openSteps.map((s) => [s.ruleKey, s.ownerAgencyId]).sort()).toEqual(
    [
      ['DUM.ARRIVAL', second.communePolice],
      ['DUM.CHECK', second.communePolice],
      ['DUM.MOVE_NOTICE', province.agency.communePolice],
    ].sort(),
  );
  expect((await records.caseRow(managed)).jurisdictionId).toBe(second.communeId);
  await driver.expectOk(managed, users.police, { type: 'NOTIFY_RECEIVING_COMMUNE', on: today });
  await driver.expectOk(managed, users.police2, { type: 'CONFIRM_ARRIVAL', on: today });
  expect((await driver.act(managed, users.police, { type: 'SEND_FOR_DETERMINATION', on: today, reason: 'USING_AGAIN' })).status).toBe(403);
  const page = await driver.casePage(managed, users.police2);
  expect(page.timeline.map((e: { kind: string }) => e.kind)).toEqual([
    'USER_REGISTERED',
    'MANAGEMENT_DECIDED',
    'RESIDENCE_CHECKED',
    'PERSON_MOVED',
    'RECEIVING_COMMUNE_NOTIFIED',
    'ARRIVAL_CONFIRMED',
  ]);

  // Found using again: sent for determination, a case of its own linked to this one.
  await driver.expectOk(managed, users.police2, { type: 'SEND_FOR_DETERMINATION', on: today, reason: 'USING_AGAIN' });
  const determination = `XD-${managed}-1`;
  expect(await records.caseRow(determination)).toMatchObject({
    procedure: 'ADDICTION_DETERMINATION',
    parentCaseId: managed,
    jurisdictionId: second.communeId,
  });
  // The doctor is late too: reminded, then the health department and the drug division hear of it.
  expect(await records.notificationsOf(determination, 'DET.EXAMINATION', 3)).toEqual([
    ['REMINDER', province.agency.medicalFacility, 'DOCTOR', -2000],
    ['ESCALATION', province.agency.healthDepartment, 'PROVINCIAL_COORDINATOR', 1000],
    ['ESCALATION', province.agency.drugDivision, 'PROVINCIAL_COORDINATOR', 2000],
  ]);
  // A police officer cannot record a medical conclusion.
  expect(
    (await driver.act(determination, users.police2, { type: 'RECORD_CONCLUSION', on: today, result: 'ADDICTED', resultRef: 'PKQ-1' })).status,
  ).toBe(403);
  const concluded = await driver.expectOk(determination, users.doctor, {
    type: 'RECORD_CONCLUSION',
    on: today,
    result: 'ADDICTED',
    resultRef: 'PKQ-1/2026',
  });
  expect(concluded.phase).toBe('AWAITING_REGISTRATION');
  expect(concluded.openSteps.map((s) => [s.ruleKey, s.ownerAgencyId])).toEqual([['DET.REGISTRATION', second.communeCommittee]]);

  // Found addicted: management ends.
  await until(async () => ((await records.caseRow(managed)).status === 'CLOSED' ? true : undefined), 'management to end');
  expect(await records.caseRow(managed)).toMatchObject({ phase: 'CLOSED', closedReason: 'FOUND_ADDICTED' });

  // Nobody registers in time: reminded, then the compulsory case opens on ground 1, linked to the determination.
  expect((await records.notificationsOf(determination, 'DET.REGISTRATION', 1))[0]).toEqual([
    'REMINDER',
    second.communeCommittee,
    'COMMUNE_OFFICIAL',
    -1000,
  ]);
  const compulsory = `CRA-${determination}`;
  const opened2 = await until(async () => {
    const found = await api.db.case.findUnique({ where: { id: compulsory } });
    const dossier = await api.db.step.findFirst({ where: { caseRef: compulsory, ruleKey: 'CRA.D2' } });
    return found && dossier ? { found, dossier } : undefined;
  }, 'the compulsory case');
  expect(opened2.found).toMatchObject({ procedure: 'COMPULSORY_REHAB_ADULT', parentCaseId: determination, jurisdictionId: second.communeId });
  expect(opened2.found.fields).toMatchObject({ legalGround: 1 });
  expect(opened2.dossier.ownerAgencyId).toBe(second.communePolice);
  expect(await records.caseRow(determination)).toMatchObject({ status: 'CLOSED', closedReason: 'NOT_REGISTERED' });
  // One person through all three cases.
  const persons = new Set([(await records.caseRow(managed)).personId, (await records.caseRow(determination)).personId, opened2.found.personId]);
  expect(persons.size).toBe(1);
  // The person page lists the whole chain, oldest first, each case with the one it came from; each read audited.
  const personId = opened2.found.personId;
  if (personId === null) throw new Error('a drug case is about a person');
  const personPage = await request(api.app).get(`/persons/${personId}`).set('Authorization', `Bearer ${await driver.token(users.police2)}`);
  expect(personPage.status).toBe(200);
  expect(personPage.body.cases.map((c: { caseRef: string; parentCaseRef: string | null }) => [c.caseRef, c.parentCaseRef])).toEqual([
    [managed, null],
    [determination, managed],
    [compulsory, determination],
  ]);
  expect(await api.db.auditEvent.count({ where: { action: 'person.read', subjectId: personId } })).toBe(1);
  // The doctor reads only the determination: the other procedures' cases are not theirs to read.
  const doctorsView = await request(api.app).get(`/persons/${personId}`).set('Authorization', `Bearer ${await driver.token(users.doctor)}`);
  expect(doctorsView.body.cases.map((c: { caseRef: string }) => c.caseRef)).toEqual([determination]);

  // The commune police of the new commune go on with the dossier.
  await driver.expectOk(compulsory, users.police2, {
    type: 'FILE_DOSSIER',
    on: vietnamDate(),
    addictionResultRef: 'PKQ-1/2026',
    interimArrangement: { kind: 'FAMILY' },
  });
});

it('returns a managed user found not addicted to management', async () => {
  const today = vietnamDate();
  const opened = await registerUser({ fullName: 'Phan Thị Không', birthDate: '1998-01-02', otherIdentification: 'Giấy khai sinh số 12/1998' });
  expect(opened.status).toBe(201);
  const managed = opened.body.caseRef as string;
  await driver.expectOk(managed, users.chairman, { type: 'DECIDE_MANAGEMENT', on: today, decisionRef: '6/QĐ-UBND' });
  await driver.expectOk(managed, users.police, { type: 'SEND_FOR_DETERMINATION', on: today, reason: 'USING_AGAIN' });
  const determination = `XD-${managed}-1`;
  await records.caseRow(determination);
  await driver.expectOk(determination, users.doctor, { type: 'RECORD_CONCLUSION', on: today, result: 'NOT_ADDICTED', resultRef: 'PKQ-2/2026' });
  const back = await until(async () => {
    const page = await driver.casePage(managed, users.police);
    return page.timeline.some((e: { kind: string }) => e.kind === 'DETERMINATION_RETURNED') ? page : undefined;
  }, 'the result to come back');
  expect(back).toMatchObject({ phase: 'UNDER_MANAGEMENT', status: 'OPEN' });
  expect(back.person.otherIdentification).toBe('Giấy khai sinh số 12/1998');
  expect(await records.caseRow(determination)).toMatchObject({ status: 'CLOSED', closedReason: 'NOT_ADDICTED' });
});
