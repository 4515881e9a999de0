import { randomUUID } from 'node:crypto';
import request from 'supertest';
import type { ApiHarness } from '../support/api-harness';
import { startCaseStack, type CaseStack } from '../support/case-stack';
import { until } from '../support/case-driver';
import { createTestProvince } from '../support/test-province';
import { vietnamDate } from '../../domain/time/legal-date';
import { figuresFromRecord } from '../../db/reporting/figures-from-record';

/**
 * Procedure H, a trafficking victim, through the HTTP API on the real Temporal server and
 * PostgreSQL: received, brought to the commune and notified the same day, verified, identified and
 * supported through two measures to closure; a verification left late reminded and escalated (a
 * province's override); and the record read only by those handling it, never found by a search or
 * a person page made for drug cases, its name in no notification.
 */
jest.setTimeout(120_000);

let stack: CaseStack;
let api: ApiHarness;
let driver: CaseStack['driver'];
let records: CaseStack['records'];
let province: Awaited<ReturnType<typeof createTestProvince>>;
/** The users of the child's case, in the test province (the demo communes' small counts stay small). */
const childCase = { police: '', chairman: '' };
const VICTIM = 'Hoàng Thị Nạn Nhân';

beforeAll(async () => {
  stack = await startCaseStack('trafficking');
  ({ api, driver, records } = stack);
  province = await createTestProvince(api.db, 'trafficking');
  childCase.police = await province.addUser(province.agency.communePolice, ['COMMUNE_POLICE_OFFICER']);
  childCase.chairman = await province.addUser(province.agency.communeCommittee, ['COMMUNE_CHAIRMAN']);
  await province.setRule('TRF.VERIFICATION', {
    budget: { kind: 'ELAPSED', seconds: 3 },
    reminders: [{ unit: 'SECONDS', amount: 1 }],
    escalations: [{ after: { unit: 'SECONDS', amount: 1 }, to: { agencyKind: 'PROVINCIAL_POLICE_DRUG_DIVISION', role: 'PROVINCIAL_COORDINATOR' } }],
  });
});
afterAll(() => stack.close());

async function receive(user: string, jurisdictionId: string, person: Record<string, unknown> = {}) {
  const opened = await request(api.app)
    .post('/cases')
    .set('Authorization', `Bearer ${await driver.token(user)}`)
    .set('Idempotency-Key', randomUUID())
    .send({
      procedure: 'TRAFFICKING_VICTIM',
      jurisdictionId,
      // Came back from abroad without papers.
      person: { fullName: VICTIM, birthDate: '2004-02-02', otherIdentification: 'Không giấy tờ, tự khai', residenceStatus: 'STABLE', residenceJurisdictionId: jurisdictionId, ...person },
      channel: 'SELF_REPORTED',
      receivedOn: vietnamDate(),
    });
  expect(opened.status).toBe(201);
  return opened.body.caseRef as string;
}

