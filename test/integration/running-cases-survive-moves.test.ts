import { readFileSync } from 'node:fs';
import path from 'node:path';
import { startApiHarness, type ApiHarness } from '../support/api-harness';
import { caseDriver, until } from '../support/case-driver';
import { bundleWorkflows, RestartableWorker, testActivityDependencies } from '../support/deadline-worker';
import { quietTemporalRuntime } from '../support/quiet-temporal';
import { uniqueTaskQueue } from '../support/test-env';

/**
 * A deployment meets cases started by the code before it. This case starts on the workflow
 * bundle of the code before procedures became modules (kept as a fixture), and is finished,
 * from the court onwards, by a worker running today's code: same workflow type, id, Update
 * names and event kinds, and its history replays through the new code when the new worker
 * takes it over.
 */
jest.setTimeout(120_000);

const OLD_BUNDLE = path.resolve(__dirname, '../fixtures/bundles/workflows-before-procedure-modules.js');

let api: ApiHarness;
let dependencies: ReturnType<typeof testActivityDependencies>;
const taskQueue = uniqueTaskQueue('moved-cases');

beforeAll(async () => {
  quietTemporalRuntime();
  api = await startApiHarness({ taskQueue });
  dependencies = testActivityDependencies(api.db);
});
afterAll(async () => {
  await dependencies.close();
  await api.close();
});

it('finishes on the new code a case started on the code before procedure modules', async () => {
  const { expectOk, openCase, casePage } = caseDriver(api);
  const before = new RestartableWorker(taskQueue, { code: readFileSync(OLD_BUNDLE, 'utf8') }, dependencies);
  await before.start();
  const { caseRef } = await openCase('police.apl', {
    jurisdictionId: 'SX-LV-AP',
    residenceJurisdictionId: 'SX-APL',
    groundsFoundOn: '2025-03-03',
  });
  await expectOk(caseRef, 'police.apl', {
    type: 'FILE_DOSSIER',
    on: '2025-03-05',
    addictionResultRef: 'KQ-1/2025',
    interimArrangement: { kind: 'FAMILY' },
  });
  await expectOk(caseRef, 'police.apl', { type: 'NOTIFY_PERSON', on: '2025-03-06' });
  await before.stop();

  const after = new RestartableWorker(taskQueue, await bundleWorkflows(), dependencies);
  await after.start();
  try {
    await expectOk(caseRef, 'coordinator.pc04', { type: 'TRANSFER_TO_COURT', on: '2025-03-07' });
    await expectOk(caseRef, 'judge.kv1', { type: 'ACCEPT_DOSSIER', on: '2025-03-10' });
    await expectOk(caseRef, 'judge.kv1', {
      type: 'RECORD_DECISION',
      on: '2025-03-17',
      outcome: 'APPLY',
      months: 12,
      decisionRef: '21/2025/QĐ-TA',
    });
    await until(async () => ((await casePage(caseRef, 'coordinator.pc04')).phase === 'AWAITING_ADMISSION' ? true : undefined), 'the decision to take effect');
    const admitted = await expectOk(caseRef, 'facility.officer', { type: 'ADMIT', on: '2025-03-27' });
    expect(admitted.termEndOn).toBe('2026-03-26');
    await until(async () => ((await casePage(caseRef, 'coordinator.pc04')).phase === 'COMPLETING' ? true : undefined), 'the term to end');
    const done = await expectOk(caseRef, 'facility.director', {
      type: 'COMPLETE_TREATMENT',
      on: '2026-03-30',
      certificateRef: 'GCN-5/2026',
    });
    expect(done).toMatchObject({ phase: 'CLOSED', allowedActions: [] });

    const page = await casePage(caseRef, 'coordinator.pc04');
    // Every timeline entry once, numbered without a gap across the two versions of the code.
    const seqs = page.timeline.map((entry: { seq: number }) => entry.seq);
    expect(seqs).toEqual(seqs.map((_: number, index: number) => index));
    expect(page.timeline.map((entry: { kind: string }) => entry.kind)).toEqual([
      'CASE_OPENED',
      'DOSSIER_FILED',
      'PERSON_NOTIFIED',
      'TRANSFERRED_TO_COURT',
      'COURT_ACCEPTED',
      'DECISION_RECORDED',
      'COMPLAINT_WINDOW_OPENED',
      'DECISION_EFFECTIVE',
      'ADMITTED',
      'TERM_ENDED',
      'COMPLETED',
    ]);
    await until(
      async () => ((await api.db.case.findUnique({ where: { id: `PR-${caseRef}` } })) ? true : undefined),
      'the post-rehabilitation case started by the new code',
    );
  } finally {
    await after.stop();
  }
});
