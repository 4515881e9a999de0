/**
 * How late reminders and escalation rungs fire, on the real Temporal dev server and PostgreSQL;
 * prints the lateness (recorded time minus scheduled time) at the median and the 99th percentile
 * beside issue #19's target (p99 under 1 s, and none early).
 *
 *   npx tsx bench/reminder-lateness.ts [steps=1000]         STEPS steps, a workflow each, as cases' steps are
 *   npx tsx bench/reminder-lateness.ts [units=3321] reports one quarterly run of UNITS communes' report tasks
 *
 * Each step's rule (configured for the scratch province, as any province may) is due 90 s after
 * it opens, with reminders 40 s and 5 s before and rungs 2, 6 and 10 s after: the first reminder
 * falls 50 s after opening, after the 30 s for which notifications are armed ahead of time, so the
 * workflows wake up to arm them with all the others waking at the same moment.
 */
import { randomBytes } from 'node:crypto';
import { Client, Connection } from '@temporalio/client';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import { createDb, type Db } from '../db/client';
import { percentile } from './support/stats';
import { startScratchStack } from '../infra/scratch-stack';
import { createTestProvince } from '../test/support/test-province';
import { testDataConverter } from '../test/support/test-env';
import { bundleWorkflows, RestartableWorker, testActivityDependencies } from '../test/support/deadline-worker';
import { DEADLINE_STEP_WORKFLOW, type OpenStepInput } from '../workflows/deadlines/contract';
import { reportScheduleId } from '../workflows/reporting/reporting-contract';
import { reportingProvince } from './support/reporting-province';

const REPORTS = process.argv[3] === 'reports';
const COUNT = Number(process.argv[2] ?? (REPORTS ? 3321 : 1000));
const TASK_QUEUE = 'bench';
const TARGET_P99_MS = 1000;

/** Due 90 s after opening; two reminders, and rungs to the province. */
const drill = (rungs: { agencyKind: string; role: string }[]) => ({
  budget: { kind: 'ELAPSED', seconds: 90 },
  reminders: [
    { unit: 'SECONDS', amount: 40 },
    { unit: 'SECONDS', amount: 5 },
  ],
  escalations: rungs.map((to, index) => ({ after: { unit: 'SECONDS', amount: [2, 6, 10][index] }, to })),
});

/** STEPS deadline steps, each a workflow of its own, started 50 at a time. */
async function openCaseSteps(db: Db, client: Client): Promise<{ expected: number; finish: () => Promise<void> }> {
  const province = await createTestProvince(db, 'bench');
  await province.setRule(
    'CRA.D3',
    drill([
      { agencyKind: 'COMMUNE_POLICE', role: 'COMMUNE_POLICE_HEAD' },
      { agencyKind: 'PROVINCIAL_POLICE_DRUG_DIVISION', role: 'PROVINCIAL_COORDINATOR' },
      { agencyKind: 'PROVINCIAL_STEERING_COMMITTEE', role: 'PROVINCIAL_COORDINATOR' },
    ]) as never,
  );
  const startedAt = Date.now();
  const ids: string[] = [];
  for (let batch = 0; batch < COUNT; batch += 50) {
    await Promise.all(
      Array.from({ length: Math.min(50, COUNT - batch) }, (_, i) => {
        const input: OpenStepInput = {
          caseRef: `BENCH-${batch + i}`,
          stepKey: 'D3',
          ruleKey: 'CRA.D3',
          jurisdictionId: province.communeId,
          startDate: '2026-11-20',
        };
        const workflowId = `bench:${batch + i}`;
        ids.push(workflowId);
        return client.workflow.start(DEADLINE_STEP_WORKFLOW, { taskQueue: TASK_QUEUE, workflowId, args: [input] });
      }),
    );
  }
  console.log(`${COUNT} steps, a workflow each, started in ${Date.now() - startedAt} ms`);
  return {
    expected: COUNT * 5,
    finish: async () => {
      await Promise.all(ids.map((id) => client.workflow.getHandle(id).terminate('benchmark finished').catch(() => undefined)));
    },
  };
}

