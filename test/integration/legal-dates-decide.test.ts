import { randomUUID } from 'node:crypto';
import request from 'supertest';
import type { ApiHarness } from '../support/api-harness';
import { startCaseStack, type CaseStack } from '../support/case-stack';
import { newCitizenId, until } from '../support/case-driver';
import { createTestProvince } from '../support/test-province';
import { vietnamDate } from '../../domain/time/legal-date';

/**
 * Legal dates decide, not the wall clock (DESIGN.md decision 13). Paper files are entered late:
 * a protest filed inside the complaint window, entered after that window closed on the wall
 * clock, is accepted and its branch reopened, as long as no official recorded anything after
 * it; likewise an absconding dated inside a term that has since ended. Otherwise the 409 says why.
 */
jest.setTimeout(120_000);

let stack: CaseStack;
let api: ApiHarness;
let driver: CaseStack['driver'];
let province: Awaited<ReturnType<typeof createTestProvince>>;

beforeAll(async () => {
  stack = await startCaseStack('legal-dates');
  api = stack.api;
  driver = stack.driver;
  province = await createTestProvince(api.db, 'no provincial court');
});
afterAll(() => stack.close());

/** A case decided on 20/08/2025 (APPLY), whose complaint window has long closed on the wall clock. */
async function decidedOn20August(months = 12) {
  const { caseRef } = await driver.openCase('police.apl', {
    jurisdictionId: 'SX-APL',
    residenceJurisdictionId: 'SX-APL',
    groundsFoundOn: '2025-08-11',
  });
  await driver.expectOk(caseRef, 'police.apl', {
    type: 'FILE_DOSSIER',
    on: '2025-08-12',
    addictionResultRef: 'KQ-20/2025',
    interimArrangement: { kind: 'FAMILY' },
  });
  await driver.expectOk(caseRef, 'police.apl', { type: 'NOTIFY_PERSON', on: '2025-08-13' });
  await driver.expectOk(caseRef, 'coordinator.pc04', { type: 'TRANSFER_TO_COURT', on: '2025-08-14' });
  await driver.expectOk(caseRef, 'judge.kv1', { type: 'ACCEPT_DOSSIER', on: '2025-08-15' });
  await driver.expectOk(caseRef, 'judge.kv1', { type: 'RECORD_DECISION', on: '2025-08-20', outcome: 'APPLY', months, decisionRef: '88/2025/QĐ-TA' });
  return until(async () => {
    const page = await driver.casePage(caseRef, 'coordinator.pc04');
    return page.phase === 'AWAITING_ADMISSION' && page.openSteps.length > 0 ? { caseRef, page } : undefined;
  }, 'the decision to take effect');
}

const kinds = (page: { timeline: { kind: string }[] }) => page.timeline.map((entry) => entry.kind);

it('accepts a protest dated inside a window the wall clock closed, and reopens its branch', async () => {
  const { caseRef, page } = await decidedOn20August();
  expect(page.decision.effectiveOn).toBe('2025-08-28');
  const protest = await driver.expectOk(caseRef, 'procurator.kv1', { type: 'FILE_COMPLAINT', on: '2025-08-22', by: 'PROCURACY' });
  expect(protest.phase).toBe('UNDER_APPEAL');
  expect(protest.openSteps.map((step) => step.ruleKey)).toEqual(['CRA.APPEAL']);
  const after = await driver.casePage(caseRef, 'coordinator.pc04');
  expect(kinds(after).slice(-4)).toEqual(['COMPLAINT_WINDOW_OPENED', 'DECISION_EFFECTIVE', 'CASE_REOPENED', 'COMPLAINT_FILED']);
  expect(after.timeline.at(-2).details).toMatchObject({ restoredPhase: 'COMPLAINT_WINDOW', undoneFrom: '2025-08-28', forAction: 'FILE_COMPLAINT' });
  // The decision is not in effect any more; the admission step it had opened is cancelled, not lost.
  expect(after.decision.effectiveOn).toBeNull();
  expect(after.steps.find((step: { ruleKey: string }) => step.ruleKey === 'CRA.D11').status).toBe('CANCELLED');
});

