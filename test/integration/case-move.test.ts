import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { temporal } from '@temporalio/proto';
import { Worker } from '@temporalio/worker';
import request from 'supertest';
import type { FirePoint } from '../../domain/deadlines/deadline-types';
import { vietnamDate } from '../../domain/time/legal-date';
import type { ApiHarness } from '../support/api-harness';
import { until } from '../support/case-driver';
import { startCaseStack, type CaseStack } from '../support/case-stack';
import { bundleWorkflows } from '../support/deadline-worker';
import { testDataConverter } from '../support/test-env';
import { caseWorkflowId } from '../../workflows/cases/case-contract';
import { createTestProvince, type TestProvince } from '../support/test-province';

/**
 * Moving a running case to another commune, whatever its procedure (issue #18, "a real province
 * moves in"): `POST /cases/{caseRef}/jurisdiction` on the real stack. A commune split between an
 * existing commune and a new one; a compulsory-rehabilitation case of the split commune, its
 * dossier step open, moved by the principal successor's head of police to the new commune: the
 * same step, the same due date, now the new commune's police's to act on, the move on the timeline
 * and in the new owner's inbox, once however often it is asked. Then the refusals.
 */
jest.setTimeout(180_000);

let stack: CaseStack;
let api: ApiHarness;
let province: TestProvince;
let other: TestProvince;
let splitting: Awaited<ReturnType<TestProvince['addCommune']>>;
let elsewhere: Awaited<ReturnType<TestProvince['addCommune']>>;
const today = vietnamDate();
const daysBefore = (days: number) => new Date(Date.parse(`${today}T00:00:00Z`) - days * 86_400_000).toISOString().slice(0, 10);
const users = { splitHead: '', head: '', officer: '', chairman: '', coordinator: '', otherCoordinator: '', elsewhereHead: '', judge: '', doctor: '' };
/** A commune of the province with no agency at all (entered but not yet staffed). */
let bare = '';

beforeAll(async () => {
  stack = await startCaseStack('case-move');
  api = stack.api;
  province = await createTestProvince(api.db, 'move');
  other = await createTestProvince(api.db, 'move-other');
  splitting = await province.addCommune('S');
  elsewhere = await province.addCommune('M');
  bare = `${province.provinceId}-B`;
  await api.db.jurisdiction.create({
    data: { id: bare, level: 'COMMUNE', nameVi: 'Xã chưa có cơ quan', nameEn: 'Commune without agencies', parentId: province.provinceId, path: `/${province.provinceId}/${bare}/`, validFrom: new Date('2025-07-01') },
  });
  users.splitHead = await province.addUser(splitting.communePolice, ['COMMUNE_POLICE_HEAD']);
  users.head = await province.addUser(province.agency.communePolice, ['COMMUNE_POLICE_HEAD']);
  users.officer = await province.addUser(province.agency.communePolice, ['COMMUNE_POLICE_OFFICER']);
  users.chairman = await province.addUser(province.agency.communeCommittee, ['COMMUNE_CHAIRMAN']);
  users.coordinator = await province.addUser(province.agency.drugDivision, ['PROVINCIAL_COORDINATOR']);
  users.otherCoordinator = await other.addUser(other.agency.drugDivision, ['PROVINCIAL_COORDINATOR']);
  users.elsewhereHead = await province.addUser(elsewhere.communePolice, ['COMMUNE_POLICE_HEAD']);
  users.judge = await province.addUser(province.agency.regionalCourt, ['JUDGE']);
  users.doctor = await province.addUser(province.agency.medicalFacility, ['DOCTOR']);
  // The chairman's decision on voluntary treatment in seconds: reminded after 2 s, late after 6 s, the rung 4 s later.
  await province.setRule('VOL.DECISION', {
    budget: { kind: 'ELAPSED', seconds: 6 },
    reminders: [{ unit: 'SECONDS', amount: 4 }],
    escalations: [{ after: { unit: 'SECONDS', amount: 4 }, to: { agencyKind: 'COMMUNE_PEOPLES_COMMITTEE', role: 'COMMUNE_CHAIRMAN' } }],
  });
});
afterAll(() => stack.close());

