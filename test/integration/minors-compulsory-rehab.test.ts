import { randomUUID } from 'node:crypto';
import request from 'supertest';
import type { ApiHarness } from '../support/api-harness';
import { startCaseStack, type CaseStack } from '../support/case-stack';
import { newCitizenId, until } from '../support/case-driver';
import { createTestProvince } from '../support/test-province';
import { vietnamDate } from '../../domain/time/legal-date';

/**
 * Procedure E, minors' compulsory rehabilitation, through the HTTP API on the real Temporal server
 * and PostgreSQL: the age line between procedures, the court's one extension for a complex case,
 * a guardian's complaint that holds execution, the term and a year of post-rehabilitation, and the
 * court's ladder (shortened by a province's rule override).
 */
jest.setTimeout(180_000);

let stack: CaseStack;
let api: ApiHarness;
let driver: CaseStack['driver'];
let records: CaseStack['records'];
let province: Awaited<ReturnType<typeof createTestProvince>>;

beforeAll(async () => {
  stack = await startCaseStack('minors');
  api = stack.api;
  driver = stack.driver;
  records = stack.records;
  // Created before the first request: the API caches the registry's units for 30 s.
  province = await createTestProvince(api.db, 'minors court');
});
afterAll(() => stack.close());

async function open(procedure: string, birthDate: string, groundsFoundOn: string, user = 'police.apl', jurisdictionId = 'SX-APL') {
  return request(api.app)
    .post('/cases')
    .set('Authorization', `Bearer ${await driver.token(user)}`)
    .set('Idempotency-Key', randomUUID())
    .send({
      procedure,
      jurisdictionId,
      person: { fullName: 'Trần Văn Nhỏ', birthDate, citizenId: newCitizenId(), residenceStatus: 'STABLE', residenceJurisdictionId: jurisdictionId },
      legalGround: 1,
      groundsFoundOn,
      guardian: { name: 'Trần Thị Mẹ', relation: 'MOTHER' },
    });
}

describe('the age line', () => {
  it('refuses a 16-year-old in the adults’ procedure, naming the minors’, and a 19-year-old in the minors’', async () => {
    const sixteen = await open('COMPULSORY_REHAB_ADULT', '2010-05-01', '2026-11-02');
    expect(sixteen.status).toBe(422);
    expect(sixteen.body).toMatchObject({ code: 'CASE.AGE_NOT_APPLICABLE', age: 16, procedureForAge: 'COMPULSORY_REHAB_MINOR' });
    expect(sixteen.body.detail).toContain('COMPULSORY_REHAB_MINOR');
    const nineteen = await open('COMPULSORY_REHAB_MINOR', '2007-05-01', '2026-11-02');
    expect(nineteen.status).toBe(422);
    expect(nineteen.body).toMatchObject({ code: 'CASE.AGE_NOT_APPLICABLE', age: 19, procedureForAge: 'COMPULSORY_REHAB_ADULT' });
  });
});

