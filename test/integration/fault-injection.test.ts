import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { temporal as proto } from '@temporalio/proto';
import { Client as PgClient } from 'pg';
import pino from 'pino';
import request from 'supertest';
import { createApp } from '../../api/app';
import { createDb, type Db } from '../../db/client';
import { DEMO_PASSWORD } from '../../db/seed/demo-province';
import { LocalPostgres } from '../../infra/postgres-cluster';
import { findFreePort } from '../../infra/ports';
import { startScratchStack, type ScratchStack } from '../../infra/scratch-stack';
import { TemporalDevServer } from '../../infra/temporal-dev-server';
import { encryptedDataConverter, parsePayloadKey } from '../../temporal/payload-encryption';
import type { ApiHarness } from '../support/api-harness';
import { caseDriver } from '../support/case-driver';

/**
 * Issue #17, item 1 (the short version): the worker is a real child process killed with SIGKILL in
 * the middle of an action, and PostgreSQL is shut down and restarted in the middle of a step's
 * opening. Either way the caller retries with the same Idempotency-Key until it gets a 2xx, and
 * the database shows nothing lost and nothing doubled. Runs on a stack of its own, so the restart
 * never disturbs the files sharing the run's PostgreSQL.
 */
jest.setTimeout(240_000);

const ROOT = path.resolve(__dirname, '../..');
const TASK_QUEUE = `faults-${randomUUID()}`;
const PAYLOAD_KEY = `faults:${randomBytes(32).toString('base64')}`;

let stack: ScratchStack;
let restartedPostgres: LocalPostgres | undefined;
/** A Temporal dev server of this file's own, kept in a SQLite file, so that a SIGKILL loses nothing it had recorded. */
let temporalServer: TemporalDevServer;
let db: Db;
let connection: Connection;
let api: ApiHarness;
let driver: ReturnType<typeof caseDriver>;
let worker: WorkerProcess | undefined;

// ---------------------------------------------------------------------------------------------
// The worker as a real process
// ---------------------------------------------------------------------------------------------

interface WorkerProcess {
  child: ChildProcess;
  log: string[];
}

/** Poller identities on the task queue (the SDK's default identity is "<pid>@<host>"). */
async function pollerIdentities(): Promise<string[]> {
  const answer = await connection.workflowService.describeTaskQueue({
    namespace: 'default',
    taskQueue: { name: TASK_QUEUE, kind: proto.api.enums.v1.TaskQueueKind.TASK_QUEUE_KIND_NORMAL },
    taskQueueType: proto.api.enums.v1.TaskQueueType.TASK_QUEUE_TYPE_WORKFLOW,
  });
  return (answer.pollers ?? []).map((poller) => poller.identity ?? '');
}

