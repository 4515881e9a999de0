/**
 * The fault-injection run (issue #17): officials drive compulsory-rehabilitation cases through the
 * real API while a seeded schedule SIGKILLs, at random moments, the worker process, the API
 * process, the Temporal server and PostgreSQL (postmaster and backends at once, as a crash does),
 * and starts each again. Afterwards it checks the record and prints what it found:
 *
 *   npm run chaos -- [--seed N] [--kills 24] [--clients 6] [--workers 1] [--apis 1] [--cases N] [--keep]
 *
 * Scaled out (`--workers 2 --apis 2`), the clients spread their requests over the API processes
 * and the audit also names the workers that ran the cases' tasks; `--kills 0 --cases N` drives N
 * cases without faults, to show the work shared and done once.
 *
 * Exit code 0 only if nothing was lost, nothing doubled, and every retried request got its
 * recorded answer. The same seed gives the same schedule (which process, after how long, down for
 * how long); the moments the requests are in flight differ from run to run, as they would.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createDb } from '../db/client';
import { applyMigrations } from '../db/migrate';
import { seedDemoData } from '../db/seed/seed-demo';
import { findFreePort } from '../infra/ports';
import { LocalPostgres } from '../infra/postgres-cluster';
import { TemporalDevServer } from '../infra/temporal-dev-server';
import { startSmtpSink } from '../test/support/smtp-sink';
import { casesPerPerson, differences, emailDeliveries, notificationAudit, phasesOf, profilesOf, replayRetried, reportRecord, taskIdentities } from './audit';
import { ChaosHttp, driveCase, driveUntil, LIVE_COURT_RULE, type ActionRecord, type DrivenCase, type Flavour } from './case-clients';
import { askForAdHocReport, REPORTING_CHAIRMEN, submitWhile } from './report-clients';
import { killSchedule, type Kill } from './schedule';
import { apiReady, NodeService, postgresService, temporalService, workerReady, type Service, type ServiceKind } from './services';

const { values: args } = parseArgs({
  options: {
    seed: { type: 'string' },
    kills: { type: 'string', default: '24' },
    clients: { type: 'string', default: '6' },
    workers: { type: 'string', default: '1' },
    apis: { type: 'string', default: '1' },
    cases: { type: 'string', default: '60' },
    keep: { type: 'boolean', default: false },
  },
});
const seed = args.seed === undefined ? randomBytes(4).readUInt32BE() : Number(args.seed);
const KILLS = Number(args.kills);
const CLIENTS = Number(args.clients);
const WORKERS = Number(args.workers);
const APIS = Number(args.apis);
/** Without kills, the run drives this many cases; with kills, as many as the schedule lasts. */
const CASES = Number(args.cases);
const counts = [CLIENTS, WORKERS, APIS, CASES];
if (!Number.isInteger(seed) || seed < 0 || !(KILLS === 0 || KILLS >= 4) || counts.some((n) => !Number.isInteger(n) || n < 1)) {
  process.stderr.write('usage: npm run chaos -- [--seed <0..2^32-1>] [--kills <0 or n ≥ 4>] [--clients n] [--workers n] [--apis n] [--cases n] [--keep]\n');
  process.exit(2);
}

