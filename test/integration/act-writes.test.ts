import { createActivities } from '../../activities';
import type { ActWrite } from '../../activities/cases/act-writes.activities';
import { createDb, type Db } from '../../db/client';
import { testActivityDependencies } from '../support/deadline-worker';
import { createTestProvince, type TestProvince } from '../support/test-province';
import { testDatabaseUrl } from '../support/test-env';

/**
 * An act's writes (its timeline entries, the steps it opens and the changes to its steps) are
 * recorded by one activity in one transaction: all of them or none, and a retry after a crash
 * reads back what the first attempt wrote instead of writing it again.
 */
jest.setTimeout(60_000);

let db: Db;
let province: TestProvince;
let dependencies: ReturnType<typeof testActivityDependencies>;
let activities: ReturnType<typeof createActivities>;

beforeAll(async () => {
  db = createDb(testDatabaseUrl(), { maxConnections: 4 });
  province = await createTestProvince(db, 'act-writes');
  dependencies = testActivityDependencies(db);
  activities = createActivities(dependencies);
});

afterAll(async () => {
  await dependencies.close();
  await db.$disconnect();
});

let counter = 0;

/** A case registered, its dossier filed (an entry and a new phase), its first step opened and then completed: one act's worth. */
function anAct(): { caseRef: string; stepId: string; writes: ActWrite[] } {
  counter += 1;
  const caseRef = `${province.provinceId}-ACT-${counter}`;
  const workflowId = `act-writes-${counter}-${Date.now()}`;
  const at = new Date().toISOString();
  const stepId = `${workflowId}/D2`;
  return {
    caseRef,
    stepId,
    writes: [
      {
        kind: 'register',
        input: {
          caseRef,
          workflowId,
          procedure: 'COMPULSORY_REHAB_ADULT',
          jurisdictionId: province.communeId,
          phase: 'GROUNDS_FOUND',
          openedAt: at,
          event: { kind: 'CASE_OPENED', legalDate: '2026-11-20' },
        },
      },
      {
        kind: 'open',
        input: { caseRef, stepKey: 'D2', ruleKey: 'CRA.D2', jurisdictionId: province.communeId, startDate: '2026-11-20', workflowId, openedAt: at },
      },
      {
        kind: 'event',
        input: { caseRef, seq: 1, kind: 'DOSSIER_FILED', legalDate: '2026-11-23', occurredAt: at, jurisdictionId: province.communeId, patch: { phase: 'NOTIFYING' } },
      },
      { kind: 'change', change: 'complete', input: { stepId, revision: 1, at, on: '2026-11-23', outcome: 'filed' } },
    ],
  };
}

const recorded = async (caseRef: string, stepId: string) => ({
  cases: await db.case.findMany({ where: { id: caseRef }, select: { phase: true } }),
  timeline: (await db.caseEvent.findMany({ where: { caseId: caseRef }, orderBy: { seq: 'asc' } })).map((entry) => entry.kind),
  steps: await db.step.findMany({ where: { id: stepId }, select: { status: true, revision: true } }),
  ledger: (await db.stepEvent.findMany({ where: { stepId }, orderBy: { revision: 'asc' } })).map((entry) => entry.kind),
});

/** What anAct() leaves on record. */
const WHOLE_ACT = {
    cases: [{ phase: 'NOTIFYING' }],
    timeline: ['CASE_OPENED', 'DOSSIER_FILED'],
    steps: [{ status: 'COMPLETED', revision: 1 }],
    ledger: ['OPENED', 'COMPLETED'],
  };

it('writes every write of an act, in order, and answers each', async () => {
  const { caseRef, stepId, writes } = anAct();
  const results = await activities.recordActWrites({ writes });

  expect(results[0]).toEqual({ personId: null, provinceId: province.provinceId });
  expect(results[1]).toMatchObject({ stepId, status: 'OPEN', revision: 0 });
  expect(results[2]).toBeNull();
  expect(results[3]).toMatchObject({ stepId, status: 'COMPLETED', revision: 1 });
  expect(await recorded(caseRef, stepId)).toEqual(WHOLE_ACT);
});

it('run again (a retry after a crash), reads back what the first run wrote and writes nothing twice', async () => {
  const { caseRef, stepId, writes } = anAct();
  const first = await activities.recordActWrites({ writes });
  const again = await activities.recordActWrites({ writes });

  expect(again).toEqual(first);
  expect(await recorded(caseRef, stepId)).toEqual(WHOLE_ACT);
});

it('writes none of an act whose last write fails', async () => {
  const { caseRef, stepId, writes } = anAct();
  // A change at a revision the step is not at: the row is not there to update, after three writes succeeded.
  const broken: ActWrite[] = [...writes.slice(0, 3), { kind: 'change', change: 'complete', input: { stepId, revision: 5, at: new Date().toISOString() } }];

  await expect(activities.recordActWrites({ writes: broken })).rejects.toThrow();
  expect(await recorded(caseRef, stepId)).toEqual({ cases: [], timeline: [], steps: [], ledger: [] });

  // The act as it should have been then writes whole.
  await activities.recordActWrites({ writes });
  expect((await recorded(caseRef, stepId)).ledger).toEqual(['OPENED', 'COMPLETED']);
});
