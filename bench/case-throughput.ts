/**
 * Case throughput through the API, on a scratch Temporal dev server and PostgreSQL with the demo
 * province: CASES compulsory-rehabilitation cases are opened and driven from the dossier to the
 * completion of treatment by CLIENTS concurrent clients over HTTP, each action as the official
 * who owns it. Prints cases per second and the latency of each action (p50/p95/p99); then, on
 * the same server and with the same concurrency, the same figures for a bare workflow that only
 * accepts one update (the ceiling), and our throughput as a fraction of it. Finally it fills the
 * steps table to 100,000 open steps and times the coordinators' overdue view.
 *
 * The worker and the API run as a deployment runs them: compiled, each in a process of its own
 * (`npm run build` first), the clients and the ceiling's no-op worker in this process. With
 * --one-process the API and the worker run inside this process from the sources instead, as the
 * benchmark did before (one event loop for API, worker and clients).
 *
 *   npx tsx bench/case-throughput.ts [cases=1000] [clients=16] [--one-process]
 */
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import { Client, Connection } from '@temporalio/client';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import { createDb, type Db } from '../db/client';
import { startScratchStack, type ScratchStack } from '../infra/scratch-stack';
import { testDataConverter } from '../test/support/test-env';
import { bundleWorkflows, RestartableWorker } from '../test/support/deadline-worker';
import { measureCeiling } from './support/ceiling';
import { CpuByProcess } from './support/cpu-by-process';
import { benchActivityDependencies, benchApp } from './support/bench-app';
import { driveCase, Http } from './support/case-load';
import { startEngineProcesses } from './support/engine-processes';
import { LatencyLog, runConcurrently } from './support/stats';

const flags = process.argv.slice(2).filter((arg) => arg.startsWith('--'));
const [casesArg, clientsArg] = process.argv.slice(2).filter((arg) => !arg.startsWith('--'));
const CASES = Number(casesArg ?? 1000);
const CLIENTS = Number(clientsArg ?? 16);
const ONE_PROCESS = flags.includes('--one-process');
const OPEN_STEPS = 100_000;
const TASK_QUEUE = 'bench-cases';
const CEILING_ROUNDS = 3;

async function runCases(baseUrl: string) {
  const http = new Http(baseUrl);
  for (const user of ['police.apl', 'coordinator.pc04', 'judge.kv1', 'facility.officer', 'facility.director'])
    await http.login(user);
  const log = new LatencyLog();
  const started = performance.now();
  await runConcurrently(CASES, CLIENTS, (index) => driveCase(http, log, index));
  const seconds = (performance.now() - started) / 1000;
  const actions = log.count();
  return { seconds, log, actions, casesPerSecond: CASES / seconds, actionsPerSecond: actions / seconds };
}

/**
 * Tops the steps table up to 100,000 open steps over the demo communes, a third of them overdue.
 * Each copies a real dossier step's rule snapshot and explanation, so the view renders them as it would.
 */
async function fillOpenSteps(db: Db): Promise<number> {
  const open = await db.step.count({ where: { status: 'OPEN' } });
  const missing = Math.max(0, OPEN_STEPS - open);
  await db.$executeRawUnsafe(
    `INSERT INTO steps (id, workflow_id, case_ref, procedure, step_key, rule_key, title_vi, title_en,
        jurisdiction_id, province_id, owner_agency_id, owner_role, status, start_event, start_date, opened_at,
        due_date, due_at, rule_snapshot, explanation, fire_points)
     SELECT 'fill-' || n || '/D2', 'fill-' || n, 'FILL-' || n, t.procedure, 'D2', t.rule_key,
        t.title_vi, t.title_en, c.jurisdiction_id, 'SX', c.id, t.owner_role, 'OPEN',
        t.start_event, due::date - 7, due - interval '7 days', due::date, due, t.rule_snapshot, t.explanation, t.fire_points
     FROM generate_series(1, $1::int) AS n
     CROSS JOIN (SELECT * FROM steps WHERE rule_key = 'CRA.D2' LIMIT 1) t
     CROSS JOIN LATERAL (SELECT now() + ((n % 3) - 1.5) * interval '10 days' + n * interval '1 second' AS due) d
     JOIN LATERAL (
        SELECT a.id, a.jurisdiction_id FROM agencies a
        WHERE a.kind = 'COMMUNE_POLICE' AND a.valid_to IS NULL
        ORDER BY a.id OFFSET (n % (SELECT count(*) FROM agencies WHERE kind = 'COMMUNE_POLICE' AND valid_to IS NULL)) LIMIT 1
     ) c ON true`,
    missing,
  );
  await db.$executeRawUnsafe('ANALYZE steps');
  return db.step.count({ where: { status: 'OPEN' } });
}

async function timeOverdueView(baseUrl: string) {
  const http = new Http(baseUrl);
  await http.login('coordinator.pc04');
  await http.login('police.apl');
  const log = new LatencyLog();
  let total = 0;
  for (let round = 0; round < 50; round += 1) {
    const province = await log.time('province, page 1', () =>
      http.call('GET', '/deadlines/steps?view=overdue&pageSize=50', 'coordinator.pc04'),
    );
    total = province.json.total ?? 0;
    const deep = await log.time('province, page 200', () =>
      http.call('GET', '/deadlines/steps?view=overdue&pageSize=50&page=200', 'coordinator.pc04'),
    );
    const commune = await log.time('one commune', () => http.call('GET', '/deadlines/steps?view=overdue&pageSize=50', 'police.apl'));
    // A timed error page would flatter the figures: every answer must be a real page.
    for (const answer of [province, deep, commune])
      if (answer.status !== 200) throw new Error(`overdue view: ${answer.status} ${JSON.stringify(answer.json)}`);
  }
  return { log, total };
}