const MESSAGE_ID_DOMAIN = 'chaos.invalid';
const say = (message: string) => process.stdout.write(`[chaos] ${message}\n`);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function main(): Promise<number> {
  const schedule = killSchedule(seed, KILLS, { worker: WORKERS, api: APIS });
  say(`seed ${seed} (run the same schedule again: npm run chaos -- --seed ${seed} --kills ${KILLS} --clients ${CLIENTS} --workers ${WORKERS} --apis ${APIS})`);

  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'coordination-chaos-'));
  fs.chmodSync(root, 0o755); // the postgres system user must reach its data folder inside
  say(`state and logs in ${root}`);
  const postgres = new LocalPostgres({ dataDir: path.join(root, 'pg'), port: await findFreePort(), ownProcessGroup: true, logFile: path.join(root, 'postgres.log') });
  // Durable history (SQLite file): a killed server must come back with every workflow.
  const temporal = new TemporalDevServer({ port: await findFreePort(), dbFile: path.join(root, 'temporal.db'), logFile: path.join(root, 'temporal.log') });
  await Promise.all([postgres.start(), temporal.start()]);
  await applyMigrations(postgres.url);
  const db = createDb(postgres.url, { maxConnections: 2 });
  await seedDemoData(db);
  // The province's own value for the court's decision step (as an administrator sets a rule): a
  // ladder of seconds, so live cases see reminders and escalations fire while processes die.
  await db.ruleOverride.create({
    data: { ruleKey: 'CRA.D8', provinceId: 'SX', effectiveFrom: new Date('2000-01-01'), parameters: LIVE_COURT_RULE, reason: 'fault-injection run' },
  });
  await db.$disconnect();
  const smtp = await startSmtpSink();

  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'production',
    DATABASE_URL: postgres.url,
    DATABASE_POOL_SIZE: '8',
    TEMPORAL_ADDRESS: temporal.address,
    TEMPORAL_TASK_QUEUE: 'chaos',
    JWT_SECRET: randomBytes(32).toString('hex'),
    PAYLOAD_ENCRYPTION_KEY: `chaos:${randomBytes(32).toString('base64')}`,
    LOGIN_RATE_LIMIT_PER_MINUTE: '10000',
    SMTP_URL: smtp.url,
    // Set here, not inherited: the audit finds each e-mail by the Message-ID built from it.
    MESSAGE_ID_DOMAIN,
    DOCUMENT_STORE_DIR: path.join(root, 'documents'),
    LOG_LEVEL: 'info',
    SCARF_ANALYTICS: 'false',
  };
  const workers = Array.from({ length: WORKERS }, (_, n) => new NodeService('worker', { entry: 'worker/main.ts', env, logFile: path.join(root, `worker-${n + 1}.log`), ready: workerReady }));
  const apiPorts = await Promise.all(Array.from({ length: APIS }, () => findFreePort()));
  const apis = apiPorts.map(
    (port, n) => new NodeService('api', { entry: 'api/main.ts', env: { ...env, PORT: String(port) }, logFile: path.join(root, `api-${n + 1}.log`), ready: apiReady(port) }),
  );
  // Ctrl-C: the worker and API processes run in process groups of their own, so stop them here.
  const interrupted = () => {
    say('interrupted: stopping the processes');
    void Promise.allSettled([...workers, ...apis].map((service) => service.stop()))
      .then(() => Promise.allSettled([temporal.stop(), postgres.stop(), smtp.close()]))
      .finally(() => process.exit(130));
  };
  process.once('SIGINT', interrupted);
  process.once('SIGTERM', interrupted);
  await Promise.all([...workers, ...apis].map((service) => service.start()));
  const services: Record<ServiceKind, Service[]> = {
    worker: workers,
    api: apis,
    temporal: [temporalService(temporal)],
    postgres: [postgresService(postgres)],
  };

  try {
    const http = new ChaosHttp(apiPorts.map((port) => `http://127.0.0.1:${port}`));
    await http.loginAll();
    const runTag = String(seed % 100_000).padStart(5, '0');
    say('a reference case of each flavour, driven before any fault: the records every case must match');
    const references = {} as Record<Flavour, DrivenCase>;
    for (const [index, flavour] of (['PAST', 'LIVE'] as const).entries()) {
      const reference = await driveCase(http, runTag, 900_000 + index, flavour);
      if (!reference.finished || !reference.caseRef) throw new Error(`the ${flavour} reference case did not finish: ${JSON.stringify(reference.actions.at(-1))}`);
      references[flavour] = reference;
    }

    say(`${CLIENTS} clients driving cases over ${APIS} API process(es) and ${WORKERS} worker(s); ${schedule.length ? `${schedule.length} kills to come` : `${CASES} cases, no kills`}`);
    // An ad hoc report asked before the first kill: its tasks open for every commune, and two chairmen submit under faults.
    const runPrefix = await askForAdHocReport(http);
    let killing = schedule.length > 0;
    let drivingDone = false;
    const started = Date.now();
    const driving = driveUntil(http, runTag, CLIENTS, (casesStarted) => killing || (schedule.length === 0 && casesStarted < CASES), 1).finally(() => {
      drivingDone = true;
    });
    const reporting = Promise.all(REPORTING_CHAIRMEN.map((user) => submitWhile(http, user, runPrefix, () => !drivingDone)));
    const done = await runSchedule(schedule, services).finally(() => {
      killing = false;
    });
    say(`kills done in ${Math.round((Date.now() - started) / 1000)} s; the clients finish the cases they are on`);
    const cases = await driving;
    const seconds = (Date.now() - started) / 1000;
    const submissions = (await reporting).flat();
    return await audit({ postgresUrl: postgres.url, temporalAddress: temporal.address, http, references, cases, submissions, runPrefix, runTag, smtp, done, services, seconds });
  } finally {
    await Promise.allSettled([...apis, ...workers].map((service) => service.stop()));
    await Promise.allSettled([temporal.stop(), postgres.stop(), smtp.close()]);
    if (args.keep) say(`kept ${root}`);
    else fs.rmSync(root, { recursive: true, force: true });
  }
}

interface KillDone extends Kill {
  restartMs: number;
}

