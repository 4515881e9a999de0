import { randomBytes, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createDb } from '../../db/client';
import { applyMigrations } from '../../db/migrate';
import { DEMO_PASSWORD } from '../../db/seed/demo-province';
import { seedDemoData } from '../../db/seed/seed-demo';
import { backup, BackupRefused, restore, type EmbeddedState } from '../../infra/backup';
import { apiReady, NodeService, workerReady } from '../../infra/node-service';
import { findFreePort } from '../../infra/ports';
import { LocalPostgres } from '../../infra/postgres-cluster';
import { TemporalDevServer } from '../../infra/temporal-dev-server';

/**
 * Issue #17, item 8: the embedded system's state (PostgreSQL, Temporal's history, the documents)
 * backed up while stopped and restored into fresh servers on other ports, where the case, its
 * steps and its document are found and its workflow takes the next action.
 */
jest.setTimeout(300_000);

const KEY_ID = `backup${randomBytes(3).toString('hex')}`;
const PAYLOAD_KEY = `${KEY_ID}:${randomBytes(32).toString('base64')}`;
const root = fs.mkdtempSync(path.join(os.tmpdir(), 'coordination-backup-'));
fs.chmodSync(root, 0o755); // the postgres system user must reach its data folders inside
const stateIn = (name: string): EmbeddedState => ({
  clusterDir: path.join(root, name, 'postgres'),
  temporalDb: path.join(root, name, 'temporal.db'),
  documentsDir: path.join(root, name, 'documents'),
});
const original = stateIn('original');
const restored = stateIn('restored');
const backupDir = path.join(root, 'backup');

interface RunningSystem {
  call(method: string, route: string, user: string, body?: unknown, headers?: Record<string, string>): Promise<Response>;
  stop(): Promise<void>;
}