/** A token made now: a reorganisation that moves a user ends the tokens they had. */
const as = async (user: string) => `Bearer ${await api.tokenFor(user)}`;
const move = async (caseRef: string, user: string, body: Record<string, unknown>, key: string | null = randomUUID()) => {
  const req = request(api.app).post(`/cases/${caseRef}/jurisdiction`).set('Authorization', await as(user));
  return (key === null ? req : req.set('Idempotency-Key', key)).send(body);
};
const openStep = (caseRef: string, ruleKey: string) =>
  until(() => api.db.step.findFirst({ where: { caseRef, ruleKey, status: 'OPEN' } }).then((row) => row ?? undefined), `the open ${ruleKey} step`);

it('moves a compulsory-rehabilitation case of a split commune to the new commune: the same open step, its due date, now the new police’s; on the timeline and in their inbox, once', async () => {
  // A case of the commune about to be split, its dossier step open with that commune's police.
  const { caseRef } = await stack.driver.openCase(users.splitHead, { jurisdictionId: splitting.communeId, residenceJurisdictionId: splitting.communeId, groundsFoundOn: today });
  const before = await openStep(caseRef, 'CRA.D2');
  expect(before.ownerAgencyId).toBe(splitting.communePolice);

  // The commune is split: the first commune is the principal successor (it takes the open step), a new one is created.
  const newUnit = `${province.provinceId}-N`;
  const split = await request(api.app)
    .post('/admin/reorganisations')
    .set('Authorization', await as(await province.addUser(province.agency.provincialPolice, ['SYSTEM_ADMIN'])))
    .send({ effectiveOn: today, reason: 'Nghị quyết thử chia tách xã S', splits: [{ from: splitting.communeId, into: [{ existing: province.communeId }, { id: newUnit, nameVi: 'Xã mới N', nameEn: 'New commune N' }] }] });
  expect(split.status).toBe(201);
  const newPolice = `${newUnit}-CA`;
  const newCommittee = `${newUnit}-UBND`;
  const newHead = await province.addUser(newPolice, ['COMMUNE_POLICE_HEAD']);

  // The principal successor's head of police sees where the case may go, the split's other successor first.
  const page = await request(api.app).get(`/cases/${caseRef}`).set('Authorization', await as(users.head));
  expect(page.status).toBe(200);
  expect(page.body.moveTargets[0]).toEqual({ id: newUnit, nameVi: 'Xã mới N', nameEn: 'New commune N', splitFromCurrent: true });
  expect(page.body.moveTargets.map((t: { id: string }) => t.id)).not.toContain(province.communeId);

  // …and moves it to the new commune.
  const body = { toJurisdictionId: newUnit, on: today, reason: 'Người bị đề nghị cư trú tại phần địa bàn chuyển về xã mới N' };
  const key = randomUUID();
  const moved = await move(caseRef, users.head, body, key);
  expect(moved.status).toBe(200);
  expect(moved.body.moved).toEqual({ from: splitting.communeId, to: newUnit, on: today, reason: body.reason, steps: [{ stepKey: 'D2', fromAgencyId: splitting.communePolice, toAgencyId: newPolice }] });
  expect(moved.body.openSteps).toEqual([expect.objectContaining({ ruleKey: 'CRA.D2', ownerAgencyId: newPolice, dueDate: before.dueDate.toISOString().slice(0, 10) })]);

  // The same step: its due date and instant, its reminders' keys and instants; its owner and the commune's rung now the new commune's.
  const after = await api.db.step.findUniqueOrThrow({ where: { id: before.id } });
  expect(after).toMatchObject({ ownerAgencyId: newPolice, ownerRole: before.ownerRole, jurisdictionId: newUnit, dueDate: before.dueDate, dueAt: before.dueAt, status: 'OPEN', revision: before.revision + 1 });
  const pointsBefore = before.firePoints as unknown as FirePoint[];
  const pointsAfter = after.firePoints as unknown as FirePoint[];
  expect(pointsAfter.map((p) => [p.key, p.at])).toEqual(pointsBefore.map((p) => [p.key, p.at]));
  const swapped = { [splitting.communePolice]: newPolice, [splitting.communeCommittee]: newCommittee };
  expect(pointsAfter.map((p) => p.recipient.agencyId)).toEqual(pointsBefore.map((p) => swapped[p.recipient.agencyId] ?? p.recipient.agencyId));
  expect(pointsAfter.filter((p) => p.kind === 'ESCALATION').map((p) => p.recipient.agencyId)).toContain(newCommittee);
  expect(await api.db.stepEvent.count({ where: { stepId: before.id, kind: 'MOVED' } })).toBe(1);

  // The same request again, with the same key: the same answer, nothing moved twice.
  const again = await move(caseRef, users.head, body, key);
  expect([again.status, again.body]).toEqual([200, moved.body]);
  // The same key for another move is a mistake, not a retry.
  expect((await move(caseRef, users.head, { ...body, reason: 'Một lý do khác hẳn' }, key)).status).toBe(409);
  expect(await api.db.caseEvent.count({ where: { caseId: caseRef, kind: 'CASE_MOVED' } })).toBe(1);
  expect(await api.db.stepEvent.count({ where: { stepId: before.id, kind: 'MOVED' } })).toBe(1);
  expect(await api.db.notification.count({ where: { stepId: before.id, kind: 'CASE_MOVED' } })).toBe(1);

  // The new commune's police find it in their inbox; the old commune's cannot act on it or read it, the new one's act.
  const inbox = await request(api.app).get('/inbox').set('Authorization', await as(newHead));
  expect(inbox.body.items).toEqual([expect.objectContaining({ kind: 'CASE_MOVED', stepId: before.id, role: 'COMMUNE_POLICE_HEAD' })]);
  expect(inbox.body.items[0].titleVi).toContain(caseRef);
  const dossier = { type: 'FILE_DOSSIER', on: today, addictionResultRef: 'KQ-CHUYEN-1', interimArrangement: { kind: 'FAMILY' } };
  expect((await stack.driver.act(caseRef, users.officer, dossier)).status).toBe(403);
  expect((await request(api.app).get(`/cases/${caseRef}`).set('Authorization', await as(users.head))).status).toBe(403);
  const tasks = await request(api.app).get('/me/tasks').set('Authorization', await as(newHead));
  expect(tasks.body.items.map((row: { caseRef: string }) => row.caseRef)).toContain(caseRef);
  const filed = await stack.driver.expectOk(caseRef, newHead, dossier);
  expect(filed.phase).toBe('NOTIFYING');
  expect(filed.openSteps).toEqual([expect.objectContaining({ ruleKey: 'CRA.D3', ownerAgencyId: newPolice })]);

  // On the timeline: who, when, from, to and why; the case row is the new commune's.
  const timeline = await request(api.app).get(`/cases/${caseRef}`).set('Authorization', await as(newHead));
  expect(timeline.body.jurisdictionId).toBe(newUnit);
  expect(timeline.body.jurisdictionName).toEqual({ nameVi: 'Xã mới N', nameEn: 'New commune N' });
  const entry = timeline.body.timeline.find((event: { kind: string }) => event.kind === 'CASE_MOVED');
  expect(entry).toMatchObject({
    on: today,
    actor: { name: 'COMMUNE_POLICE_HEAD move', agencyId: province.agency.communePolice },
    details: { from: splitting.communeId, to: newUnit, reason: body.reason, steps: [{ stepKey: 'D2', fromAgencyId: splitting.communePolice, toAgencyId: newPolice }] },
  });
  // A retry after the case moved on still answers as the first time.
  expect((await move(caseRef, users.head, body, key)).body).toEqual(moved.body);

  // The moved case's history replays through today's code; history-replay.test.ts keeps one as a fixture.
  const history = await api.temporal.workflow.getHandle(caseWorkflowId(caseRef)).fetchHistory();
  await expect(
    Worker.runReplayHistory({ workflowBundle: await bundleWorkflows(), dataConverter: testDataConverter() }, history, caseWorkflowId(caseRef)),
  ).resolves.toBeUndefined();
  if (process.env.RECORD_HISTORY_FIXTURES) {
    // Run with TEST_PAYLOAD_KEY set to the fixtures' key (history-replay.test.ts) to refresh it.
    const json = temporal.api.history.v1.History.fromObject(history).toJSON();
    writeFileSync(path.resolve(__dirname, `../fixtures/histories/compulsory-rehab-case.${process.env.RECORD_HISTORY_FIXTURES}.json`), JSON.stringify(json, null, 1));
  }
});