async function runSchedule(schedule: Kill[], services: Record<ServiceKind, Service[]>): Promise<KillDone[]> {
  const done: KillDone[] = [];
  for (const [index, kill] of schedule.entries()) {
    await sleep(kill.afterMs);
    const service = services[kill.kind][kill.instance]!;
    await service.crash();
    await sleep(kill.downMs);
    const restarting = Date.now();
    await service.start();
    done.push({ ...kill, restartMs: Date.now() - restarting });
    say(`kill ${index + 1}/${schedule.length}: ${kill.kind}${services[kill.kind].length > 1 ? ` ${kill.instance + 1}` : ''} SIGKILLed, down ${kill.downMs} ms, ready again after ${Date.now() - restarting} ms more`);
  }
  return done;
}

async function audit(run: {
  postgresUrl: string;
  http: ChaosHttp;
  references: Record<Flavour, DrivenCase>;
  cases: DrivenCase[];
  submissions: ActionRecord[];
  runPrefix: string;
  runTag: string;
  smtp: Awaited<ReturnType<typeof startSmtpSink>>;
  done: KillDone[];
  services: Record<ServiceKind, Service[]>;
  temporalAddress: string;
  seconds: number;
}): Promise<number> {
  const { postgresUrl, http, references, cases, smtp, done } = run;
  const referenceRefs = Object.values(references).map((reference) => reference.caseRef!);
  const problems: string[] = [];
  const actions = [...cases.flatMap((driven) => driven.actions), ...run.submissions];
  const unfinished = cases.filter((driven) => !driven.finished);
  for (const driven of unfinished) problems.push(`case ${driven.caseRef ?? `(not opened, ${driven.citizenId})`} not driven to the end: ${JSON.stringify(driven.actions.at(-1))}`);
  const refused = actions.filter((action) => action.answer && action.answer.status >= 400);
  for (const action of refused) problems.push(`${action.caseRef} ${action.type} refused ${action.answer!.status}: ${JSON.stringify(action.answer!.body).slice(0, 300)}`);
  const unanswered = actions.filter((action) => !action.answer);
  for (const action of unanswered) problems.push(`${action.caseRef} ${action.type}: no answer after ${action.attempts.length} attempts`);

  // Each person once, each case once: a retried opening must not have opened a second case.
  const perPerson = await casesPerPerson(postgresUrl, `8${run.runTag}`);
  const openings = cases.length + referenceRefs.length;
  const doubledOpenings = [...perPerson.values()].filter((n) => n > 1).length;
  if (perPerson.size !== openings) problems.push(`${openings} cases opened by the clients, ${perPerson.size} persons with a case on record`);
  if (doubledOpenings) problems.push(`${doubledOpenings} persons with more than one case`);

  const caseRefs = cases.flatMap((driven) => (driven.caseRef ? [driven.caseRef] : []));
  const phases = await phasesOf(postgresUrl, [...referenceRefs, ...caseRefs]);
  const expectedPhase = (driven: DrivenCase) => phases.get(references[driven.flavour].caseRef!);
  const lastAnswerPhase = (driven: DrivenCase) => (driven.actions.at(-1)?.answer?.body as { phase?: string } | undefined)?.phase;
  const wrongPhase = cases.filter((driven) => driven.caseRef && (phases.get(driven.caseRef) !== expectedPhase(driven) || lastAnswerPhase(driven) !== expectedPhase(driven)));
  for (const driven of wrongPhase) problems.push(`${driven.caseRef}: phase ${phases.get(driven.caseRef!)} (last answer said ${lastAnswerPhase(driven)}), expected ${expectedPhase(driven)}`);

  // The record of every case against its flavour's reference: events, steps, ledger entries, notifications.
  await emailDeliveries(postgresUrl, [...referenceRefs, ...caseRefs], 120_000); // let the last deliveries go out first
  const profiles = await profilesOf(postgresUrl, [...referenceRefs, ...caseRefs]);
  const notifications = await notificationAudit(postgresUrl, [...referenceRefs, ...caseRefs]);
  problems.push(...notifications.problems.slice(0, 40));
  const diffs = (['PAST', 'LIVE'] as const).flatMap((flavour) => {
    const ofFlavour = new Map(cases.filter((driven) => driven.flavour === flavour && driven.caseRef).map((driven) => [driven.caseRef!, profiles.get(driven.caseRef!)!]));
    return differences(profiles.get(references[flavour].caseRef!)!, ofFlavour);
  });
  const entriesChecked = referenceRefs.reduce((sum, ref) => sum + profiles.get(ref)!.size, 0);
  const missing = diffs.filter((diff) => diff.found < diff.expected);
  const doubled = diffs.filter((diff) => diff.found > diff.expected);
  for (const diff of diffs.slice(0, 40)) problems.push(`${diff.caseRef} ${diff.entry}: ${diff.found}, the reference has ${diff.expected}`);

  // Every e-mail delivery SENT, and received; a copy received twice is reported (the Message-ID lets mail clients fold it).
  const deliveries = await emailDeliveries(postgresUrl, caseRefs, 0);
  const notSent = deliveries.filter((row) => row.status !== 'SENT');
  if (notSent.length) problems.push(`${notSent.length} e-mail deliveries not sent: ${JSON.stringify(notSent.slice(0, 5))}`);
  const received = new Map<string, number>();
  for (const mail of smtp.messages) for (const to of mail.to) received.set(`${mail.messageId} ${to}`, (received.get(`${mail.messageId} ${to}`) ?? 0) + 1);
  const notReceived = deliveries.filter((row) => row.status === 'SENT' && !received.has(`<${row.notification_id}@${MESSAGE_ID_DOMAIN}> ${row.target}`));
  if (notReceived.length) problems.push(`${notReceived.length} e-mails marked sent that the mail server never received`);
  const wireCopies = [...received.values()].filter((n) => n > 1).length;

  const replay = await replayRetried(http, actions, 20);

  // The ad hoc report: one task per commune, each submission's version on record once.
  const reporting = await reportRecord(postgresUrl, run.runPrefix, run.submissions);
  problems.push(...reporting.problems);
  problems.push(...replay.mismatches.map((mismatch) => `retry with the same key answered differently: ${mismatch}`));

  const byKind = (kind: ServiceKind) => done.filter((kill) => kill.kind === kind).length;
  const exits = (kind: ServiceKind) => run.services[kind].reduce((sum, service) => sum + service.unexpectedExits, 0);
  // Who did the work: the worker processes (by identity) that ran the cases' tasks, the requests each API process answered.
  const identities = await taskIdentities(run.temporalAddress, [...caseRefs.map((ref) => `case:${ref}`), ...reporting.taskWorkflowIds]);
  const perApi = [...http.sent.values()];
  const failedAttempts = actions.reduce((sum, action) => sum + action.attempts.filter((a) => a === 'lost' || a >= 500).length, 0);
  const accepted = actions.filter((action) => action.answer && action.answer.status < 300).length;
  say('');
  say(`seed ${seed}`);
  say(`kills: ${done.length} (worker ${byKind('worker')}, API ${byKind('api')}, Temporal ${byKind('temporal')}, PostgreSQL ${byKind('postgres')}); ` +
    `processes that also exited on their own and were restarted: worker ${exits('worker')}, API ${exits('api')}`);
  const flavours = (flavour: Flavour) => cases.filter((driven) => driven.flavour === flavour).length;
  say(`cases driven: ${cases.length} (${flavours('PAST')} to the end of treatment, ${flavours('LIVE')} live to the court's decision; +2 references), finished ${cases.length - unfinished.length}; requests: ${actions.length} actions, ${accepted} accepted (2xx), ` +
    `${refused.length} refused (4xx), ${unanswered.length} never answered; failed attempts retried with the same key: ${failedAttempts} (5xx or connection lost)`);
  say(`record checked per case against its reference: ${entriesChecked} kinds of entry over both flavours (events and their sequence, steps, ledger entries, follow-up case)`);
  say(`reminders and escalations by rule: ${notifications.due} due after their step opened and before it closed, ${notifications.fired} fired; problems (missing, unexpected, inbox or delivery not one): ${notifications.problems.length}`);
  say(`${(cases.length / run.seconds).toFixed(2)} cases/s over ${run.seconds.toFixed(0)} s; requests per API process: ${perApi.join(', ')}; ` +
    `worker processes that ran the cases' tasks: ${identities.size} (tasks each: ${[...identities.values()].join(', ')}${done.some((kill) => kill.kind === 'worker') ? '; a restarted worker is a new process' : ''})`);
  if (run.services.worker.length > 1 && identities.size < 2) problems.push(`${run.services.worker.length} workers, but only ${identities.size} ran the cases' tasks`);
  say(`lost: ${missing.length + notifications.problems.filter((problem) => problem.includes('never fired')).length}   doubled: ${doubled.length + notifications.problems.filter((problem) => !problem.includes('never fired')).length}   cases opened twice: ${doubledOpenings}   wrong phase: ${wrongPhase.length}`);
  say(`ad hoc report: ${reporting.reports} communes' tasks, each opened once; ${run.submissions.length} submissions by ${REPORTING_CHAIRMEN.length} chairmen, ${reporting.accepted} accepted, ${reporting.versions} versions on record`);
  say(`e-mail deliveries: ${deliveries.length}, not sent ${notSent.length}, never received ${notReceived.length}; copies received twice on the wire: ${wireCopies}`);
  say(`retried requests sent again with their key: ${replay.replayed} (${replay.retried} that had failed), answered differently: ${replay.mismatches.length}`);
  if (problems.length) {
    say(`FAILED: ${problems.length} problem(s)`);
    for (const problem of problems.slice(0, 60)) say(`  ${problem}`);
    return 1;
  }
  say('PASSED: nothing lost, nothing doubled');
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
