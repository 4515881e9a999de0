import request from 'supertest';
import { DEMO_CASE_CITIZEN_IDS, DEMO_REPORT_CYCLE, seedDemoCases } from '../../db/seed/demo-cases';
import { seedDemoData } from '../../db/seed/seed-demo';
import { serve } from '../support/browser';
import { until } from '../support/case-driver';
import { startCaseStack, type CaseStack } from '../support/case-stack';

/**
 * The demo cases `npm start` drives through the API (db/seed/demo-cases.ts), on the real API,
 * worker, Temporal and PostgreSQL: they land at the phases the screens are meant to show, with
 * steps on time, due soon and late, and a second run creates nothing. The demo province is the
 * one every suite shares (seeded by the global setup; seeding again is idempotent), so counts
 * here are of the demo people's cases only.
 */
jest.setTimeout(240_000);

const DAY_MS = 86_400_000;

let stack: CaseStack;
let server: Awaited<ReturnType<typeof serve>>;

beforeAll(async () => {
  stack = await startCaseStack('demo-cases');
  await seedDemoData(stack.api.db);
  server = await serve(stack.api.app);
});
afterAll(async () => {
  await server?.close();
  await stack?.close();
});

const demoCases = () =>
  stack.api.db.case.findMany({
    where: { person: { citizenId: { in: [...DEMO_CASE_CITIZEN_IDS] } } },
    include: { person: { select: { citizenId: true } } },
  });

/** Everything the demo writes: its cases and what hangs from them, its people, the report run. */
async function footprint() {
  const refs = (await demoCases()).map((row) => row.id);
  const db = stack.api.db;
  return {
    cases: refs.length,
    persons: await db.person.count({ where: { citizenId: { in: [...DEMO_CASE_CITIZEN_IDS] } } }),
    intakes: await db.caseIntake.count({ where: { caseRef: { in: refs } } }),
    caseEvents: await db.caseEvent.count({ where: { caseId: { in: refs } } }),
    steps: await db.step.count({ where: { caseRef: { in: refs } } }),
    stepEvents: await db.stepEvent.count({ where: { step: { caseRef: { in: refs } } } }),
    reportRuns: await db.reportRun.count({ where: { cycleId: DEMO_REPORT_CYCLE } }),
    reports: await db.report.count({ where: { run: { cycleId: DEMO_REPORT_CYCLE } } }),
  };
}

/** The live board's column of an open step, as board-buckets.ts decides it (3-day window). */
function columnOf(step: { dueAt: Date }, now: number): string {
  if (step.dueAt.getTime() < now) return 'late';
  return step.dueAt.getTime() <= now + 3 * DAY_MS ? 'dueSoon' : 'onTime';
}

async function get(user: string, path: string) {
  const token = await stack.api.tokenFor(user);
  const response = await request(stack.api.app).get(path).set('Authorization', `Bearer ${token}`);
  expect([path, response.status]).toEqual([path, 200]);
  return response.body;
}

