import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { temporal } from '@temporalio/proto';
import { Worker } from '@temporalio/worker';
import request from 'supertest';
import { startApiHarness, type ApiHarness } from '../support/api-harness';
import { caseDriver, until } from '../support/case-driver';
import { createTestProvince } from '../support/test-province';
import { bundleWorkflows, RestartableWorker, testActivityDependencies } from '../support/deadline-worker';
import { quietTemporalRuntime } from '../support/quiet-temporal';
import { testDataConverter, uniqueTaskQueue } from '../support/test-env';
import { caseWorkflowId } from '../../workflows/cases/case-contract';

/**
 * Procedure D end to end through the API, on the real Temporal server and PostgreSQL. The cases
 * are recorded after the fact (legal dates in 2025), as officials do when they catch up with
 * paper files: that lets an 18-month term end within the test, on the real clock.
 */
jest.setTimeout(120_000);

const EventType = temporal.api.enums.v1.EventType;

let api: ApiHarness;
let worker: RestartableWorker;
let dependencies: ReturnType<typeof testActivityDependencies>;
let bundle: Awaited<ReturnType<typeof bundleWorkflows>>;
const taskQueue = uniqueTaskQueue('cases');
let driver: ReturnType<typeof caseDriver>;
let token: (user: string) => Promise<string>;
let act: ReturnType<typeof caseDriver>['act'];
let expectOk: ReturnType<typeof caseDriver>['expectOk'];

beforeAll(async () => {
  quietTemporalRuntime();
  api = await startApiHarness({ taskQueue });
  driver = caseDriver(api);
  ({ token, act, expectOk } = driver);
  dependencies = testActivityDependencies(api.db);
  bundle = await bundleWorkflows();
  worker = new RestartableWorker(taskQueue, bundle, dependencies);
  await worker.start();
});
afterAll(async () => {
  await worker.stop();
  await dependencies.close();
  await api.close();
});

function openCase(groundsFoundOn: string, citizenId?: string) {
  // The commune as it was when the grounds were found; An Phú merged into An Phú Lạc on 1/7/2025.
  const jurisdictionId = groundsFoundOn < '2025-07-01' ? 'SX-LV-AP' : 'SX-APL';
  return driver.openCase('police.apl', { jurisdictionId, residenceJurisdictionId: 'SX-APL', groundsFoundOn }, citizenId);
}

async function casePage(caseRef: string, user = 'coordinator.pc04') {
  return driver.casePage(caseRef, user);
}

/** Drives a case from the grounds to the court's acceptance (dates in March 2025, district court era). */
async function toCourt(caseRef: string) {
  await expectOk(caseRef, 'police.apl', {
    type: 'FILE_DOSSIER',
    on: '2025-03-05',
    addictionResultRef: 'KQ-123/2025',
    interimArrangement: { kind: 'FACILITY', heldFrom: '2025-03-05' },
  });
  await expectOk(caseRef, 'police.apl', { type: 'NOTIFY_PERSON', on: '2025-03-06' });
  await expectOk(caseRef, 'coordinator.pc04', { type: 'TRANSFER_TO_COURT', on: '2025-03-07' });
  await expectOk(caseRef, 'judge.kv1', { type: 'ACCEPT_DOSSIER', on: '2025-03-10' });
}