async function startWorker(): Promise<WorkerProcess> {
  const before = new Set(await pollerIdentities());
  // tsx runs the worker in a child node process: its own process group lets one signal reach both.
  const child = spawn(path.join(ROOT, 'node_modules/.bin/tsx'), ['worker/main.ts'], {
    cwd: ROOT,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      NODE_ENV: 'test',
      DATABASE_URL: stack.databaseUrl,
      DATABASE_POOL_SIZE: '4',
      TEMPORAL_ADDRESS: temporalServer.address,
      TEMPORAL_TASK_QUEUE: TASK_QUEUE,
      PAYLOAD_ENCRYPTION_KEY: PAYLOAD_KEY,
      LOG_LEVEL: 'info',
      REPORT_TASK_SWEEP_SECONDS: '0',
      DOCUMENT_STORE_DIR: path.join(stack.root, 'documents'),
    },
  });
  const log: string[] = [];
  const keep = (chunk: Buffer) => {
    log.push(chunk.toString());
    if (log.length > 400) log.splice(0, log.length - 400);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const started: WorkerProcess = { child, log };
  const deadline = Date.now() + 90_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the worker exited (${child.exitCode}):\n${log.join('').slice(-4000)}`);
    const now = await pollerIdentities().catch(() => []);
    if (log.join('').includes('worker started') && now.some((identity) => !before.has(identity))) return started;
    if (Date.now() > deadline) throw new Error(`the worker never polled:\n${log.join('').slice(-4000)}`);
    await sleep(200);
  }
}

/** Signals the worker's process group (the tsx launcher and the node process it runs). */
async function signalWorker(target: WorkerProcess, signal: NodeJS.Signals): Promise<void> {
  const { child } = target;
  if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  try {
    process.kill(-child.pid, signal);
  } catch {
    return; // already gone
  }
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([exited, new Promise((resolve) => (timer = setTimeout(resolve, 15_000)))]);
  clearTimeout(timer);
  if (child.exitCode === null && child.signalCode === null) {
    try {
      process.kill(-child.pid, 'SIGKILL');
    } catch {
      // gone meanwhile
    }
    await exited;
  }
}

// ---------------------------------------------------------------------------------------------
// PostgreSQL outside the stack's own handle: stopped through its postmaster, started again
// ---------------------------------------------------------------------------------------------

const dataDir = () => path.join(stack.root, 'pg');
const postgresPort = () => Number(new URL(stack.databaseUrl).port);

function postmasterPid(): number | undefined {
  const file = path.join(dataDir(), 'postmaster.pid');
  if (!fs.existsSync(file)) return undefined;
  const pid = Number(fs.readFileSync(file, 'utf8').split('\n')[0]);
  return Number.isInteger(pid) && pid > 0 ? pid : undefined;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** "Fast" shutdown (SIGINT to the postmaster): every connection is cut, open transactions abort. */
async function stopPostgres(): Promise<void> {
  const pid = postmasterPid();
  if (pid === undefined) throw new Error('no postmaster.pid: PostgreSQL is not running');
  process.kill(pid, 'SIGINT');
  const deadline = Date.now() + 30_000;
  while (alive(pid) || fs.existsSync(path.join(dataDir(), 'postmaster.pid'))) {
    if (Date.now() > deadline) throw new Error('PostgreSQL did not stop within 30 s');
    await sleep(50);
  }
}

/** The same data folder on the same port, as the scratch stack started it. */
async function startPostgresAgain(): Promise<void> {
  const previous = restartedPostgres;
  restartedPostgres = new LocalPostgres({ dataDir: dataDir(), port: postgresPort(), ephemeral: true });
  await restartedPostgres.start();
  if (previous) throw new Error('PostgreSQL was restarted twice: the first handle is lost');
}

// ---------------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------------

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function withPg<T>(run: (client: PgClient) => Promise<T>): Promise<T> {
  const client = new PgClient({ connectionString: stack.databaseUrl });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end().catch(() => undefined);
  }
}

/**
 * Sends the request and, as soon as the action has left a first trace in the database (its case
 * event or its step completed) — or after `latestMs` — runs the fault. Returns how the first
 * request ended, when the fault struck, and whether a trace had been seen.
 */
async function actAndStrike(
  send: () => Promise<request.Response>,
  trace: { caseRef: string; kind: string; ruleKey: string },
  fault: () => Promise<void>,
  latestMs = 10_000,
) {
  const sentAt = Date.now();
  let settled = false;
  const first = send().then(
    (response) => ({ status: response.status, body: response.body as unknown }),
    (error: unknown) => ({ status: 0, body: String(error) }),
  );
  void first.then(() => {
    settled = true;
  });
  const probe = new PgClient({ connectionString: stack.databaseUrl });
  await probe.connect();
  let traced = false;
  try {
    while (!settled && Date.now() - sentAt < latestMs) {
      const found = await probe.query<{ n: string }>(
        `SELECT (SELECT count(*) FROM case_events WHERE case_id = $1 AND kind = $2)
              + (SELECT count(*) FROM steps WHERE case_ref = $1 AND rule_key = $3 AND status = 'COMPLETED') AS n`,
        [trace.caseRef, trace.kind, trace.ruleKey],
      );
      if (Number(found.rows[0]?.n ?? 0) > 0) {
        traced = true;
        break;
      }
    }
  } finally {
    await probe.end().catch(() => undefined);
  }
  const settledBeforeFault = settled;
  const faultAt = Date.now();
  const faultAfterMs = faultAt - sentAt;
  await fault();
  return { first, faultAt, faultAfterMs, traced, settledBeforeFault };
}

/** Retries the same request (same Idempotency-Key) until a 2xx; returns the answer and the retries it took. */
async function retryUntilOk(send: () => Promise<request.Response>, timeoutMs = 120_000) {
  const deadline = Date.now() + timeoutMs;
  const statuses: (number | string)[] = [];
  for (;;) {
    try {
      const response = await send();
      if (response.status >= 200 && response.status < 300) return { response, statuses };
      statuses.push(response.status);
      if (response.status < 500) throw new Error(`retry answered ${response.status}: ${JSON.stringify(response.body)}`);
    } catch (error) {
      if (error instanceof Error && error.message.startsWith('retry answered')) throw error;
      statuses.push('error');
    }
    if (Date.now() > deadline) throw new Error(`no 2xx within ${timeoutMs} ms: ${statuses.join(', ')}`);
    await sleep(500);
  }
}

async function ledgerOf(caseRef: string) {
  return withPg(async (client) => {
    const steps = await client.query<{ id: string; rule_key: string; status: string; updated_at: Date }>(
      'SELECT id, rule_key, status, updated_at FROM steps WHERE case_ref = $1 ORDER BY opened_at, id',
      [caseRef],
    );
    const stepEvents = await client.query<{ rule_key: string; kind: string; n: string }>(
      `SELECT s.rule_key, e.kind, count(*) AS n FROM step_events e JOIN steps s ON s.id = e.step_id
        WHERE s.case_ref = $1 GROUP BY s.rule_key, e.kind`,
      [caseRef],
    );
    const caseEvents = await client.query<{ kind: string; n: string }>(
      'SELECT kind, count(*) AS n FROM case_events WHERE case_id = $1 GROUP BY kind',
      [caseRef],
    );
    const seqs = await client.query<{ rows: string; seqs: string }>(
      'SELECT count(*) AS rows, count(DISTINCT seq) AS seqs FROM case_events WHERE case_id = $1',
      [caseRef],
    );
    const notifications = await client.query<{ rows: string; keys: string }>(
      `SELECT count(*) AS rows, count(DISTINCT n.key) AS keys FROM notifications n JOIN steps s ON s.id = n.step_id
        WHERE s.case_ref = $1`,
      [caseRef],
    );
    const stepCount = (ruleKey: string) => steps.rows.filter((row) => row.rule_key === ruleKey).length;
    const eventCount = (ruleKey: string, kind: string) =>
      Number(stepEvents.rows.find((row) => row.rule_key === ruleKey && row.kind === kind)?.n ?? 0);
    const caseEventCount = (kind: string) => Number(caseEvents.rows.find((row) => row.kind === kind)?.n ?? 0);
    return {
      steps: steps.rows,
      stepCount,
      eventCount,
      caseEventCount,
      duplicatedCaseEventKinds: caseEvents.rows.filter((row) => Number(row.n) > 1).map((row) => row.kind),
      caseEventRows: Number(seqs.rows[0]?.rows ?? 0),
      caseEventSeqs: Number(seqs.rows[0]?.seqs ?? 0),
      notificationRows: Number(notifications.rows[0]?.rows ?? 0),
      notificationKeys: Number(notifications.rows[0]?.keys ?? 0),
    };
  });
}

// ---------------------------------------------------------------------------------------------

beforeAll(async () => {
  stack = await startScratchStack('faults');
  temporalServer = new TemporalDevServer({ port: await findFreePort(), dbFile: path.join(stack.root, 'temporal-durable.db'), logFile: path.join(stack.root, 'temporal-durable.log') });
  await temporalServer.start();
  db = createDb(stack.databaseUrl, { maxConnections: 4 });
  connection = await Connection.connect({ address: temporalServer.address });
  const temporal = new Client({
    connection,
    dataConverter: encryptedDataConverter({ current: parsePayloadKey(PAYLOAD_KEY) }),
  });
  const app = createApp(
    {
      jwtSecret: randomBytes(32).toString('hex'),
      jwtTtlSeconds: 3600,
      taskQueue: TASK_QUEUE,
      loginRateLimitPerMinute: 10_000,
      trustProxy: false,
      documentStoreDir: path.join(stack.root, 'documents'),
      documentMaxBytes: 1024 * 1024,
    },
    { db, temporal, logger: pino({ level: 'silent' }) },
  );
  api = {
    app,
    db,
    temporal,
    async tokenFor(username: string) {
      const response = await request(app).post('/auth/login').send({ username, password: DEMO_PASSWORD });
      if (response.status !== 200) throw new Error(`login as ${username} failed: ${response.status}`);
      return (response.body as { token: string }).token;
    },
    async close() {
      await connection.close();
      await db.$disconnect();
    },
  };
  driver = caseDriver(api);
  worker = await startWorker();
});

afterAll(async () => {
  if (worker) await signalWorker(worker, 'SIGKILL');
  await api?.close().catch(() => undefined);
  await restartedPostgres?.stop().catch(() => undefined);
  await temporalServer?.stop().catch(() => undefined);
  await stack?.stop();
});

/** A case of procedure D (compulsory rehabilitation, adult) in the demo province, dossier still to file. */
async function openCase() {
  return driver.openCase('police.apl', {
    jurisdictionId: 'SX-APL',
    residenceJurisdictionId: 'SX-APL',
    groundsFoundOn: '2025-09-03',
  });
}

/** The action as police.apl, the same Idempotency-Key each time; a request left waiting gives up after 90 s. */
async function actWithTimeout(caseRef: string, action: Record<string, unknown>, key: string) {
  return request(api.app)
    .post(`/cases/${caseRef}/actions`)
    .set('Authorization', `Bearer ${await driver.token('police.apl')}`)
    .set('Idempotency-Key', key)
    .timeout(90_000)
    .send(action);
}

const FILE_DOSSIER = {
  type: 'FILE_DOSSIER',
  on: '2025-09-05',
  addictionResultRef: 'KQ-17/2025',
  interimArrangement: { kind: 'FACILITY', heldFrom: '2025-09-05' },
};

describe('faults in the middle of an action', () => {
  it('loses and doubles nothing when the worker is SIGKILLed mid-action', async () => {
    const { caseRef } = await openCase();
    const key = `faults-kill-${randomUUID()}`;
    const send = () => actWithTimeout(caseRef, FILE_DOSSIER, key);

    const victim = worker!;
    const strike = await actAndStrike(
      send,
      { caseRef, kind: 'DOSSIER_FILED', ruleKey: 'CRA.D2' },
      () => signalWorker(victim, 'SIGKILL'),
    );
    worker = await startWorker();
    const first = await strike.first;
    const { response, statuses } = await retryUntilOk(send);
    expect(response.status).toBe(200);

    const ledger = await ledgerOf(caseRef);
    expect(ledger.caseEventCount('DOSSIER_FILED')).toBe(1);
    expect(ledger.duplicatedCaseEventKinds).toEqual([]);
    expect(ledger.caseEventSeqs).toBe(ledger.caseEventRows);
    expect(ledger.stepCount('CRA.D2')).toBe(1);
    expect(ledger.steps.find((step) => step.rule_key === 'CRA.D2')?.status).toBe('COMPLETED');
    expect(ledger.eventCount('CRA.D2', 'OPENED')).toBe(1);
    expect(ledger.eventCount('CRA.D2', 'COMPLETED')).toBe(1);
    expect(ledger.stepCount('CRA.D3')).toBe(1);
    expect(ledger.eventCount('CRA.D3', 'OPENED')).toBe(1);
    expect(ledger.notificationKeys).toBe(ledger.notificationRows);
    // The answer says so too: the next step is open, once.
    const openSteps = (response.body as { openSteps: { ruleKey: string }[] }).openSteps.map((step) => step.ruleKey);
    expect(openSteps.filter((ruleKey) => ruleKey === 'CRA.D3')).toHaveLength(1);

    const d3OpenedAfterKill = ledger.steps.find((step) => step.rule_key === 'CRA.D3')!.updated_at.getTime() > strike.faultAt;
    // eslint-disable-next-line no-console
    console.log(
      `[faults] worker SIGKILL ${strike.faultAfterMs} ms after sending (trace seen: ${strike.traced}, ` +
        `answered before the kill: ${strike.settledBeforeFault}); in-flight request → ${first.status}; ` +
        `retries before 2xx: ${statuses.length} [${statuses.join(', ')}]; DOSSIER_FILED=1, CRA.D2 COMPLETED=1, ` +
        `CRA.D3 OPENED=1 (row last written after the kill: ${d3OpenedAfterKill}), case events ${ledger.caseEventRows}, notifications ${ledger.notificationRows}`,
    );
  });

  it('loses and doubles nothing when PostgreSQL restarts mid step-opening', async () => {
    const { caseRef } = await openCase();
    await driver.expectOk(caseRef, 'police.apl', FILE_DOSSIER);
    const before = await ledgerOf(caseRef);
    const stepsBefore = new Set(before.steps.map((step) => step.rule_key));

    const key = `faults-pg-${randomUUID()}`;
    const action = { type: 'NOTIFY_PERSON', on: '2025-09-06' };
    const send = () => actWithTimeout(caseRef, action, key);
    let downMs = 0;
    let restartedAt = 0;
    const strike = await actAndStrike(
      send,
      { caseRef, kind: 'PERSON_NOTIFIED', ruleKey: 'CRA.D3' },
      async () => {
        const stoppedAt = Date.now();
        await stopPostgres();
        await sleep(3_000); // long enough for the writes in flight to fail and retry
        await startPostgresAgain();
        restartedAt = Date.now();
        downMs = restartedAt - stoppedAt;
      },
    );
    const first = await strike.first;
    const { response, statuses } = await retryUntilOk(send);
    expect(response.status).toBe(200);
    expect(worker!.child.exitCode).toBeNull(); // the worker rode out the restart

    const ledger = await ledgerOf(caseRef);
    const opened = ledger.steps.filter((step) => !stepsBefore.has(step.rule_key)).map((step) => step.rule_key);
    expect(opened.length).toBeGreaterThan(0);
    for (const ruleKey of opened) {
      expect(ledger.stepCount(ruleKey)).toBe(1);
      expect(ledger.eventCount(ruleKey, 'OPENED')).toBe(1);
    }
    expect(ledger.caseEventCount('PERSON_NOTIFIED')).toBe(1);
    expect(ledger.eventCount('CRA.D3', 'COMPLETED')).toBe(1);
    expect(ledger.duplicatedCaseEventKinds).toEqual([]);
    expect(ledger.caseEventSeqs).toBe(ledger.caseEventRows);
    expect(ledger.notificationKeys).toBe(ledger.notificationRows);

    const openedAfterRestart = ledger.steps
      .filter((step) => opened.includes(step.rule_key))
      .every((step) => step.updated_at.getTime() >= restartedAt - downMs);
    // eslint-disable-next-line no-console
    console.log(
      `[faults] PostgreSQL fast shutdown ${strike.faultAfterMs} ms after sending (trace seen: ${strike.traced}, ` +
        `answered before the stop: ${strike.settledBeforeFault}), down ${downMs} ms; in-flight request → ${first.status}; ` +
        `retries before 2xx: ${statuses.length} [${statuses.join(', ')}]; opened ${opened.join(', ')} once each ` +
        `(1 OPENED event; row written after the stop: ${openedAfterRestart}), PERSON_NOTIFIED=1, case events ${ledger.caseEventRows}, notifications ${ledger.notificationRows}`,
    );
  });

  it('loses and doubles nothing, and leaves no case stuck, when the Temporal server is SIGKILLed mid-action', async () => {
    const { caseRef } = await openCase();
    await driver.expectOk(caseRef, 'police.apl', FILE_DOSSIER);
    const key = `faults-temporal-${randomUUID()}`;
    const action = { type: 'NOTIFY_PERSON', on: '2025-09-06' };
    const send = () => actWithTimeout(caseRef, action, key);
    let downMs = 0;
    const strike = await actAndStrike(
      send,
      { caseRef, kind: 'PERSON_NOTIFIED', ruleKey: 'CRA.D3' },
      async () => {
        const killedAt = Date.now();
        await temporalServer.crash();
        await sleep(2_000);
        await temporalServer.start(); // from its SQLite file, on the same port
        downMs = Date.now() - killedAt;
      },
    );
    const first = await strike.first;
    const { response, statuses } = await retryUntilOk(send);
    expect(response.status).toBe(200);
    expect(worker!.child.exitCode).toBeNull(); // the worker rode out the restart

    const ledger = await ledgerOf(caseRef);
    expect(ledger.caseEventCount('PERSON_NOTIFIED')).toBe(1);
    expect(ledger.stepCount('CRA.D3')).toBe(1);
    expect(ledger.eventCount('CRA.D3', 'COMPLETED')).toBe(1);
    expect(ledger.stepCount('CRA.D5')).toBe(1);
    expect(ledger.eventCount('CRA.D5', 'OPENED')).toBe(1);
    expect(ledger.duplicatedCaseEventKinds).toEqual([]);
    expect(ledger.caseEventSeqs).toBe(ledger.caseEventRows);
    expect(ledger.notificationKeys).toBe(ledger.notificationRows);
    // The case moves on: the record and the workflow agree on what is open (the chaos run once found them apart).
    const transferred = await driver.expectOk(caseRef, 'coordinator.pc04', { type: 'TRANSFER_TO_COURT', on: '2025-09-08' });
    expect(transferred.phase).toBe('AT_COURT');
    // eslint-disable-next-line no-console
    console.log(
      `[faults] Temporal SIGKILL ${strike.faultAfterMs} ms after sending (trace seen: ${strike.traced}, ` +
        `answered before the kill: ${strike.settledBeforeFault}), down ${downMs} ms; in-flight request → ${first.status}; ` +
        `retries before 2xx: ${statuses.length} [${statuses.join(', ')}]; PERSON_NOTIFIED=1, CRA.D3 COMPLETED=1, CRA.D5 OPENED=1, ` +
        `then TRANSFER_TO_COURT → ${transferred.phase}; case events ${ledger.caseEventRows}, notifications ${ledger.notificationRows}`,
    );
  });
});

describe('a caseload import killed half-way (issue #18)', () => {
  it('finishes after the worker is SIGKILLed and restarted, each row’s case opened once', async () => {
    const ROWS = 60;
    const headings = [
      'Mã dòng',
      'Xã/phường thụ lý',
      'Họ và tên',
      'Ngày sinh',
      'Số định danh cá nhân',
      'Nơi cư trú ổn định',
      'Xã/phường cư trú',
      'Ngày xét nghiệm dương tính',
      'Số kết quả xét nghiệm',
      'Số biên bản vi phạm',
      'Ngày quyết định quản lý',
      'Số quyết định quản lý',
    ];
    const stamp = String(Date.now()).slice(-6);
    const lines = Array.from({ length: ROWS }, (_, n) =>
      [`KILL-${stamp}-${n}`, 'SX-APL', `Người Nhập Lại ${n}`, '04/03/1991', `7${stamp}${String(n).padStart(5, '0')}`, 'Có', 'Xã An Phú Lạc', '05/10/2026', `XN-${n}`, `BB-${n}`, n % 2 ? '09/10/2026' : '', n % 2 ? `QĐ-${n}` : ''].join(','),
    );
    const csv = [headings.join(','), ...lines].join('\n');
    const started = await request(api.app)
      .post('/caseload-imports?dryRun=false&procedure=DRUG_USER_MANAGEMENT&fileName=kill.csv')
      .set('Authorization', `Bearer ${await driver.token('admin')}`)
      .set('Content-Type', 'text/csv')
      .send(csv);
    expect(started.status).toBe(202);
    expect(started.body).toMatchObject({ toOpen: ROWS, rejected: 0 });
    const importId = started.body.importId as string;
    const opened = async () => (await db.caseloadImportRow.count({ where: { importId, status: 'OPENED' } }));

    // Killed once a few rows are open and many are not.
    const deadline = Date.now() + 120_000;
    while ((await opened()) < 8) {
      if (Date.now() > deadline) throw new Error('the import never started opening rows');
      await sleep(100);
    }
    await signalWorker(worker!, 'SIGKILL');
    const openedAtKill = await opened();
    expect(openedAtKill).toBeLessThan(ROWS);
    worker = await startWorker();

    for (;;) {
      const progress = await db.caseloadImport.findUniqueOrThrow({ where: { id: importId } });
      if (progress.status === 'DONE') break;
      if (Date.now() > deadline + 120_000) throw new Error(`the import never finished: ${await opened()} of ${ROWS} opened`);
      await sleep(500);
    }
    const rows = await db.caseloadImportRow.findMany({ where: { importId } });
    expect(rows.filter((row) => row.status !== 'OPENED').map((row) => [row.rowKey, row.status, row.problems])).toEqual([]);
    const refs = rows.map((row) => row.caseRef as string);
    expect(new Set(refs).size).toBe(ROWS);
    const keys = await db.caseloadRowKey.findMany({ where: { importId } });
    expect(keys.map((key) => key.caseRef).sort()).toEqual([...refs].sort());
    // One case per row, and no other case for these people: nothing opened twice; each decided row's decision recorded once.
    const cases = await db.case.findMany({ where: { person: { citizenId: { startsWith: `7${stamp}` } } }, select: { id: true } });
    expect(cases.map((row) => row.id).sort()).toEqual([...refs].sort());
    const opening = await withPg((client) =>
      client.query<{ n: string; cases: string }>("SELECT count(*) AS n, count(DISTINCT case_id) AS cases FROM case_events WHERE kind = 'USER_REGISTERED' AND case_id = ANY($1)", [refs]),
    );
    expect(Number(opening.rows[0]?.n)).toBe(ROWS);
    expect(Number(opening.rows[0]?.cases)).toBe(ROWS);
    const decided = await withPg((client) =>
      client.query<{ n: string; cases: string }>("SELECT count(*) AS n, count(DISTINCT case_id) AS cases FROM case_events WHERE kind = 'MANAGEMENT_DECIDED' AND case_id = ANY($1)", [refs]),
    );
    expect(Number(decided.rows[0]?.n)).toBe(ROWS / 2);
    expect(Number(decided.rows[0]?.cases)).toBe(ROWS / 2);
    // eslint-disable-next-line no-console
    console.log(`[faults] caseload import: worker SIGKILL with ${openedAtKill} of ${ROWS} rows opened; after the restart ${ROWS} opened, ${ROWS} cases, each registered once (USER_REGISTERED)`);
  });
});