it('takes a 17-year-old from the dossier to a year of post-rehabilitation, turning 18 on the way', async () => {
  // 17 when the grounds were found on 04/08/2025; 18 on 10/03/2026, during the term.
  const opened = await open('COMPULSORY_REHAB_MINOR', '2008-03-10', '2025-08-04');
  expect(opened.status).toBe(201);
  const caseRef = opened.body.caseRef as string;
  expect(caseRef).toMatch(/^CRM-/);
  await driver.expectOk(caseRef, 'police.apl', { type: 'FILE_DOSSIER', on: '2025-08-05' });
  await driver.expectOk(caseRef, 'police.apl', { type: 'NOTIFY_GUARDIAN_OF_DOSSIER', on: '2025-08-06', how: 'IN_WRITING' });
  await driver.expectOk(caseRef, 'police.apl', { type: 'ASSIGN_DEFENDER', on: '2025-08-06', defender: { name: 'Luật sư Hoàng Văn Bảo', kind: 'LEGAL_AID' } });
  await driver.expectOk(caseRef, 'coordinator.pc04', { type: 'TRANSFER_TO_COURT', on: '2025-08-07' });
  const accepted = await driver.expectOk(caseRef, 'judge.kv1', { type: 'ACCEPT_DOSSIER', on: '2025-08-08' });
  // 15 calendar days from acceptance, at the regional court (after 1 July 2025).
  expect(accepted.openSteps.map((s) => [s.ruleKey, s.ownerAgencyId, s.dueDate])).toEqual([['CRM.DECISION', 'SX-TAKV1', '2025-08-23']]);

  // A complex case: extended once by 15 days (30 in all); the due date moves and says why; a second extension is refused.
  const extended = await driver.expectOk(caseRef, 'judge.kv1', { type: 'EXTEND_DECISION_PERIOD', on: '2025-08-18', days: 15, reason: 'Cần ý kiến chuyên gia tâm lý' });
  expect(extended.openSteps[0]?.dueDate).toBe('2025-09-07');
  const step = (await driver.casePage(caseRef, 'coordinator.pc04')).openSteps[0];
  expect(JSON.stringify(step.explanation.adjustments)).toContain('Cần ý kiến chuyên gia tâm lý');
  const again = await driver.act(caseRef, 'judge.kv1', { type: 'EXTEND_DECISION_PERIOD', on: '2025-08-19', days: 5, reason: 'Thêm thời gian' });
  expect(again.status).toBe(422);

  // Decided on 20/08 with the minor absent; received on 22/08: the window runs from receipt.
  const decided = await driver.expectOk(caseRef, 'judge.kv1', {
    type: 'RECORD_DECISION',
    on: '2025-08-20',
    outcome: 'SEND',
    months: 12,
    decisionRef: '7/2025/QĐ-TA',
    receivedOn: '2025-08-22',
  });
  expect(decided.complaintWindowEndsOn).toBe('2025-08-29');
  // The mother's complaint, dated inside the window, entered after it closed: accepted, and execution waits.
  await until(async () => ((await driver.casePage(caseRef, 'coordinator.pc04')).phase === 'AWAITING_ADMISSION' ? true : undefined), 'the window to close');
  const complained = await driver.expectOk(caseRef, 'police.apl', { type: 'FILE_COMPLAINT', on: '2025-08-27', by: 'PARENT' });
  expect(complained).toMatchObject({ phase: 'UNDER_APPEAL', allowedActions: ['RECORD_GUARDIAN_NOTICE', 'ASSIGN_DEFENDER', 'DECIDE_APPEAL'] });
  expect(complained.openSteps.map((s) => [s.ruleKey, s.ownerAgencyId])).toEqual([['CRM.APPEAL', 'SX-TAT']]);
  expect((await driver.act(caseRef, 'facility.officer', { type: 'ADMIT', on: '2025-09-01' })).status).toBe(409);
  await driver.expectOk(caseRef, 'police.apl', { type: 'RECORD_GUARDIAN_NOTICE', on: '2025-09-02', how: 'IN_PERSON', about: 'Lịch phiên họp giải quyết khiếu nại' });
  await driver.expectOk(caseRef, 'judge.tat', { type: 'DECIDE_APPEAL', on: '2025-09-05', outcome: 'UPHOLD', decisionRef: '2/2025/QĐ-PT' });

  const admitted = await driver.expectOk(caseRef, 'facility.officer', { type: 'ADMIT', on: '2025-09-08' });
  expect(admitted.termEndOn).toBe('2026-09-07');
  await until(async () => {
    const page = await driver.casePage(caseRef, 'coordinator.pc04');
    return page.phase === 'COMPLETING' && page.openSteps.length > 0 ? true : undefined;
  }, 'the term to end');
  await driver.expectOk(caseRef, 'facility.director', { type: 'COMPLETE_TREATMENT', on: '2026-09-10', certificateRef: 'GCN-CRM-1/2026' });
  // Eighteen since March, still finished in the minors' procedure; one year of post-rehabilitation follows.
  expect(await records.caseRow(caseRef)).toMatchObject({ procedure: 'COMPULSORY_REHAB_MINOR', status: 'CLOSED', closedReason: 'COMPLETED' });
  const followUp = await records.caseRow(`PR-${caseRef}`);
  expect(followUp).toMatchObject({ procedure: 'POST_REHAB', parentCaseId: caseRef });
  expect(followUp.fields).toMatchObject({ months: 12, startedOn: '2026-09-10', lastDay: '2027-09-09' });
  const guardianNotices = (await driver.casePage(caseRef, 'coordinator.pc04')).timeline.filter((e: { kind: string }) => e.kind === 'GUARDIAN_NOTIFIED');
  expect(guardianNotices.map((e: { on: string; details: { how: string } }) => [e.on, e.details.how])).toEqual([
    ['2025-08-06', 'IN_WRITING'],
    ['2025-09-02', 'IN_PERSON'],
  ]);
});