/** One quarterly run of UNITS communes' report tasks, opened through the API. */
async function openReportTasks(db: Db, client: Client, root: string): Promise<{ expected: number; finish: () => Promise<void> }> {
  const { province, cycleId, communes, startRun } = await reportingProvince(db, client, { taskQueue: TASK_QUEUE, root, units: COUNT });
  await province.setRule(
    'REPORT.QUARTERLY',
    drill([
      { agencyKind: 'PROVINCIAL_POLICE_DRUG_DIVISION', role: 'PROVINCIAL_COORDINATOR' },
      { agencyKind: 'PROVINCIAL_STEERING_COMMITTEE', role: 'PROVINCIAL_COORDINATOR' },
    ]) as never,
  );
  const startedAt = Date.now();
  await startRun();
  for (;;) {
    if ((await db.step.count({ where: { procedure: 'REPORTING' } })) >= communes) break;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  const opened = await db.step.aggregate({ where: { procedure: 'REPORTING' }, _min: { dueAt: true }, _max: { dueAt: true } });
  const spread = (opened._max.dueAt?.getTime() ?? 0) - (opened._min.dueAt?.getTime() ?? 0);
  console.log(`${communes} report tasks (batches of 100) open in ${Date.now() - startedAt} ms; their due instants lie within ${(spread / 1000).toFixed(1)} s`);
  return {
    expected: communes * 4,
    finish: async () => {
      await client.schedule.getHandle(reportScheduleId(cycleId)).delete();
    },
  };
}

async function main(): Promise<void> {
  Runtime.install({ logger: new DefaultLogger('WARN') });
  const stack = await startScratchStack('bench');
  const db = createDb(stack.databaseUrl, { maxConnections: 20 });
  const connection = await Connection.connect({ address: stack.temporalAddress });
  // The bench's own payload key: its client and worker encrypt as production does.
  process.env.TEST_PAYLOAD_KEY ??= `bench:${randomBytes(32).toString('base64')}`;
  const client = new Client({ connection, dataConverter: testDataConverter() });
  const dependencies = testActivityDependencies(db);
  const worker = new RestartableWorker(TASK_QUEUE, await bundleWorkflows(), dependencies, stack.temporalAddress);
  try {
    await worker.start();
    const opened = REPORTS ? await openReportTasks(db, client, stack.root) : await openCaseSteps(db, client);
    const startedAt = Date.now();
    for (;;) {
      const count = await db.notification.count();
      if (count >= opened.expected) break;
      if (Date.now() - startedAt > 15 * 60_000) throw new Error(`only ${count} of ${opened.expected} notifications after 15 min`);
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
    const rows = await db.notification.findMany({ select: { kind: true, scheduledAt: true, firedAt: true, key: true } });
    const keys = new Set(rows.map((r) => r.key));
    const report = (label: string, selected: typeof rows) => {
      const lateness = selected.map((r) => r.firedAt.getTime() - r.scheduledAt.getTime()).sort((a, b) => a - b);
      const p99 = percentile(lateness, 99);
      console.log(
        `${label.padEnd(12)} n=${String(lateness.length).padStart(5)}  p50=${percentile(lateness, 50)} ms  p99=${p99} ms  max=${lateness.at(-1)} ms  early=${lateness.filter((l) => l < 0).length}` +
          `  (target p99 < ${TARGET_P99_MS} ms, none early: ${p99 < TARGET_P99_MS && lateness[0]! >= 0 ? 'met' : 'NOT met'})`,
      );
    };
    console.log(`notifications: ${rows.length} recorded, ${keys.size} distinct keys (expected ${opened.expected})`);
    report('reminders', rows.filter((r) => r.kind === 'REMINDER'));
    report('escalations', rows.filter((r) => r.kind === 'ESCALATION'));
    report('all', rows);
    await opened.finish();
  } finally {
    await worker.stop();
    await dependencies.close();
    await connection.close();
    await db.$disconnect();
    await stack.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