it('moves a case whose open step is held above the commune: the step keeps its owner and goes to the new commune; a closed case does not move', async () => {
  // An addiction determination (procedure B) at the first commune: its examination step is the province's medical facility's.
  const opened = await request(api.app)
    .post('/cases')
    .set('Authorization', await as(users.head))
    .set('Idempotency-Key', randomUUID())
    .send({
      procedure: 'ADDICTION_DETERMINATION',
      jurisdictionId: province.communeId,
      person: { fullName: 'Trần Văn Chuyển', birthDate: '1993-03-03', otherIdentification: 'Giấy khai sinh 3/1993', residenceStatus: 'STABLE', residenceJurisdictionId: province.communeId },
      basis: 'NO_STABLE_RESIDENCE',
      requestedOn: today,
    });
  expect(opened.status).toBe(201);
  const caseRef = opened.body.caseRef as string;
  const examination = await openStep(caseRef, 'DET.EXAMINATION');

  // The province's coordinator moves it to another commune: nothing changes hands, the step's place does.
  const moved = await move(caseRef, users.coordinator, { toJurisdictionId: elsewhere.communeId, on: today, reason: 'Chuyển nơi cư trú' });
  expect(moved.status).toBe(200);
  expect(moved.body.moved.steps).toEqual([]);
  const after = await api.db.step.findUniqueOrThrow({ where: { id: examination.id } });
  expect(after).toMatchObject({ ownerAgencyId: province.agency.medicalFacility, jurisdictionId: elsewhere.communeId, dueDate: examination.dueDate });
  expect(after.firePoints).toEqual(examination.firePoints);
  expect(await api.db.notification.count({ where: { stepId: examination.id, kind: 'CASE_MOVED' } })).toBe(0);
  // Now the other commune's head of police holds it; the first commune's does not any more.
  expect((await move(caseRef, users.head, { toJurisdictionId: province.communeId, on: today, reason: 'Trả lại' })).status).toBe(403);

  // Found not addicted, the case closes: it does not move any more.
  await stack.driver.expectOk(caseRef, users.doctor, { type: 'RECORD_CONCLUSION', on: today, result: 'NOT_ADDICTED', resultRef: 'PKQ-CHUYEN' });
  await until(async () => ((await api.db.case.findUniqueOrThrow({ where: { id: caseRef } })).status === 'CLOSED' ? true : undefined), 'the case to close');
  const closed = await move(caseRef, users.elsewhereHead, { toJurisdictionId: province.communeId, on: today, reason: 'Chuyển lại' });
  expect([closed.status, closed.body.code]).toEqual([409, 'CASE.CLOSED']);
});