describe('a compulsory-rehabilitation case through the API', () => {
  it('goes from the dossier to post-rehabilitation, the term end right to the day', async () => {
    const { caseRef } = await openCase('2025-03-03');
    await toCourt(caseRef);
    // Each step the acts completed keeps the act's legal date beside the instant it was entered.
    const completed = await api.db.step.findMany({ where: { caseRef, ruleKey: { in: ['CRA.D2', 'CRA.D3', 'CRA.D5'] } }, orderBy: { ruleKey: 'asc' } });
    expect(completed.map((step) => [step.ruleKey, step.completedOn?.toISOString().slice(0, 10)])).toEqual([
      ['CRA.D2', '2025-03-05'],
      ['CRA.D3', '2025-03-06'],
      ['CRA.D5', '2025-03-07'],
    ]);

    const requested = await expectOk(caseRef, 'judge.kv1', {
      type: 'REQUEST_DOCUMENTS',
      on: '2025-03-12',
      reason: 'Thiếu bản tường trình',
    });
    expect(requested.allowedActions).toEqual(['SUPPLY_DOCUMENTS', 'RETURN_DOSSIER']);
    const whileStopped = await casePage(caseRef);
    const decisionStep = whileStopped.openSteps.find((s: { ruleKey: string }) => s.ruleKey === 'CRA.D8');
    expect(decisionStep.status).toBe('SUSPENDED');
    const dueBefore = decisionStep.dueDate as string;

    await expectOk(caseRef, 'police.apl', { type: 'SUPPLY_DOCUMENTS', on: '2025-03-14' });
    const resumed = (await casePage(caseRef)).openSteps.find((s: { ruleKey: string }) => s.ruleKey === 'CRA.D8');
    expect(resumed.status).toBe('OPEN');
    // The clock stood still two days (12 → 14 March): the decision is due two days later.
    expect(Date.parse(resumed.dueDate) - Date.parse(dueBefore)).toBe(2 * 86_400_000);
    expect(resumed.explanation.adjustments).toHaveLength(1);

    await expectOk(caseRef, 'judge.kv1', {
      type: 'RECORD_DECISION',
      on: '2025-03-17',
      outcome: 'APPLY',
      months: 18,
      decisionRef: '15/2025/QĐ-TA',
    });
    // Nobody complains: the window (5 working days from 17/3) has long passed, so the decision takes effect.
    const page = await until(async () => {
      const current = await casePage(caseRef);
      return current.phase === 'AWAITING_ADMISSION' ? current : undefined;
    }, 'the decision to take effect');
    expect(page.decision).toMatchObject({ outcome: 'APPLY', months: 18, effectiveOn: '2025-03-25' });

    const admitted = await expectOk(caseRef, 'facility.officer', { type: 'ADMIT', on: '2025-03-27' });
    // 18 months from 27/3/2025 end on 26/9/2026; 22 days held (5–26 March) count toward the term.
    expect(admitted.termEndOn).toBe('2026-09-04');

    // The term has ended (on the real clock): the completion step opens for the facility director.
    await until(async () => {
      const current = await casePage(caseRef);
      const completion = current.openSteps.some((step: { ruleKey: string }) => step.ruleKey === 'CRA.D13');
      return current.phase === 'COMPLETING' && completion ? current : undefined;
    }, 'the completion step');
    const wrongRole = await act(caseRef, 'facility.officer', {
      type: 'COMPLETE_TREATMENT',
      on: '2026-09-07',
      certificateRef: 'GCN-77/2026',
    });
    expect(wrongRole.status).toBe(403);
    await expectOk(caseRef, 'facility.director', {
      type: 'COMPLETE_TREATMENT',
      on: '2026-09-07',
      certificateRef: 'GCN-77/2026',
    });

    const closed = await casePage(caseRef);
    expect(closed).toMatchObject({ status: 'CLOSED', completedOn: '2026-09-07', heldFrom: '2025-03-05' });
    expect(closed.timeline.map((entry: { kind: string }) => entry.kind)).toEqual([
      'CASE_OPENED',
      'DOSSIER_FILED',
      'PERSON_NOTIFIED',
      'TRANSFERRED_TO_COURT',
      'COURT_ACCEPTED',
      'DOCUMENTS_REQUESTED',
      'DOCUMENTS_SUPPLIED',
      'DECISION_RECORDED',
      'COMPLAINT_WINDOW_OPENED',
      'DECISION_EFFECTIVE',
      'ADMITTED',
      'TERM_ENDED',
      'COMPLETED',
    ]);
    expect(closed.timeline[1].actor.name).toMatch(/Nguyễn Văn An/);

    // Post-rehabilitation starts at the commune of residence, as its own case and workflow.
    const followUpRef = `PR-${caseRef}`;
    const followUp = await until(async () => {
      const row = await api.db.case.findUnique({ where: { id: followUpRef } });
      const open = await api.db.step.count({ where: { caseRef: followUpRef, ruleKey: 'PR.CHECK_IN' } });
      return row && open > 0 ? row : undefined;
    }, 'the post-rehabilitation case');
    expect(followUp).toMatchObject({ procedure: 'POST_REHAB', parentCaseId: caseRef, jurisdictionId: 'SX-APL' });
    const checkIn = await api.db.step.findFirstOrThrow({ where: { caseRef: followUpRef, ruleKey: 'PR.CHECK_IN' } });
    expect(checkIn.ownerAgencyId).toBe('SX-APL-UBND');
    const recorded = await expectOk(followUpRef, 'official.apl', { type: 'RECORD_CHECK_IN', on: '2026-10-01' });
    expect(recorded.phase).toBe('UNDER_MANAGEMENT');

    // The history keeps no personal data in clear: the payload codec encrypted it.
    const history = await api.temporal.workflow.getHandle(caseWorkflowId(caseRef)).fetchHistory();
    const raw = JSON.stringify(history);
    expect(raw).not.toContain('Nguyễn Văn Thử');
    expect(raw).not.toContain(Buffer.from('Nguyễn Văn Thử').toString('base64'));
    // Its record was written by local activities (no server round trip per write), behind a patch.
    const events = history.events ?? [];
    const scheduled = events
      .filter((event) => event.eventType === EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED)
      .map((event) => event.activityTaskScheduledEventAttributes?.activityType?.name);
    expect(scheduled).not.toContain('recordCaseEvent');
    expect(scheduled).not.toContain('openStep');
    expect(events.filter((event) => event.eventType === EventType.EVENT_TYPE_MARKER_RECORDED).length).toBeGreaterThan(0);
    // …and it replays through the current code.
    await expect(
      Worker.runReplayHistory({ workflowBundle: bundle, dataConverter: testDataConverter() }, history, caseWorkflowId(caseRef)),
    ).resolves.toBeUndefined();
    if (process.env.RECORD_HISTORY_FIXTURES) {
      // Run with TEST_PAYLOAD_KEY set to the fixtures' key (history-replay.test.ts) to refresh them.
      const suffix = process.env.RECORD_HISTORY_FIXTURES;
      const followUpHistory = await api.temporal.workflow.getHandle(caseWorkflowId(followUpRef)).fetchHistory();
      for (const [name, recorded] of [['compulsory-rehab-case', history], ['post-rehab', followUpHistory]] as const) {
        const json = temporal.api.history.v1.History.fromObject(recorded).toJSON();
        writeFileSync(path.resolve(__dirname, `../fixtures/histories/${name}.${suffix}.json`), JSON.stringify(json, null, 1));
      }
    }
  });

  it('routes the next court step of a case started before 1 July 2025 to the successor court', async () => {
    const before = await openCase('2025-06-16');
    await expectOk(before.caseRef, 'police.apl', {
      type: 'FILE_DOSSIER',
      on: '2025-06-18',
      addictionResultRef: 'KQ-9/2025',
      interimArrangement: { kind: 'FAMILY' },
    });
    await expectOk(before.caseRef, 'police.apl', { type: 'NOTIFY_PERSON', on: '2025-06-19' });
    const atCourt = await expectOk(before.caseRef, 'coordinator.pc04', { type: 'TRANSFER_TO_COURT', on: '2025-07-02' });
    const acceptance = atCourt.openSteps.find((step) => step.ruleKey === 'CRA.D6') as unknown as { ownerAgencyId: string };
    expect(acceptance.ownerAgencyId).toBe('SX-TAKV1');

    const early = await openCase('2025-06-02');
    await expectOk(early.caseRef, 'police.apl', {
      type: 'FILE_DOSSIER',
      on: '2025-06-04',
      addictionResultRef: 'KQ-8/2025',
      interimArrangement: { kind: 'FAMILY' },
    });
    await expectOk(early.caseRef, 'police.apl', { type: 'NOTIFY_PERSON', on: '2025-06-05' });
    const transferredInJune = await expectOk(early.caseRef, 'coordinator.pc04', { type: 'TRANSFER_TO_COURT', on: '2025-06-20' });
    const districtStep = transferredInJune.openSteps.find((step) => step.ruleKey === 'CRA.D6') as unknown as {
      ownerAgencyId: string;
    };
    expect(districtStep.ownerAgencyId).toBe('SX-LV-TA');
    // The regional court took over the district court's pending work and may act on it.
    const accepted = await expectOk(early.caseRef, 'judge.kv1', { type: 'ACCEPT_DOSSIER', on: '2025-07-03' });
    const decision = accepted.openSteps.find((step) => step.ruleKey === 'CRA.D8') as unknown as { ownerAgencyId: string };
    expect(decision.ownerAgencyId).toBe('SX-TAKV1');
  });

  it('holds execution while a complaint is decided by the higher court', async () => {
    const { caseRef } = await openCase('2025-03-03');
    await toCourt(caseRef);
    await expectOk(caseRef, 'judge.kv1', {
      type: 'RECORD_DECISION',
      on: new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10),
      outcome: 'APPLY',
      months: 12,
      decisionRef: '20/2025/QĐ-TA',
    });
    const complained = await expectOk(caseRef, 'procurator.kv1', {
      type: 'FILE_COMPLAINT',
      on: new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10),
      by: 'PROCURACY',
    });
    expect(complained.phase).toBe('UNDER_APPEAL');
    expect(complained.allowedActions).toEqual(['DECIDE_APPEAL']);
    // Execution is held: the facility cannot admit while the appeal is open.
    const admit = await act(caseRef, 'facility.officer', { type: 'ADMIT', on: '2025-03-20' });
    expect(admit.status).toBe(409);
    expect(admit.body.phase).toBe('UNDER_APPEAL');
    const decided = await expectOk(caseRef, 'judge.tat', {
      type: 'DECIDE_APPEAL',
      on: new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10),
      outcome: 'AMEND',
      months: 15,
      decisionRef: '3/2025/QĐ-PT',
    });
    expect(decided.phase).toBe('AWAITING_ADMISSION');
    expect((await casePage(caseRef)).decision).toMatchObject({ months: 15 });
  });

  it('closes the case when the court refuses, and then answers 409 with what is open', async () => {
    const { caseRef } = await openCase('2025-03-03');
    await toCourt(caseRef);
    const refused = await expectOk(caseRef, 'judge.kv1', {
      type: 'RECORD_DECISION',
      on: '2025-03-18',
      outcome: 'NOT_APPLY',
      decisionRef: '16/2025/QĐ-TA',
    });
    expect(refused).toMatchObject({ phase: 'CLOSED', openSteps: [], allowedActions: [] });
    const page = await casePage(caseRef);
    expect(page).toMatchObject({ status: 'CLOSED', closedReason: 'DECISION_NOT_APPLY' });

    const again = await act(caseRef, 'judge.kv1', {
      type: 'RECORD_DECISION',
      on: '2025-03-19',
      outcome: 'APPLY',
      months: 12,
      decisionRef: 'x',
    });
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ code: 'CASE.STEP_NOT_OPEN', phase: 'CLOSED', openSteps: [] });
    expect(again.body.title).toBe('Bước này không mở');

    // What stands open is told only to whom could take the action and may see the case: not to a
    // commune police officer (no court role), nor to a judge of another province.
    const notACourt = await act(caseRef, 'police.bm', { type: 'RECORD_DECISION', on: '2025-03-19', outcome: 'APPLY', months: 12, decisionRef: 'x' });
    const elsewhere = await createTestProvince(api.db, 'not-open-elsewhere');
    const otherJudge = await elsewhere.addUser(elsewhere.agency.regionalCourt, ['JUDGE']);
    const farAway = await act(caseRef, otherJudge, { type: 'RECORD_DECISION', on: '2025-03-19', outcome: 'APPLY', months: 12, decisionRef: 'x' });
    for (const answer of [notACourt, farAway]) {
      expect(answer.status).toBe(403);
      expect(answer.body).not.toHaveProperty('phase');
      expect(answer.body).not.toHaveProperty('openSteps');
    }
  });

  it('accepts an action the moment the phase shows, while a timer is still opening its step', async () => {
    const { caseRef } = await openCase('2025-03-03');
    await toCourt(caseRef);
    await expectOk(caseRef, 'judge.kv1', {
      type: 'RECORD_DECISION',
      on: '2025-03-17',
      outcome: 'APPLY',
      months: 12,
      decisionRef: '17/2025/QĐ-TA',
    });
    await until(async () => ((await casePage(caseRef)).phase === 'AWAITING_ADMISSION' ? true : undefined), 'effect');
    // Twelve months from 27/3/2025 are over: the term-end timer fires at once after admission.
    await expectOk(caseRef, 'facility.officer', { type: 'ADMIT', on: '2025-03-27' });
    // A client that acts as soon as the case row says COMPLETING, before the completion step is on record.
    for (;;) {
      const row = await api.db.case.findUniqueOrThrow({ where: { id: caseRef } });
      if (row.phase === 'COMPLETING') break;
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
    const completed = await expectOk(caseRef, 'facility.director', {
      type: 'COMPLETE_TREATMENT',
      on: '2026-03-30',
      certificateRef: 'GCN-5/2026',
    });
    expect(completed.phase).toBe('CLOSED');
  });

  it('refuses the wrong role, the wrong jurisdiction and a malformed identity number', async () => {
    const { caseRef } = await openCase('2025-03-03');
    const wrongRole = await act(caseRef, 'judge.kv1', {
      type: 'FILE_DOSSIER',
      on: '2025-03-05',
      addictionResultRef: 'KQ',
      interimArrangement: { kind: 'FAMILY' },
    });
    expect(wrongRole.status).toBe(403);
    expect(wrongRole.body.code).toBe('AUTH.ROLE_NOT_ALLOWED');

    const otherCommune = await act(caseRef, 'police.bm', {
      type: 'FILE_DOSSIER',
      on: '2025-03-05',
      addictionResultRef: 'KQ',
      interimArrangement: { kind: 'FAMILY' },
    });
    expect(otherCommune.status).toBe(403);
    expect(otherCommune.body.code).toBe('AUTH.OUTSIDE_JURISDICTION');
    const read = await request(api.app).get(`/cases/${caseRef}`).set('Authorization', `Bearer ${await token('police.bm')}`);
    expect(read.status).toBe(403);

    const malformed = await request(api.app)
      .post('/cases')
      .set('Authorization', `Bearer ${await token('police.apl')}`)
      .set('Idempotency-Key', randomUUID())
      .send({
        procedure: 'COMPULSORY_REHAB_ADULT',
        jurisdictionId: 'SX-APL',
        person: {
          fullName: 'Trần Thị B',
          birthDate: '1990-01-01',
          citizenId: '07920300123',
          residenceStatus: 'STABLE',
          residenceJurisdictionId: 'SX-APL',
        },
        legalGround: 2,
        groundsFoundOn: '2025-03-03',
      });
    expect(malformed.status).toBe(400);
    expect(malformed.body.errors[0].field).toBe('body.person.citizenId');
    expect(JSON.stringify(malformed.body)).not.toMatch(/at .*\.ts/);
  });

  it('answers a retried action with the first answer instead of acting twice', async () => {
    const { caseRef } = await openCase('2025-03-03');
    const key = randomUUID();
    const action = {
      type: 'FILE_DOSSIER',
      on: '2025-03-05',
      addictionResultRef: 'KQ-1',
      interimArrangement: { kind: 'FAMILY' },
    };
    const first = await act(caseRef, 'police.apl', action, key);
    const retry = await act(caseRef, 'police.apl', action, key);
    expect(first.status).toBe(200);
    expect(retry.status).toBe(200);
    expect(retry.body).toEqual(first.body);
    const filed = await api.db.caseEvent.count({ where: { caseId: caseRef, kind: 'DOSSIER_FILED' } });
    expect(filed).toBe(1);
  });
});