it('reminds the judge of a late decision and escalates to the chief judge and the coordinator', async () => {
  await province.setRule('CRM.DECISION', {
    budget: { kind: 'ELAPSED', seconds: 4 },
    reminders: [{ unit: 'SECONDS', amount: 2 }],
    escalations: [
      { after: { unit: 'SECONDS', amount: 1 }, to: { agencyKind: 'REGIONAL_COURT', role: 'CHIEF_JUDGE' } },
      { after: { unit: 'SECONDS', amount: 2 }, to: { agencyKind: 'PROVINCIAL_POLICE_DRUG_DIVISION', role: 'PROVINCIAL_COORDINATOR' } },
    ],
  });
  const police = await province.addUser(province.agency.communePolice, ['COMMUNE_POLICE_HEAD']);
  const coordinator = await province.addUser(province.agency.drugDivision, ['PROVINCIAL_COORDINATOR']);
  const judge = await province.addUser(province.agency.regionalCourt, ['JUDGE']);
  const today = vietnamDate();
  const opened = await open('COMPULSORY_REHAB_MINOR', `${Number(today.slice(0, 4)) - 15}-01-01`, today, police, province.communeId);
  expect(opened.status).toBe(201);
  const caseRef = opened.body.caseRef as string;
  await driver.expectOk(caseRef, police, { type: 'FILE_DOSSIER', on: today });
  await driver.expectOk(caseRef, police, { type: 'NOTIFY_GUARDIAN_OF_DOSSIER', on: today, how: 'IN_PERSON' });
  await driver.expectOk(caseRef, coordinator, { type: 'TRANSFER_TO_COURT', on: today });
  await driver.expectOk(caseRef, judge, { type: 'ACCEPT_DOSSIER', on: today });
  expect(await records.notificationsOf(caseRef, 'CRM.DECISION', 3)).toEqual([
    ['REMINDER', province.agency.regionalCourt, 'JUDGE', -2000],
    ['ESCALATION', province.agency.regionalCourt, 'CHIEF_JUDGE', 1000],
    ['ESCALATION', province.agency.drugDivision, 'PROVINCIAL_COORDINATOR', 2000],
  ]);
});

it('sends a minor who violates voluntary treatment to the minors’ procedure, not the adults’', async () => {
  const today = vietnamDate();
  const registered = await request(api.app)
    .post('/cases')
    .set('Authorization', `Bearer ${await driver.token('official.apl')}`)
    .set('Idempotency-Key', randomUUID())
    .send({
      procedure: 'VOLUNTARY_REHAB',
      jurisdictionId: 'SX-APL',
      person: { fullName: 'Lý Văn Trẻ', birthDate: `${Number(today.slice(0, 4)) - 16}-02-02`, citizenId: newCitizenId(), residenceStatus: 'STABLE', residenceJurisdictionId: 'SX-APL' },
      setting: 'COMMUNITY',
      registeredOn: today,
    });
  expect(registered.status).toBe(201);
  const voluntary = registered.body.caseRef as string;
  await driver.expectOk(voluntary, 'chairman.apl', { type: 'DECIDE_VOLUNTARY_TREATMENT', on: today, decisionRef: '3/QĐ-UBND', provider: 'Tổ tư vấn', monitor: 'Bí thư đoàn', months: 6 });
  await driver.expectOk(voluntary, 'chairman.apl', { type: 'RECORD_VIOLATION', on: today, violation: 'USING_DURING_TREATMENT', recordRef: 'BB-27/2026' });
  const minors = await records.caseRow(`CRM-${voluntary}`);
  expect(minors).toMatchObject({ procedure: 'COMPULSORY_REHAB_MINOR', parentCaseId: voluntary, phase: 'DOSSIER' });
  expect(minors.fields).toMatchObject({ legalGround: 2 });
  expect(await api.db.case.findUnique({ where: { id: `CRA-${voluntary}` } })).toBeNull();
});