it('moves a voluntary treatment while the chairman’s decision is late: what was sent stays sent, the rung still to come goes to the new commune; post-rehabilitation opens there', async () => {
  const official = await province.addUser(province.agency.communeCommittee, ['COMMUNE_OFFICIAL']);
  const newChairman = await province.addUser(elsewhere.communeCommittee, ['COMMUNE_CHAIRMAN']);
  const opened = await request(api.app)
    .post('/cases')
    .set('Authorization', await as(official))
    .set('Idempotency-Key', randomUUID())
    .send({
      procedure: 'VOLUNTARY_REHAB',
      jurisdictionId: province.communeId,
      person: { fullName: 'Lý Văn Tự Nguyện', birthDate: '1991-01-01', otherIdentification: 'Giấy khai sinh 1/1991', residenceStatus: 'STABLE', residenceJurisdictionId: province.communeId },
      setting: 'COMMUNITY',
      registeredOn: today,
    });
  expect(opened.status).toBe(201);
  const caseRef = opened.body.caseRef as string;
  // The first commune's chairman is reminded (the province gives the decision seconds)…
  expect(await stack.records.notificationsOf(caseRef, 'VOL.DECISION', 1)).toEqual([['REMINDER', province.agency.communeCommittee, 'COMMUNE_CHAIRMAN', -4000]]);
  // …then the case moves, before the decision falls late.
  const moved = await move(caseRef, users.chairman, { toJurisdictionId: elsewhere.communeId, on: today, reason: 'Chuyển nơi cư trú trong thời gian cai nghiện' });
  expect(moved.status).toBe(200);
  expect(moved.body.moved.steps).toEqual([{ stepKey: 'DECISION', fromAgencyId: province.agency.communeCommittee, toAgencyId: elsewhere.communeCommittee }]);
  // The rung comes in its time to the new commune's chairman; the reminder is not sent again.
  const step = await openStep(caseRef, 'VOL.DECISION');
  const sent = await until(async () => {
    const rows = await api.db.notification.findMany({ where: { stepId: step.id }, orderBy: { scheduledAt: 'asc' } });
    return rows.some((row) => row.kind === 'ESCALATION') ? rows : undefined;
  }, 'the rung after the move');
  expect(sent.map((row) => [row.kind, row.recipientAgencyId, row.recipientRole])).toEqual([
    ['REMINDER', province.agency.communeCommittee, 'COMMUNE_CHAIRMAN'],
    ['CASE_MOVED', elsewhere.communeCommittee, 'COMMUNE_CHAIRMAN'],
    ['ESCALATION', elsewhere.communeCommittee, 'COMMUNE_CHAIRMAN'],
  ]);
  // The first commune's chairman no longer decides it; the new one's decides and certifies, and the follow-up opens there.
  const decision = { type: 'DECIDE_VOLUNTARY_TREATMENT', on: today, decisionRef: '7/QĐ-UBND', provider: 'Tổ tư vấn', monitor: 'Nguyễn Thị Giám', months: 6 };
  expect((await stack.driver.act(caseRef, users.chairman, decision)).status).toBe(403);
  const decided = await stack.driver.expectOk(caseRef, newChairman, decision);
  expect(decided.openSteps).toEqual([expect.objectContaining({ ruleKey: 'VOL.COMPLETION_COMMUNITY', ownerAgencyId: elsewhere.communeCommittee })]);
  await stack.driver.expectOk(caseRef, newChairman, { type: 'COMPLETE_VOLUNTARY_TREATMENT', on: today, certificateRef: 'GCN-CHUYEN-1' });
  expect(await stack.records.caseRow(`PR-${caseRef}`)).toMatchObject({ procedure: 'POST_REHAB', parentCaseId: caseRef, jurisdictionId: elsewhere.communeId });
});