it('receives, verifies, identifies and supports a victim to closure, and keeps the record to those handling it', async () => {
  const today = vietnamDate();
  const caseRef = await receive('police.apl', 'SX-APL');
  expect(caseRef).toMatch(/^NN-/);
  // "Immediately": due the same working day.
  const brought = await driver.expectOk(caseRef, 'police.apl', { type: 'BRING_TO_COMMUNE', on: today });
  expect(brought.openSteps.map((s) => [s.ruleKey, s.ownerAgencyId])).toEqual([['TRF.NOTICE', 'SX-APL-UBND']]);
  const notified = await driver.expectOk(caseRef, 'official.apl', { type: 'NOTIFY_ONWARD', on: today });
  expect(notified.openSteps.map((s) => [s.ruleKey, s.ownerAgencyId, s.ownerRole])).toEqual([['TRF.VERIFICATION', 'SX-APL-CA', 'COMMUNE_POLICE_HEAD']]);
  await driver.expectOk(caseRef, 'head.police.apl', { type: 'RECORD_VERIFICATION', on: today, result: 'IDENTIFIED', evidenceRef: 'XN-NN-1' });
  const agreed = await driver.expectOk(caseRef, 'official.apl', { type: 'AGREE_SUPPORT', on: today, measures: ['ESSENTIAL_NEEDS', 'LEGAL_AID'] });
  expect(agreed.openSteps.map((s) => s.ruleKey).sort()).toEqual(['TRF.SUPPORT_ESSENTIAL_NEEDS', 'TRF.SUPPORT_LEGAL_AID']);
  expect((await driver.act(caseRef, 'official.apl', { type: 'PROVIDE_SUPPORT', on: today, measure: 'TRAVEL_HOME' })).status).toBe(422);
  await driver.expectOk(caseRef, 'official.apl', { type: 'PROVIDE_SUPPORT', on: today, measure: 'ESSENTIAL_NEEDS' });
  const closed = await driver.expectOk(caseRef, 'official.apl', { type: 'PROVIDE_SUPPORT', on: today, measure: 'LEGAL_AID' });
  expect(closed).toMatchObject({ phase: 'CLOSED', closed: true });
  expect(await records.caseRow(caseRef)).toMatchObject({ closedReason: 'SUPPORT_ENDED' });

  // Who may read it: the handling commune's police (200, audited); another commune's police and a court (403).
  const read = (user: string) => driver.token(user).then((token) => request(api.app).get(`/cases/${caseRef}`).set('Authorization', `Bearer ${token}`));
  expect((await read('police.apl')).status).toBe(200);
  expect((await read('police.bm')).status).toBe(403);
  expect((await read('judge.kv1')).status).toBe(403);
  expect(await api.db.auditEvent.count({ where: { action: 'case.read', subjectId: caseRef } })).toBe(1);

  // A drug-case search never shows it, even by the victim's name; asked for by name, its readers find it.
  const police = await driver.token('police.apl');
  const drugSearch = await request(api.app).get('/cases').query({ name: VICTIM }).set('Authorization', `Bearer ${police}`);
  expect(drugSearch.status).toBe(200);
  expect(drugSearch.body.items).toEqual([]);
  const ownSearch = await request(api.app).get('/cases').query({ name: VICTIM, procedure: 'TRAFFICKING_VICTIM' }).set('Authorization', `Bearer ${police}`);
  expect(ownSearch.body.items.map((item: { caseRef: string }) => item.caseRef)).toEqual([caseRef]);
  const personId = (await records.caseRow(caseRef)).personId;
  expect((await request(api.app).get(`/persons/${personId}`).set('Authorization', `Bearer ${police}`)).status).toBe(404);

  // In the reports: exact for the province, a small count shown as 0 for the commune.
  const year = today.slice(0, 4);
  const window = { from: `${year}-01-01`, to: `${year}-12-31` };
  const commune = await figuresFromRecord(api.db, 'SX-APL', window);
  const provinceFigures = await figuresFromRecord(api.db, 'SX', window);
  expect(await api.db.caseEvent.count({ where: { kind: 'VICTIM_RECEIVED', jurisdictionId: 'SX-APL' } })).toBeLessThan(5);
  expect(commune).toMatchObject({ victimsReceived: 0, victimsIdentified: 0, victimsSupported: 0 });
  expect(provinceFigures.victimsReceived).toBeGreaterThanOrEqual(1);
  expect(provinceFigures.victimsIdentified).toBeGreaterThanOrEqual(1);
});

it('reminds and escalates a verification left late, naming no one in the notifications', async () => {
  const police = await province.addUser(province.agency.communePolice, ['COMMUNE_POLICE_HEAD']);
  const official = await province.addUser(province.agency.communeCommittee, ['COMMUNE_OFFICIAL']);
  const today = vietnamDate();
  const caseRef = await receive(police, province.communeId);
  await driver.expectOk(caseRef, police, { type: 'BRING_TO_COMMUNE', on: today });
  await driver.expectOk(caseRef, official, { type: 'NOTIFY_ONWARD', on: today });
  expect(await records.notificationsOf(caseRef, 'TRF.VERIFICATION', 2)).toEqual([
    ['REMINDER', province.agency.communePolice, 'COMMUNE_POLICE_HEAD', -1000],
    ['ESCALATION', province.agency.drugDivision, 'PROVINCIAL_COORDINATOR', 1000],
  ]);
  const texts = await api.db.notification.findMany({ where: { step: { caseRef } } });
  for (const n of texts) expect(`${n.titleVi}${n.titleEn}${n.bodyVi}${n.bodyEn}`).not.toContain(VICTIM);
});