interface Engine {
  baseUrl: string;
  /** What each of the engine's own processes is, by pid (this process is named by CpuByProcess). */
  names: Map<number, string>;
  describe: string;
  stop(): Promise<void>;
}

/** The API and the worker inside this process, from the sources (--one-process). */
async function engineInThisProcess(stack: ScratchStack, client: Client): Promise<Engine> {
  const db = createDb(stack.databaseUrl, { maxConnections: 20 });
  const apiDb = createDb(stack.databaseUrl, { maxConnections: 20 });
  const dependencies = benchActivityDependencies(db, stack.databaseUrl);
  const worker = new RestartableWorker(TASK_QUEUE, await bundleWorkflows(), dependencies, stack.temporalAddress);
  const app = benchApp({ db: apiDb, temporal: client }, { taskQueue: TASK_QUEUE, root: stack.root });
  const server = app.listen(0);
  await new Promise((resolve) => server.once('listening', resolve));
  await worker.start();
  return {
    baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    names: new Map(),
    describe: 'API, worker and clients in this process (--one-process)',
    stop: async () => {
      server.close();
      await worker.stop();
      await dependencies.close();
      await db.$disconnect();
      await apiDb.$disconnect();
    },
  };
}

/** The worker and the API as a deployment runs them, each a compiled process of its own. */
async function deployedEngine(stack: ScratchStack): Promise<Engine> {
  const processes = await startEngineProcesses(stack, { taskQueue: TASK_QUEUE, workers: 1, apis: 1 });
  return {
    baseUrl: processes.baseUrls[0]!,
    names: processes.names,
    describe: 'one worker and one API process, compiled (as npm start and a deployment run them); clients in this process',
    stop: processes.stop,
  };
}

async function main(): Promise<void> {
  Runtime.install({ logger: new DefaultLogger('WARN') });
  process.env.TEST_PAYLOAD_KEY ??= `bench:${randomBytes(32).toString('base64')}`;
  const stack = await startScratchStack('bench-cases');
  const db = createDb(stack.databaseUrl, { maxConnections: 4 });
  const connection = await Connection.connect({ address: stack.temporalAddress });
  const client = new Client({ connection, dataConverter: testDataConverter() });
  let engine: Engine | undefined;
  try {
    engine = ONE_PROCESS ? await engineInThisProcess(stack, client) : await deployedEngine(stack);
    const baseUrl = engine.baseUrl;
    console.log(`${CASES} cases, ${CLIENTS} concurrent clients, ${engine.describe}, ${os.cpus().length}-core machine`);

    const casesCpu = new CpuByProcess(engine.names);
    const cases = await runCases(baseUrl);
    const casesCpuLines = casesCpu.lines({ count: cases.actions, unit: 'API call' });
    console.log(
      `cases: ${CASES} driven to completion in ${cases.seconds.toFixed(1)} s → ${cases.casesPerSecond.toFixed(2)} cases/s, ` +
        `${cases.actions} API calls → ${cases.actionsPerSecond.toFixed(1)} calls/s`,
    );
    for (const line of cases.log.lines()) console.log(line);
    for (const line of casesCpuLines) console.log(line);

    const ceilingCpu = new CpuByProcess(engine.names);
    const ceiling = await measureCeiling(client, stack.temporalAddress, CASES, CLIENTS, CEILING_ROUNDS);
    const ceilingCpuLines = ceilingCpu.lines({ count: CEILING_ROUNDS * 2 * CASES, unit: 'operation' });
    console.log(
      `ceiling (no-op workflow + one update, Temporal client and its worker in this process), median of ${CEILING_ROUNDS} rounds ` +
        `(${ceiling.rounds.map((ops) => ops.toFixed(1)).join(', ')} operations/s): ${CASES} in ${ceiling.seconds.toFixed(1)} s → ` +
        `${ceiling.workflowsPerSecond.toFixed(1)} workflows/s, ${ceiling.operationsPerSecond.toFixed(1)} operations/s`,
    );
    for (const line of ceiling.log.lines()) console.log(line);
    for (const line of ceilingCpuLines) console.log(line);
    console.log(
      `fraction of the ceiling: cases/s ÷ no-op workflows/s = ${(cases.casesPerSecond / ceiling.workflowsPerSecond).toFixed(3)}; ` +
        `API calls/s ÷ no-op operations/s = ${(cases.actionsPerSecond / ceiling.operationsPerSecond).toFixed(3)}`,
    );

    const openSteps = await fillOpenSteps(db);
    const overdue = await timeOverdueView(baseUrl);
    console.log(`overdue view with ${openSteps.toLocaleString('en')} open steps (${overdue.total.toLocaleString('en')} overdue in the province):`);
    for (const line of overdue.log.lines()) console.log(line);
  } finally {
    await engine?.stop();
    await connection.close();
    await db.$disconnect();
    await stack.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