it('refuses the same protest when an official recorded an act after its date, and says so', async () => {
  const { caseRef } = await decidedOn20August(24);
  await driver.expectOk(caseRef, 'facility.officer', { type: 'ADMIT', on: '2025-09-01' });
  const late = await driver.act(caseRef, 'procurator.kv1', { type: 'FILE_COMPLAINT', on: '2025-08-22', by: 'PROCURACY' });
  expect(late.status).toBe(409);
  expect(late.body).toMatchObject({ code: 'CASE.STEP_NOT_OPEN', phase: 'IN_TREATMENT', laterActOn: '2025-09-01' });
  expect(late.body.detailEn).toContain('an act was recorded after it, on 2025-09-01');
});

it('accepts an absconding dated inside a term that has since ended on the wall clock', async () => {
  const { caseRef } = await decidedOn20August(12);
  const admitted = await driver.expectOk(caseRef, 'facility.officer', { type: 'ADMIT', on: '2025-09-01' });
  expect(admitted.termEndOn).toBe('2026-08-31');
  await until(async () => {
    const page = await driver.casePage(caseRef, 'coordinator.pc04');
    return page.phase === 'COMPLETING' && page.openSteps.length > 0 ? true : undefined;
  }, 'the term to end');
  const away = await driver.expectOk(caseRef, 'facility.officer', { type: 'ABSCOND', on: '2026-03-10' });
  expect(away).toMatchObject({ phase: 'ABSCONDED', openSteps: [] });
  // Back ten days later: the term's end moves by ten days, and the case completes again.
  const back = await driver.expectOk(caseRef, 'facility.officer', { type: 'RETURN_TO_FACILITY', on: '2026-03-20' });
  expect(back.termEndOn).toBe('2026-09-10');
  await until(async () => {
    const page = await driver.casePage(caseRef, 'coordinator.pc04');
    return page.phase === 'COMPLETING' && page.openSteps.some((step: { ruleKey: string }) => step.ruleKey === 'CRA.D13') ? true : undefined;
  }, 'the term to end again');
  const page = await driver.casePage(caseRef, 'coordinator.pc04');
  expect(kinds(page).slice(-5)).toEqual(['TERM_ENDED', 'CASE_REOPENED', 'ABSCONDED', 'RETURNED_TO_FACILITY', 'TERM_ENDED']);
});