it('refuses a move precisely: the roles and places that may not, where a case cannot go, dates out of order, a subject that stays', async () => {
  const { caseRef } = await stack.driver.openCase(users.officer, { jurisdictionId: province.communeId, residenceJurisdictionId: province.communeId, groundsFoundOn: daysBefore(5) });
  await openStep(caseRef, 'CRA.D2');
  await stack.driver.expectOk(caseRef, users.officer, { type: 'FILE_DOSSIER', on: daysBefore(1), addictionResultRef: 'KQ-TC-1', interimArrangement: { kind: 'FAMILY' } });
  const body = { toJurisdictionId: elsewhere.communeId, on: today, reason: 'Chuyển nơi cư trú' };
  const refused = async (user: string, change: Record<string, unknown>) => {
    const response = await move(caseRef, user, { ...body, ...change });
    return [response.status, response.body.code];
  };

  // Who: an officer, a judge (route roles); another province's coordinator, another commune's head of police (jurisdiction); an unknown case.
  expect(await refused(users.officer, {})).toEqual([403, 'AUTH.ROLE_NOT_ALLOWED']);
  expect(await refused(users.judge, {})).toEqual([403, 'AUTH.ROLE_NOT_ALLOWED']);
  expect(await refused(users.otherCoordinator, {})).toEqual([403, 'AUTH.OUTSIDE_JURISDICTION']);
  expect(await refused(users.elsewhereHead, {})).toEqual([403, 'AUTH.OUTSIDE_JURISDICTION']);
  expect((await move('CRA-KHONG-CO-2026-000001', users.head, body)).status).toBe(404);

  // What: no key, a body that is not one; where it cannot go; dates out of order.
  expect((await move(caseRef, users.head, body, null)).status).toBe(400);
  expect((await move(caseRef, users.head, { toJurisdictionId: elsewhere.communeId, on: '01/07/2026' })).status).toBe(400);
  expect(await refused(users.head, { toJurisdictionId: province.communeId })).toEqual([422, 'CASE.ALREADY_IN_COMMUNE']);
  expect(await refused(users.head, { toJurisdictionId: 'KHONG-CO-XA' })).toEqual([422, 'CASE.TARGET_NOT_IN_FORCE']);
  expect(await refused(users.head, { toJurisdictionId: province.provinceId })).toEqual([422, 'CASE.TARGET_NOT_IN_FORCE']);
  // The split commune ended yesterday.
  expect(await refused(users.head, { toJurisdictionId: splitting.communeId })).toEqual([422, 'CASE.TARGET_NOT_IN_FORCE']);
  expect(await refused(users.coordinator, { toJurisdictionId: other.communeId })).toEqual([422, 'CASE.TARGET_OTHER_PROVINCE']);
  expect(await refused(users.chairman, { on: '2099-01-01' })).toEqual([422, 'CASE.INVALID_ACTION']);
  const early = await move(caseRef, users.chairman, { ...body, on: daysBefore(2) });
  expect([early.status, early.body.code, early.body.field]).toEqual([422, 'CASE.INVALID_ACTION', 'body.on']);
  // A commune without police cannot take the open notice step (the workflow's check): nothing moved.
  expect(await refused(users.head, { toJurisdictionId: bare })).toEqual([422, 'CASE.TARGET_HAS_NO_AGENCY']);
  expect(await api.db.caseEvent.count({ where: { caseId: caseRef, kind: 'CASE_MOVED' } })).toBe(0);
  expect((await api.db.case.findUniqueOrThrow({ where: { id: caseRef } })).jurisdictionId).toBe(province.communeId);

  // A commune's assessment is about the commune: it stays there.
  const assessment = await request(api.app)
    .post('/cases')
    .set('Authorization', await as(users.coordinator))
    .set('Idempotency-Key', randomUUID())
    .send({ procedure: 'COMMUNE_ASSESSMENT', jurisdictionId: province.communeId, programme: 'DRUG_FREE_COMMUNE', year: Number(today.slice(0, 4)), openedOn: today });
  expect(assessment.status).toBe(201);
  const stays = await move(assessment.body.caseRef as string, users.coordinator, body);
  expect([stays.status, stays.body.code]).toEqual([422, 'CASE.NOT_MOVABLE']);

  // The chairman of the commune holding the case may move it.
  const done = await move(caseRef, users.chairman, body);
  expect(done.status).toBe(200);
  expect(done.body.moved.steps).toEqual([{ stepKey: 'D3', fromAgencyId: province.agency.communePolice, toAgencyId: elsewhere.communePolice }]);
});