it('drives the demo cases through the API once, and a second run creates nothing', async () => {
  const first: string[] = [];
  await seedDemoCases(server.url, (line) => first.push(line));
  expect(first).toEqual([
    expect.stringMatching(/^demo cases: 6 of 6 opened through the API/),
    expect.stringMatching(/^demo report run: SX-QUARTERLY:\d{4}-Q[1-4] started/),
  ]);

  // Each person's case, in the order of the demo's people, at the phase its screens show.
  const cases = await demoCases();
  const byPerson = new Map(cases.map((row) => [row.person?.citizenId, row]));
  expect(
    DEMO_CASE_CITIZEN_IDS.map((id) => [
      byPerson.get(id)?.procedure,
      byPerson.get(id)?.phase,
      byPerson.get(id)?.jurisdictionId,
    ]),
  ).toEqual([
    ['COMPULSORY_REHAB_ADULT', 'DOSSIER', 'SX-APL'],
    ['COMPULSORY_REHAB_ADULT', 'DOSSIER', 'SX-APL'],
    ['COMPULSORY_REHAB_ADULT', 'AT_COURT', 'SX-APL'],
    ['DRUG_USER_MANAGEMENT', 'UNDER_MANAGEMENT', 'SX-BM'],
    ['VOLUNTARY_REHAB', 'AWAITING_DECISION', 'SX-APL'],
    ['COMPULSORY_REHAB_ADULT', 'NOTIFYING', 'SX-BM'],
  ]);
  const refOf = (index: number) => byPerson.get(DEMO_CASE_CITIZEN_IDS[index]!)!.id;

  // Open steps on time, due soon and late; completed steps on time and late by the act's legal date.
  const now = Date.now();
  const steps = await stack.api.db.step.findMany({ where: { caseRef: { in: cases.map((row) => row.id) } } });
  const stepsOf = (index: number) =>
    steps
      .filter((step) => step.caseRef === refOf(index))
      .map((step) =>
        step.status === 'COMPLETED'
          ? [step.ruleKey, 'COMPLETED', step.completedOn! <= step.dueDate ? 'onTime' : 'late']
          : [step.ruleKey, step.status, columnOf(step, now)],
      )
      .sort((a, b) => a[0]!.localeCompare(b[0]!));
  expect(DEMO_CASE_CITIZEN_IDS.map((_, index) => stepsOf(index))).toEqual([
    [['CRA.D2', 'OPEN', 'onTime']],
    [['CRA.D2', 'OPEN', 'late']],
    [
      ['CRA.D2', 'COMPLETED', 'onTime'],
      ['CRA.D3', 'COMPLETED', 'onTime'],
      ['CRA.D5', 'COMPLETED', 'late'],
      ['CRA.D6', 'COMPLETED', 'onTime'],
      ['CRA.D8', 'OPEN', 'dueSoon'],
    ],
    [
      ['DUM.CHECK', 'OPEN', 'onTime'],
      ['DUM.DECISION', 'COMPLETED', 'onTime'],
    ],
    [['VOL.DECISION', 'OPEN', 'dueSoon']],
    [
      ['CRA.D2', 'COMPLETED', 'onTime'],
      ['CRA.D3', 'OPEN', 'late'],
    ],
  ]);
  // The late dossier escalates in the days to come (rungs before the step was entered never fire).
  const lateDossier = steps.find((step) => step.caseRef === refOf(1))!;
  const rungsAhead = (lateDossier.firePoints as { kind: string; at: string }[]).filter(
    (point) => point.kind === 'ESCALATION' && Date.parse(point.at) > now,
  );
  expect(rungsAhead.length).toBeGreaterThan(0);

  // What the officials see: the police their tasks, the judge the decision, the coordinator the board.
  const policeLate = await get('police.apl', '/me/tasks?bucket=late&pageSize=200');
  expect(policeLate.items.map((row: { caseRef: string }) => row.caseRef)).toContain(refOf(1));
  const policeAll = await get('police.apl', '/me/tasks?pageSize=200');
  expect(policeAll.items.map((row: { caseRef: string }) => row.caseRef)).toEqual(
    expect.arrayContaining([refOf(0), refOf(1)]),
  );
  const judge = await get('judge.kv1', '/me/tasks?bucket=dueSoon&pageSize=200');
  expect(judge.items.map((row: { caseRef: string }) => row.caseRef)).toContain(refOf(2));
  const chairman = await get('chairman.apl', '/me/tasks?bucket=dueSoon&pageSize=200');
  expect(chairman.items.map((row: { caseRef: string }) => row.caseRef)).toContain(refOf(4));
  const board = await get('coordinator.pc04', '/deadlines/board?jurisdictionId=SX');
  expect(board.totals.late).toBeGreaterThanOrEqual(2);
  const lateInBinhMinh = await get(
    'coordinator.pc04',
    '/deadlines/board/steps?bucket=late&jurisdictionId=SX-BM&pageSize=200',
  );
  expect(lateInBinhMinh.items.map((row: { caseRef: string }) => row.caseRef)).toContain(refOf(5));
  const performance = await get('coordinator.pc04', '/performance/on-time?jurisdictionId=SX');
  // Judged by the acts' legal dates: case 3's transfer to the court was late, its other acts and A's decision on time.
  expect(performance.totals.late).toBeGreaterThanOrEqual(1);
  expect(performance.totals.onTime).toBeGreaterThanOrEqual(4);
  // The commune official has this quarter's report to prepare.
  await until(async () => {
    const tasks = await get('official.apl', '/me/tasks?pageSize=200');
    return tasks.items.some((row: { caseRef: string }) => row.caseRef.startsWith(`${DEMO_REPORT_CYCLE}:`))
      ? true
      : undefined;
  }, 'the report task of An Phú Lạc');

  // Again, as a second `npm start` on the same data does: nothing new anywhere.
  const before = await footprint();
  expect(before).toMatchObject({ cases: 6, persons: 6, intakes: 6, reportRuns: 1 });
  const second: string[] = [];
  await seedDemoCases(server.url, (line) => second.push(line));
  expect(second).toEqual([
    'demo cases: already there (6 of 6); none opened',
    expect.stringMatching(/^demo report run: SX-QUARTERLY:\d{4}-Q[1-4] is already running$/),
  ]);
  expect(await footprint()).toEqual(before);
});