describe('a case entered at a later phase, its past acts from the paper file', () => {
  const open = (pastActs: unknown[]) =>
    request(api.app)
      .post('/cases')
      .set('Idempotency-Key', randomUUID())
      .send({
        procedure: 'COMPULSORY_REHAB_ADULT',
        jurisdictionId: 'SX-APL',
        person: { fullName: 'Quách Văn Giấy', birthDate: '1988-10-10', citizenId: newCitizenId(), residenceStatus: 'STABLE', residenceJurisdictionId: 'SX-APL' },
        legalGround: 1,
        groundsFoundOn: '2025-08-11',
        pastActs,
      });

  it('records them in order with their dates and who did them, and opens only the current step', async () => {
    const opened = await open([
      { action: { type: 'FILE_DOSSIER', on: '2025-08-12', addictionResultRef: 'KQ-1/2025', interimArrangement: { kind: 'FAMILY' } } },
      { action: { type: 'NOTIFY_PERSON', on: '2025-08-13' }, onPaperBy: 'Đại úy Trần Văn Giấy' },
    ]).set('Authorization', `Bearer ${await driver.token('police.apl')}`);
    expect(opened.status).toBe(201);
    expect(opened.body).toMatchObject({ phase: 'TRANSFER', pastActs: { recorded: 2 } });
    expect(opened.body.openSteps.map((step: { ruleKey: string; ownerAgencyId: string }) => [step.ruleKey, step.ownerAgencyId])).toEqual([['CRA.D5', 'SX-PC04']]);
    const page = await driver.casePage(opened.body.caseRef, 'coordinator.pc04');
    expect(page.timeline.map((e: { kind: string; on: string }) => [e.kind, e.on])).toEqual([
      ['CASE_OPENED', '2025-08-11'],
      ['DOSSIER_FILED', '2025-08-12'],
      ['PERSON_NOTIFIED', '2025-08-13'],
    ]);
    expect(page.timeline[2].details.onPaperBy).toBe('Đại úy Trần Văn Giấy');
    // The past steps are done on their dates and sent no back-dated reminders.
    const steps = await api.db.step.findMany({ where: { caseRef: opened.body.caseRef, ruleKey: { in: ['CRA.D2', 'CRA.D3'] } } });
    expect(steps.map((step) => step.status)).toEqual(['COMPLETED', 'COMPLETED']);
    expect(await api.db.notification.count({ where: { stepId: { in: steps.map((step) => step.id) } } })).toBe(0);
  });

  it('stops at the first act the procedure refuses, and says which and why', async () => {
    const opened = await open([{ action: { type: 'NOTIFY_PERSON', on: '2025-08-13' } }]).set('Authorization', `Bearer ${await driver.token('police.apl')}`);
    expect(opened.status).toBe(201);
    expect(opened.body).toMatchObject({ phase: 'DOSSIER', pastActs: { recorded: 0, refused: { index: 0, type: 'NOTIFY_PERSON' } } });
  });

  it('refuses an act the caller’s roles could not take', async () => {
    const refused = await open([
      { action: { type: 'FILE_DOSSIER', on: '2025-08-12', addictionResultRef: 'KQ-2/2025', interimArrangement: { kind: 'FAMILY' } } },
      { action: { type: 'ACCEPT_DOSSIER', on: '2025-08-15' } },
    ]).set('Authorization', `Bearer ${await driver.token('police.apl')}`);
    expect(refused.status).toBe(403);
    expect(refused.body.field).toBe('body.pastActs.1.action.type');
  });
});

it('refuses, before anything changes, an act whose next step has no owner in the registry', async () => {
  // A province whose registry has no provincial court (created before the first request): a complaint could not open the appeal step.
  const police = await province.addUser(province.agency.communePolice, ['COMMUNE_POLICE_HEAD']);
  const coordinator = await province.addUser(province.agency.drugDivision, ['PROVINCIAL_COORDINATOR']);
  const judge = await province.addUser(province.agency.regionalCourt, ['JUDGE']);
  const today = vietnamDate();
  const { caseRef } = await driver.openCase(police, { jurisdictionId: province.communeId, residenceJurisdictionId: province.communeId, groundsFoundOn: today });
  await driver.expectOk(caseRef, police, { type: 'FILE_DOSSIER', on: today, addictionResultRef: 'KQ-5/2026', interimArrangement: { kind: 'FAMILY' } });
  await driver.expectOk(caseRef, police, { type: 'NOTIFY_PERSON', on: today });
  await driver.expectOk(caseRef, coordinator, { type: 'TRANSFER_TO_COURT', on: today });
  await driver.expectOk(caseRef, judge, { type: 'ACCEPT_DOSSIER', on: today });
  await driver.expectOk(caseRef, judge, { type: 'RECORD_DECISION', on: today, outcome: 'APPLY', months: 12, decisionRef: '1/2026/QĐ-TA' });
  const complaint = await driver.act(caseRef, judge, { type: 'FILE_COMPLAINT', on: today, by: 'PERSON' });
  expect(complaint.status).toBe(422);
  expect(complaint.body.detailEn).toContain('PROVINCIAL_COURT');
  const page = await driver.casePage(caseRef, coordinator);
  expect(page.phase).toBe('COMPLAINT_WINDOW');
  expect(page.timeline.at(-1).kind).toBe('COMPLAINT_WINDOW_OPENED');
});
