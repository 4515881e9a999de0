import { randomUUID } from 'node:crypto';
import request from 'supertest';
import type { ApiHarness } from '../support/api-harness';
import { startCaseStack, type CaseStack } from '../support/case-stack';
import { newCitizenId, until } from '../support/case-driver';
import { vietnamDate } from '../../domain/time/legal-date';

/**
 * Procedure G, the education measure at commune level, through the HTTP API on the real Temporal
 * server and PostgreSQL: who it applies to (age 14, two fines and a third use within 6 months,
 * nothing before the rule book's 2022), the dossier to the certificate with the notice due the
 * same working day, and drug use found in the year after it opening a determination.
 */
jest.setTimeout(120_000);

let stack: CaseStack;
let api: ApiHarness;
let driver: CaseStack['driver'];
let records: CaseStack['records'];

beforeAll(async () => {
  stack = await startCaseStack('education');
  api = stack.api;
  driver = stack.driver;
  records = stack.records;
});
afterAll(() => stack.close());

async function open(birthDate: string, violationOn: string, priorFines: string[], jurisdictionId = 'SX-APL') {
  return request(api.app)
    .post('/cases')
    .set('Authorization', `Bearer ${await driver.token('police.apl')}`)
    .set('Idempotency-Key', randomUUID())
    .send({
      procedure: 'EDUCATION_AT_COMMUNE',
      jurisdictionId,
      person: { fullName: 'Đinh Văn Học', birthDate, citizenId: newCitizenId(), residenceStatus: 'STABLE', residenceJurisdictionId: 'SX-APL' },
      basis: 'DRUG_USE',
      violationOn,
      priorFines: priorFines.map((on, index) => ({ on, ref: `QĐXP-${index + 1}` })),
    });
}

it('refuses whom the measure does not apply to, saying why', async () => {
  const oneFine = await open('2005-01-01', '2025-10-06', ['2025-08-04']);
  expect(oneFine.status).toBe(422);
  expect(oneFine.body).toMatchObject({ code: 'CASE.PROCEDURE_NOT_APPLICABLE' });
  expect(oneFine.body.errors[0].field).toBe('body.priorFines');
  const tooLate = await open('2005-01-01', '2026-03-02', ['2025-06-02', '2025-08-04']);
  expect(tooLate.status).toBe(422);
  expect(tooLate.body.errors[0].field).toBe('body.violationOn');
  const thirteen = await open(`${Number(vietnamDate().slice(0, 4)) - 13}-01-01`, vietnamDate(), ['2026-06-01', '2026-08-03']);
  expect(thirteen.status).toBe(422);
  expect(thirteen.body).toMatchObject({ code: 'CASE.AGE_NOT_APPLICABLE', age: 13 });
  const before2022 = await open('1990-01-01', '2021-10-04', ['2021-06-01', '2021-08-02'], 'SX-LV-AP');
  expect(before2022.status).toBe(422);
  expect(before2022.body).toMatchObject({ code: 'CASE.RULES_NOT_IN_FORCE', firstRulesOn: '2022-01-01' });
});

it('goes from the dossier to the certificate, and drug use in the year after opens a determination', async () => {
  const opened = await open('2008-01-01', '2025-10-06', ['2025-06-02', '2025-08-04']);
  expect(opened.status).toBe(201);
  const caseRef = opened.body.caseRef as string;
  expect(caseRef).toMatch(/^GD-/);
  const filed = await driver.expectOk(caseRef, 'police.apl', { type: 'FILE_DOSSIER', on: '2025-10-07' });
  // "Immediately": the written notice is due the same working day.
  expect(filed.openSteps.map((s) => [s.ruleKey, s.dueDate])).toEqual([['EDU.NOTICE', '2025-10-07']]);
  await driver.expectOk(caseRef, 'police.apl', { type: 'NOTIFY_PERSON', on: '2025-10-07' });
  await driver.expectOk(caseRef, 'official.apl', { type: 'COMPLETE_LEGAL_CHECK', on: '2025-10-08' });
  await driver.expectOk(caseRef, 'chairman.apl', { type: 'HOLD_ADVISORY_MEETING', on: '2025-10-10', participants: ['COMMUNE_POLICE', 'JUSTICE_OFFICER', 'FATHERLAND_FRONT', 'FAMILY'] });
  const decided = await driver.expectOk(caseRef, 'chairman.apl', {
    type: 'DECIDE_MEASURE',
    on: '2025-10-15',
    outcome: 'APPLY',
    months: 3,
    decisionRef: '12/QĐ-UBND',
    manager: 'Đoàn Thanh niên xã',
  });
  expect(decided.phase).toBe('IN_EXECUTION');
  // Three months from 15/10/2025 ended on 14/01/2026: the certificate is due.
  await until(async () => ((await api.db.step.count({ where: { caseRef, ruleKey: 'EDU.CERTIFICATE' } })) > 0 ? true : undefined), 'the measure to end');
  expect(await records.caseRow(caseRef)).toMatchObject({ phase: 'COMPLETING' });
  expect((await records.caseRow(caseRef)).fields).toMatchObject({ measureFrom: '2025-10-15', measureEndsOn: '2026-01-14' });
  const certified = await driver.expectOk(caseRef, 'chairman.apl', { type: 'ISSUE_CERTIFICATE', on: '2026-01-20', certificateRef: 'GCN-GD-1/2026' });
  expect(certified).toMatchObject({ phase: 'AFTER_MEASURE', allowedActions: ['RECORD_DRUG_USE'] });

  await driver.expectOk(caseRef, 'police.apl', { type: 'RECORD_DRUG_USE', on: vietnamDate() });
  const determination = await records.caseRow(`XD-${caseRef}-1`);
  expect(determination).toMatchObject({ procedure: 'ADDICTION_DETERMINATION', parentCaseId: caseRef });
  expect(determination.fields).toMatchObject({ basis: 'EDUCATION_MEASURE_USING' });
});

it('sends a person found using drugs during the measure for determination', async () => {
  const today = vietnamDate();
  const year = Number(today.slice(0, 4));
  const opened = await open(`${year - 15}-01-01`, today, [`${year}-08-03`, `${year}-09-07`]);
  expect(opened.status).toBe(201);
  const caseRef = opened.body.caseRef as string;
  await driver.expectOk(caseRef, 'police.apl', { type: 'FILE_DOSSIER', on: today });
  await driver.expectOk(caseRef, 'police.apl', { type: 'NOTIFY_PERSON', on: today });
  await driver.expectOk(caseRef, 'official.apl', { type: 'COMPLETE_LEGAL_CHECK', on: today });
  await driver.expectOk(caseRef, 'chairman.apl', { type: 'HOLD_ADVISORY_MEETING', on: today });
  const deciding = await driver.expectOk(caseRef, 'chairman.apl', { type: 'DECIDE_MEASURE', on: today, outcome: 'APPLY', months: 6, decisionRef: '14/QĐ-UBND' });
  expect(deciding.openSteps.map((s) => s.ruleKey)).toEqual(['EDU.REVIEW']);
  await driver.expectOk(caseRef, 'official.apl', { type: 'RECORD_REVIEW', on: today, progress: 'POOR' });
  const found = await driver.expectOk(caseRef, 'police.apl', { type: 'RECORD_DRUG_USE', on: today });
  // The measure goes on while the determination runs.
  expect(found.phase).toBe('IN_EXECUTION');
  expect(await records.caseRow(`XD-${caseRef}-1`)).toMatchObject({ procedure: 'ADDICTION_DETERMINATION', parentCaseId: caseRef, phase: 'EXAMINATION' });
});
