/**
 * A reporting cycle at national scale in one process, on a scratch Temporal dev server and
 * PostgreSQL: a province with UNITS communes (3,321, the number of commune-level units after
 * July 2025), each with its People's Committee; one quarterly run is started and the clock runs
 * until every unit's report task is open (its deadline step on record). Then half the communes
 * submit and the province's roll-up is timed.
 *
 *   npx tsx bench/reporting-cycle.ts [units=3321]
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { Client, Connection } from '@temporalio/client';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import request from 'supertest';
import { createDb } from '../db/client';
import { readRollup } from '../api/reporting/report-reader';
import { figuresFromRecord } from '../db/reporting/figures-from-record';
import { startScratchStack } from '../infra/scratch-stack';
import { bundleWorkflows, RestartableWorker, testActivityDependencies } from '../test/support/deadline-worker';
import { testDataConverter } from '../test/support/test-env';
import { reportScheduleId } from '../workflows/reporting/reporting-contract';
import { reportingProvince } from './support/reporting-province';
import { measureCeiling } from './support/ceiling';
import { LatencyLog } from './support/stats';

const UNITS = Number(process.argv[2] ?? 3321);
const TASK_QUEUE = 'bench-reporting';
/** Issue #19: every commune's report task open within 30 s of the run's start. */
const TARGET_SECONDS = 30;
const CEILING_WORKFLOWS = 1000;
const CEILING_CONCURRENCY = 64;

async function main(): Promise<void> {
  Runtime.install({ logger: new DefaultLogger('WARN') });
  process.env.TEST_PAYLOAD_KEY ??= `bench:${randomBytes(32).toString('base64')}`;
  const stack = await startScratchStack('bench-reporting');
  const db = createDb(stack.databaseUrl, { maxConnections: 20 });
  const connection = await Connection.connect({ address: stack.temporalAddress });
  const client = new Client({ connection, dataConverter: testDataConverter() });
  const dependencies = testActivityDependencies(db);
  const worker = new RestartableWorker(TASK_QUEUE, await bundleWorkflows(), dependencies, stack.temporalAddress);

  try {
    await worker.start();
    const { province, app, auth, coordinator, cycleId, communes: expected, startRun } = await reportingProvince(db, client, { taskQueue: TASK_QUEUE, root: stack.root, units: UNITS });

    const started = performance.now();
    await startRun();
    const run = await waitFor(() => db.reportRun.findFirst({ where: { cycleId } }));
    const reportsAt = performance.now();
    let open = 0;
    for (;;) {
      open = await db.step.count({ where: { caseRef: run.id } });
      if (open >= expected) break;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    const openAt = performance.now();
    console.log(`${expected.toLocaleString('en')} reporting units, one worker, 2-core machine`);
    console.log(
      `cycle start → run and ${expected} report rows on record: ${((reportsAt - started) / 1000).toFixed(1)} s; ` +
        `→ all ${open} tasks open (deadline, owner, reminders planned): ${((openAt - started) / 1000).toFixed(1)} s ` +
        `(${(open / ((openAt - started) / 1000)).toFixed(0)} tasks/s); target ${TARGET_SECONDS} s`,
    );
    // Beside it, the bare server on the same run: how long as many no-op workflows would take to start.
    const ceiling = await measureCeiling(client, stack.temporalAddress, CEILING_WORKFLOWS, CEILING_CONCURRENCY);
    console.log(
      `ceiling (no-op workflow + one update, ${CEILING_CONCURRENCY} at once): ${ceiling.workflowsPerSecond.toFixed(1)} workflows/s → ` +
        `${expected} of them would take ${(expected / ceiling.workflowsPerSecond).toFixed(1)} s`,
    );

    // Half the communes submit (versions written straight to the table, as many submissions would).
    const reports = await db.report.findMany({ where: { runId: run.id }, take: Math.floor(expected / 2) });
    const user = await db.user.findUniqueOrThrow({ where: { username: coordinator } });
    const figures = { dossiersCompiled: 2, admissions: 1 };
    await db.reportVersion.createMany({
      data: reports.map((report) => ({
        reportId: report.id,
        version: 1,
        figures,
        computed: figures,
        corrections: [],
        submittedBy: user.id,
        submittedByAgencyId: province.agency.drugDivision,
        idempotencyKey: randomUUID(),
      })),
    });
    await db.report.updateMany({
      where: { id: { in: reports.map((r) => r.id) } },
      data: { status: 'SUBMITTED', latestVersion: 1, firstSubmittedAt: new Date() },
    });

    const log = new LatencyLog();
    let body: { counts?: unknown } = {};
    for (let round = 0; round < 20; round += 1) {
      const response = await log.time('roll-up (JSON)', () => request(app).get(`/reporting/runs/${run.id}/rollup`).set('Authorization', auth));
      if (response.status !== 200) throw new Error(`roll-up: ${response.status}`);
      body = response.body as { counts?: unknown };
    }
    for (let round = 0; round < 5; round += 1) {
      const workbook = await log.time('roll-up (Excel)', () =>
        request(app).get(`/reporting/runs/${run.id}/rollup?format=xlsx`).set('Authorization', auth),
      );
      if (workbook.status !== 200) throw new Error(`roll-up workbook: ${workbook.status}`);
    }
    // Where the roll-up's time goes: the figures from the record, the whole read, the HTTP answer.
    for (let round = 0; round < 10; round += 1) {
      await log.time('  of which: record figures', () =>
        figuresFromRecord(db, province.provinceId, { from: run.windowFrom.toISOString().slice(0, 10), to: run.windowTo.toISOString().slice(0, 10) }),
      );
      await log.time('  of which: whole read', () => readRollup(db, run.id));
    }
    console.log(`roll-up of ${expected} units: ${JSON.stringify(body.counts)}`);
    for (const line of log.lines()) console.log(line);
    await client.schedule.getHandle(reportScheduleId(cycleId)).delete();
  } finally {
    await worker.stop();
    await dependencies.close();
    await connection.close();
    await db.$disconnect();
    await stack.stop();
  }
}

async function waitFor<T>(probe: () => Promise<T | null>): Promise<T> {
  for (;;) {
    const value = await probe();
    if (value) return value;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