it('counts a victim’s steps on the board and in the deadline lists only for those who read the record', async () => {
  // The previous test added the head of police (the username is the agency and the first role).
  const police = await province.addUser(province.agency.communePolice, ['COMMUNE_POLICE_HEAD']).catch(() => `${province.agency.communePolice}.commune_police_head`.toLowerCase());
  const coordinator = await province.addUser(province.agency.drugDivision, ['PROVINCIAL_COORDINATOR']);
  const judge = await province.addUser(province.agency.regionalCourt, ['JUDGE']);
  const caseRef = await receive(police, province.communeId);
  const step = await until(() => api.db.step.findFirst({ where: { caseRef } }).then((row) => row ?? undefined), 'the victim’s first step');
  const get = async (user: string, path: string) => request(api.app).get(path).set('Authorization', `Bearer ${await driver.token(user)}`);
  const unfinished = (body: { totals: Record<string, number> }) => Object.values(body.totals).reduce((a, b) => a + b, 0);
  const listed = async (user: string) => {
    const rows = [];
    for (const bucket of ['onTime', 'dueSoon', 'late', 'pastStatutoryLimit', 'suspended']) {
      const page = await get(user, `/deadlines/board/steps?bucket=${bucket}&jurisdictionId=${province.provinceId}&pageSize=200`);
      rows.push(...(page.body.items as { caseRef: string }[]).map((item) => item.caseRef));
    }
    return rows;
  };

  const forCoordinator = await get(coordinator, `/deadlines/board?jurisdictionId=${province.provinceId}`);
  const forJudge = await get(judge, `/deadlines/board?jurisdictionId=${province.provinceId}`);
  const victimSteps = await api.db.step.count({ where: { procedure: 'TRAFFICKING_VICTIM', jurisdictionId: province.communeId, status: { in: ['OPEN', 'SUSPENDED'] } } });
  expect(victimSteps).toBeGreaterThan(0);
  expect(unfinished(forCoordinator.body) - unfinished(forJudge.body)).toBe(victimSteps);
  expect(await listed(coordinator)).toContain(caseRef);
  expect(await listed(judge)).not.toContain(caseRef);
  expect((await get(judge, `/deadlines/steps/${encodeURIComponent(step.id)}`)).status).toBe(404);
  expect((await get(coordinator, `/deadlines/steps/${encodeURIComponent(step.id)}`)).status).toBe(200);
  const overdue = await get(judge, `/deadlines/steps?view=due-soon&withinDays=60&jurisdictionId=${province.provinceId}`);
  expect((overdue.body.items as { caseRef: string }[]).map((item) => item.caseRef)).not.toContain(caseRef);
});

it('protects a child victim at once: the child-protection step opens with the reception, and support needs the representative’s consent', async () => {
  const today = vietnamDate();
  const fourteen = `${Number(today.slice(0, 4)) - 14}${today.slice(4)}`;
  const caseRef = await receive(childCase.police, province.communeId, { birthDate: fourteen, otherIdentification: 'Giấy khai sinh, người nước ngoài đưa về' });
  const opened = await driver.casePage(caseRef, childCase.chairman);
  expect(opened.openSteps.map((step: { ruleKey: string; ownerAgencyId: string; ownerRole: string }) => [step.ruleKey, step.ownerAgencyId, step.ownerRole]).sort()).toEqual([
    ['TRF.BRING', province.agency.communePolice, 'COMMUNE_POLICE_OFFICER'],
    ['TRF.CHILD_PROTECTION', province.agency.communeCommittee, 'COMMUNE_OFFICIAL'],
  ]);
  expect(await records.caseRow(caseRef)).toMatchObject({ fields: expect.objectContaining({ child: true }) });
  await driver.expectOk(caseRef, childCase.chairman, { type: 'RECORD_CHILD_PROTECTION', on: today, representative: 'NONE_REACHABLE', alternativeCare: true });
  await driver.expectOk(caseRef, childCase.police, { type: 'BRING_TO_COMMUNE', on: today });
  await driver.expectOk(caseRef, childCase.chairman, { type: 'NOTIFY_ONWARD', on: today });
  await driver.expectOk(caseRef, childCase.police, { type: 'RECORD_VERIFICATION', on: today, result: 'IDENTIFIED' });
  // The child's own consent is not enough.
  const byChild = await driver.act(caseRef, childCase.chairman, { type: 'AGREE_SUPPORT', on: today, measures: ['PSYCHOLOGICAL'] });
  expect([byChild.status, byChild.body.code]).toEqual([422, 'CASE.INVALID_ACTION']);
  const agreed = await driver.expectOk(caseRef, childCase.chairman, { type: 'AGREE_SUPPORT', on: today, measures: ['PSYCHOLOGICAL'], consentBy: 'REPRESENTATIVE' });
  expect(agreed.openSteps.map((step) => step.ruleKey)).toEqual(['TRF.SUPPORT_PSYCHOLOGICAL']);
  expect(await records.caseRow(caseRef)).toMatchObject({ fields: expect.objectContaining({ representative: 'NONE_REACHABLE' }) });
  const page = await driver.casePage(caseRef, childCase.chairman);
  expect(page.timeline.find((entry: { kind: string }) => entry.kind === 'SUPPORT_AGREED').details).toMatchObject({ consentBy: 'REPRESENTATIVE' });
});
