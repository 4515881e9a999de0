import fs from 'node:fs';
import { DEMO_PASSWORD } from '../../db/seed/demo-province';
import { launchStack, type LaunchedStack } from '../../infra/launched-stack';
import { waitFor } from '../../infra/ports';
import { processTree } from '../../infra/process-tree';
import { testTmpRoot } from '../support/test-env';

/**
 * `npm start` as a user runs it (scripts/start.sh): the runtime compiled to dist/, the launcher,
 * worker and API under plain node, the worker on the workflow bundle built with it, demo data and
 * demo cases, in a data folder of its own (DATA_DIR) on free ports. Nothing else in the suite runs
 * the compiled code or the launcher.
 */
/** Every process on the machine whose command line names `dir` (the servers keep their data there). */
function processesUsing(dir: string): string[] {
  const found: string[] = [];
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const commandLine = fs.readFileSync(`/proc/${entry}/cmdline`, 'utf8').replace(/\0/g, ' ');
      if (commandLine.includes(dir)) found.push(`${entry}: ${commandLine}`);
    } catch {
      // gone while we read
    }
  }
  return found;
}

describe('npm start', () => {
  let stack: LaunchedStack;
  let apiUrl = '';

  beforeAll(async () => {
    stack = await launchStack({ label: 'npm-start', parentDir: testTmpRoot() });
    apiUrl = stack.apiUrl;
  }, 330_000);

  afterAll(async () => {
    if (stack.launcher.exitCode === null) process.kill(-stack.launcher.pid!, 'SIGKILL');
  });

  const login = async (username: string) => {
    const response = await fetch(`${apiUrl}/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password: DEMO_PASSWORD }),
    });
    expect(response.status).toBe(200);
    return ((await response.json()) as { token: string }).token;
  };

  it('runs the compiled launcher, worker and API, not the TypeScript loader', () => {
    const commandLines = processTree(stack.launcher.pid!).map((process) => process.commandLine);
    for (const entry of ['dist/infra/start-stack.js', 'dist/worker/main.js', 'dist/api/main.js'])
      expect(commandLines.filter((line) => line.includes(entry))).toHaveLength(1);
    expect(commandLines.filter((line) => /tsx|\.ts\b/.test(line))).toEqual([]);
    expect(stack.output()).toContain('demo data is in place');
  });

  it('serves the web application and answers a case action through the compiled worker', async () => {
    expect((await fetch(`${apiUrl}/app/`)).status).toBe(200);
    const police = await login('police.apl');
    // The demo cases went through the API and the worker: the commune's list holds them.
    const list = await fetch(`${apiUrl}/cases`, { headers: { authorization: `Bearer ${police}` } });
    expect(list.status).toBe(200);
    const listed = (await list.json()) as { items: unknown[] };
    expect(listed.items.length).toBeGreaterThanOrEqual(3);

    const opened = await fetch(`${apiUrl}/cases`, {
      method: 'POST',
      headers: { authorization: `Bearer ${police}`, 'content-type': 'application/json', 'idempotency-key': 'npm-start-open' },
      body: JSON.stringify({
        procedure: 'COMPULSORY_REHAB_ADULT',
        jurisdictionId: 'SX-APL',
        person: { fullName: 'Người Thử Nghiệm', birthDate: '1990-01-01', citizenId: '086090001234', residenceStatus: 'STABLE', residenceAddress: 'Ấp 1', residenceJurisdictionId: 'SX-APL' },
        legalGround: 1,
        groundsFoundOn: '2025-07-07',
      }),
    });
    expect(opened.status).toBe(201);
    const { caseRef } = (await opened.json()) as { caseRef: string };
    const filed = await fetch(`${apiUrl}/cases/${caseRef}/actions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${police}`, 'content-type': 'application/json', 'idempotency-key': 'npm-start-file' },
      body: JSON.stringify({ type: 'FILE_DOSSIER', on: '2025-07-08', addictionResultRef: 'KQ-1/2025', interimArrangement: { kind: 'FAMILY' } }),
    });
    expect(filed.status).toBe(200);
    expect(((await filed.json()) as { phase: string }).phase).toBe('NOTIFYING');
  });

  it('stops everything on Ctrl-C and exits 0, even when nobody reads its output any more (npm start | head)', async () => {
    // The reading end of its stdout closed: a launcher that died of the broken pipe left its
    // PostgreSQL and Temporal running, holding their ports and data folder.
    stack.launcher.stdout!.destroy();
    expect(await stack.stop()).toBe(0);
    expect(stack.output()).toContain('[start] stopped');
    await waitFor('the API port to close', async () => !(await fetch(`${apiUrl}/health`).then(() => true, () => false)), { timeoutMs: 30_000 });
    expect(processesUsing(stack.dataDir)).toEqual([]);
  }, 60_000);
});
