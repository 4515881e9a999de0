import request from 'supertest';
import { startApiHarness, type ApiHarness } from '../support/api-harness';
import { caseDriver, until } from '../support/case-driver';
import { bundleWorkflows, RestartableWorker, testActivityDependencies } from '../support/deadline-worker';
import { quietTemporalRuntime } from '../support/quiet-temporal';
import { createTestProvince, type TestProvince } from '../support/test-province';
import { uniqueTaskQueue } from '../support/test-env';
import { vietnamDate } from '../../domain/time/legal-date';
import { SLOW_COURT } from '../support/slow-court';

/**
 * A court that does not decide in time, on the real Temporal server and PostgreSQL. The test
 * province configures the decision step (CRA.D8) with a budget of seconds instead of days, the
 * way a province changes a rule, so the whole ladder runs on the real clock without touching code.
 */
jest.setTimeout(120_000);

let api: ApiHarness;
let worker: RestartableWorker;
let dependencies: ReturnType<typeof testActivityDependencies>;
let province: TestProvince;
let driver: ReturnType<typeof caseDriver>;
const users = { police: '', coordinator: '', judge: '', chiefJudge: '' };
const taskQueue = uniqueTaskQueue('case-escalation');


beforeAll(async () => {
  quietTemporalRuntime();
  api = await startApiHarness({ taskQueue });
  driver = caseDriver(api);
  province = await createTestProvince(api.db, 'slow court');
  await province.setRule('CRA.D8', SLOW_COURT as never);
  users.police = await province.addUser(province.agency.communePolice, ['COMMUNE_POLICE_OFFICER']);
  users.coordinator = await province.addUser(province.agency.drugDivision, ['PROVINCIAL_COORDINATOR']);
  users.judge = await province.addUser(province.agency.regionalCourt, ['JUDGE']);
  users.chiefJudge = await province.addUser(province.agency.regionalCourt, ['CHIEF_JUDGE']);
  dependencies = testActivityDependencies(api.db);
  worker = new RestartableWorker(taskQueue, await bundleWorkflows(), dependencies);
  await worker.start();
});
afterAll(async () => {
  await worker.stop();
  await dependencies.close();
  await api.close();
});

it('reminds the judge, then escalates to the chief judge and the coordinators when no decision comes', async () => {
  const today = vietnamDate();
  const { caseRef } = await driver.openCase(users.police, {
    jurisdictionId: province.communeId,
    residenceJurisdictionId: province.communeId,
    groundsFoundOn: today,
  });
  await driver.expectOk(caseRef, users.police, {
    type: 'FILE_DOSSIER',
    on: today,
    addictionResultRef: 'KQ-1/2026',
    interimArrangement: { kind: 'FAMILY' },
  });
  await driver.expectOk(caseRef, users.police, { type: 'NOTIFY_PERSON', on: today });
  await driver.expectOk(caseRef, users.coordinator, { type: 'TRANSFER_TO_COURT', on: today });
  const accepted = await driver.expectOk(caseRef, users.judge, { type: 'ACCEPT_DOSSIER', on: today });
  expect(accepted.openSteps.map((step) => [step.ruleKey, step.ownerAgencyId])).toEqual([
    ['CRA.D8', province.agency.regionalCourt],
  ]);

  const step = await api.db.step.findFirstOrThrow({ where: { caseRef, ruleKey: 'CRA.D8' } });
  const fired = await until(async () => {
    const rows = await api.db.notification.findMany({
      where: { stepId: step.id },
      orderBy: [{ scheduledAt: 'asc' }, { rung: 'asc' }],
    });
    return rows.length >= 5 ? rows : undefined;
  }, 'the reminders and the escalation ladder', 60_000);

  expect(fired.map((n) => [n.kind, n.rung, n.recipientAgencyId, n.recipientRole])).toEqual([
    ['REMINDER', 0, province.agency.regionalCourt, 'JUDGE'],
    ['REMINDER', 1, province.agency.regionalCourt, 'JUDGE'],
    ['ESCALATION', 1, province.agency.regionalCourt, 'CHIEF_JUDGE'],
    ['ESCALATION', 2, province.agency.drugDivision, 'PROVINCIAL_COORDINATOR'],
    ['ESCALATION', 3, province.agency.steeringCommittee, 'PROVINCIAL_COORDINATOR'],
  ]);
  // Each at its configured offset from the due time, and never before it.
  const due = step.dueAt.getTime();
  expect(fired.map((n) => n.scheduledAt.getTime() - due)).toEqual([-5000, -2000, 1000, 2000, 3000]);
  for (const n of fired) expect(n.firedAt.getTime()).toBeGreaterThanOrEqual(n.scheduledAt.getTime());

  // The chief judge finds it in the inbox; the coordinator finds the case in the overdue view.
  const chiefsInbox = await until(async () => {
    const inbox = await request(api.app)
      .get('/inbox')
      .set('Authorization', `Bearer ${await driver.token(users.chiefJudge)}`);
    const items = (inbox.body.items ?? []) as { stepId: string; kind: string; rung: number }[];
    return items.some((item) => item.stepId === step.id) ? items : undefined;
  }, "the chief judge's inbox item");
  expect(chiefsInbox.filter((item) => item.stepId === step.id).map((item) => [item.kind, item.rung])).toEqual([
    ['ESCALATION', 1],
  ]);
  const overdue = await request(api.app)
    .get('/deadlines/steps')
    .query({ view: 'overdue', procedure: 'COMPULSORY_REHAB_ADULT' })
    .set('Authorization', `Bearer ${await driver.token(users.coordinator)}`);
  expect(overdue.status).toBe(200);
  expect(overdue.body.items.map((item: { caseRef: string }) => item.caseRef)).toContain(caseRef);

  // A late decision still closes the step; nothing fires after it.
  await driver.expectOk(caseRef, users.judge, {
    type: 'RECORD_DECISION',
    on: today,
    outcome: 'NOT_APPLY',
    decisionRef: '1/2026/QĐ-TA',
  });
  const closed = await api.db.step.findUniqueOrThrow({ where: { id: step.id } });
  expect(closed.status).toBe('COMPLETED');
  await new Promise((resolve) => setTimeout(resolve, 2000));
  expect(await api.db.notification.count({ where: { stepId: step.id } })).toBe(5);
});