/** PostgreSQL, a durable Temporal dev server, the worker and the API as processes, on `state`. */
async function startSystem(state: EmbeddedState, name: string, seed: boolean): Promise<RunningSystem> {
  fs.mkdirSync(path.dirname(state.clusterDir), { recursive: true, mode: 0o755 });
  const postgres = new LocalPostgres({ dataDir: state.clusterDir, port: await findFreePort(), ephemeral: true });
  const temporal = new TemporalDevServer({ port: await findFreePort(), dbFile: state.temporalDb, logFile: path.join(root, `${name}-temporal.log`) });
  await Promise.all([postgres.start(), temporal.start()]);
  await applyMigrations(postgres.url);
  if (seed) {
    const db = createDb(postgres.url, { maxConnections: 2 });
    await seedDemoData(db);
    await db.$disconnect();
  }
  const apiPort = await findFreePort();
  const env = {
    ...process.env,
    NODE_ENV: 'test',
    DATABASE_URL: postgres.url,
    DATABASE_POOL_SIZE: '4',
    TEMPORAL_ADDRESS: temporal.address,
    TEMPORAL_TASK_QUEUE: 'backup-restore',
    PORT: String(apiPort),
    JWT_SECRET: randomBytes(32).toString('hex'),
    PAYLOAD_ENCRYPTION_KEY: PAYLOAD_KEY,
    DOCUMENT_STORE_DIR: state.documentsDir,
    REPORT_TASK_SWEEP_SECONDS: '0',
    LOG_LEVEL: 'info',
  };
  const worker = new NodeService('worker', { entry: 'worker/main.ts', env, logFile: path.join(root, `${name}-worker.log`), ready: workerReady });
  const api = new NodeService('api', { entry: 'api/main.ts', env, logFile: path.join(root, `${name}-api.log`), ready: apiReady(apiPort) });
  await Promise.all([worker.start(), api.start()]);
  const tokens = new Map<string, string>();
  const base = `http://127.0.0.1:${apiPort}`;
  const tokenOf = async (user: string) => {
    if (!tokens.has(user)) {
      const login = await fetch(`${base}/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: user, password: DEMO_PASSWORD }),
      });
      if (login.status !== 200) throw new Error(`login ${user}: ${login.status} ${await login.text()}`);
      tokens.set(user, ((await login.json()) as { token: string }).token);
    }
    return tokens.get(user)!;
  };
  return {
    async call(method, route, user, body, headers = {}) {
      const binary = Buffer.isBuffer(body);
      return fetch(`${base}${route}`, {
        method,
        headers: {
          authorization: `Bearer ${await tokenOf(user)}`,
          ...(body === undefined || binary ? {} : { 'content-type': 'application/json' }),
          ...headers,
        },
        ...(body === undefined ? {} : { body: binary ? new Uint8Array(body) : JSON.stringify(body) }),
      });
    },
    async stop() {
      await Promise.allSettled([api.stop(), worker.stop()]);
      await Promise.allSettled([temporal.stop(), postgres.stop()]);
    },
  };
}

const act = (system: RunningSystem, caseRef: string, user: string, action: Record<string, unknown>) =>
  system.call('POST', `/cases/${caseRef}/actions`, user, action, { 'idempotency-key': `backup-${randomUUID()}` });

const PDF = Buffer.from('%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n', 'latin1');

let running: RunningSystem | undefined;

afterAll(async () => {
  await running?.stop();
  fs.rmSync(root, { recursive: true, force: true });
});

describe('backup and restore of the embedded system', () => {
  it('restores cases, steps, documents and running workflows into fresh servers', async () => {
    // The original system: a case with its dossier filed and a document.
    running = await startSystem(original, 'original', true);
    const opened = await running.call('POST', '/cases', 'police.apl', {
      procedure: 'COMPULSORY_REHAB_ADULT',
      jurisdictionId: 'SX-APL',
      person: { fullName: 'Người Sao Lưu', birthDate: '1990-01-01', citizenId: '079090123456', residenceStatus: 'STABLE', residenceAddress: 'Ấp 1', residenceJurisdictionId: 'SX-APL' },
      legalGround: 1,
      groundsFoundOn: '2025-07-07',
    }, { 'idempotency-key': `backup-${randomUUID()}` });
    expect(opened.status).toBe(201);
    const caseRef = ((await opened.json()) as { caseRef: string }).caseRef;
    const filed = await act(running, caseRef, 'police.apl', { type: 'FILE_DOSSIER', on: '2025-07-08', addictionResultRef: 'KQ-9/2025', interimArrangement: { kind: 'FAMILY' } });
    expect(filed.status).toBe(200);
    const upload = await running.call('POST', `/cases/${caseRef}/documents?kind=VIOLATION_RECORD&title=Bi%C3%AAn%20b%E1%BA%A3n&fileName=bb.pdf`, 'police.apl', PDF, { 'content-type': 'application/pdf' });
    expect(upload.status).toBe(201);
    const documentId = ((await upload.json()) as { id: string }).id;
    const before = (await (await running.call('GET', `/cases/${caseRef}`, 'coordinator.pc04')).json()) as { phase: string; openSteps: { ruleKey: string }[] };
    expect(before.openSteps.map((step) => step.ruleKey)).toEqual(['CRA.D3']);

    // While it runs, no backup: its parts would not be of one moment.
    await expect(backup(original, backupDir, [KEY_ID])).rejects.toThrow(BackupRefused);
    await running.stop();
    running = undefined;

    const manifest = await backup(original, backupDir, [KEY_ID]);
    expect(manifest.counts).toMatchObject({ cases: 1, documents: 1, documentFiles: 1 });
    expect(manifest.counts.openSteps).toBeGreaterThanOrEqual(1);
    expect(manifest.payloadKeyIds).toEqual([KEY_ID]);
    // The key itself is nowhere in the backup.
    const secret = PAYLOAD_KEY.split(':')[1]!;
    for (const file of Object.keys(manifest.files)) expect(fs.readFileSync(path.join(backupDir, file)).includes(secret)).toBe(false);

    // A restore without the key the histories were written with is refused before anything is written.
    await expect(restore(backupDir, restored, ['another-key'])).rejects.toThrow(/payload key/);
    expect(fs.existsSync(restored.clusterDir)).toBe(false);
    await restore(backupDir, restored, [KEY_ID]);
    // Nor over a system that has state.
    await expect(restore(backupDir, restored, [KEY_ID])).rejects.toThrow(/move it aside/);

    // Fresh servers on other ports, nothing seeded: all that is there came from the backup.
    running = await startSystem(restored, 'restored', false);
    const after = (await (await running.call('GET', `/cases/${caseRef}`, 'coordinator.pc04')).json()) as typeof before;
    expect(after.phase).toBe(before.phase);
    expect(after.openSteps.map((step) => step.ruleKey)).toEqual(['CRA.D3']);
    const download = await running.call('GET', `/cases/${caseRef}/documents/${documentId}`, 'police.apl');
    expect(download.status).toBe(200);
    expect(Buffer.from(await download.arrayBuffer()).equals(PDF)).toBe(true);
    // The workflow runs on from its restored history: the next action opens the next step.
    const notified = await act(running, caseRef, 'police.apl', { type: 'NOTIFY_PERSON', on: '2025-07-09' });
    expect(notified.status).toBe(200);
    const next = (await notified.json()) as typeof before;
    expect(next.openSteps.map((step) => step.ruleKey)).not.toContain('CRA.D3');
    expect(next.openSteps.length).toBeGreaterThan(0);
  });
});
