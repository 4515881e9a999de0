/**
 * Bulk import of a province's running cases (issue #18), on a scratch Temporal dev server and
 * PostgreSQL with the demo province: a workbook of ROWS rows across four procedures and their
 * phases (the mix of a real book: many managed drug users, compulsory cases at every stage,
 * voluntary and education cases) is checked (dry run), then imported through the API, polled for
 * progress as the screen does. Prints the rows per second and the minutes for 10,000 rows beside
 * the ceiling (10 minutes), and the bare Temporal ceiling on the same server: no-op workflows
 * started and updated once, at the import's concurrency.
 *
 * The worker runs as its own process, as `npm start` runs it (compiled; BENCH_WORKER=source runs
 * worker/main.ts under tsx), WORKERS of them.
 *
 *   npx tsx bench/caseload-import.ts [rows=10000] [workers=1]
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import ExcelJS from 'exceljs';
import { createDb } from '../db/client';
import { DEMO_PASSWORD } from '../db/seed/demo-province';
import { engineCommand } from '../infra/engine-command';
import { startScratchStack } from '../infra/scratch-stack';
import { testDataConverter } from '../test/support/test-env';
import { benchApp } from './support/bench-app';
import { measureCeiling } from './support/ceiling';

const ROWS = Number(process.argv[2] ?? 10_000);
const WORKERS = Number(process.argv[3] ?? 1);
/** The worker as production runs it (compiled by `npm run build`, which the bench runs first), unless BENCH_WORKER=source. */
const COMPILED = process.env.BENCH_WORKER !== 'source';
const TASK_QUEUE = 'bench-import';
const CEILING_MINUTES_FOR_10000 = 10;
/** The cases the import opens at once (the workflow's batches × the rows an activity opens together). */
const IMPORT_CONCURRENCY = 36;

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const COMMUNES = ['SX-APL', 'SX-BM', 'SX-TT', 'SX-PTT'];
const vn = (iso: string) => iso.split('-').reverse().join('/');

/** The rows of one sheet, by heading, for row number `n`. */
function rowFor(n: number): { sheet: string; cells: Record<string, string | number> } {
  const commune = COMMUNES[n % COMMUNES.length] as string;
  const person = {
    'Mã dòng': `BENCH-${n}`,
    'Xã/phường thụ lý': commune,
    'Họ và tên': `Người Nhập ${n}`,
    'Ngày sinh': vn('1991-03-04'),
    'Số định danh cá nhân': `8${String(n).padStart(11, '0')}`,
    'Nơi cư trú ổn định': 'Có',
    'Xã/phường cư trú': commune,
  };
  const kind = n % 20;
  if (kind < 8)
    return {
      sheet: 'Quản lý người sử dụng ma túy',
      cells: {
        ...person,
        'Ngày xét nghiệm dương tính': vn('2026-10-05'),
        'Số kết quả xét nghiệm': `XN-${n}`,
        'Số biên bản vi phạm': `BB-${n}`,
        ...(kind % 2 === 0 ? { 'Ngày quyết định quản lý': vn('2026-10-09'), 'Số quyết định quản lý': `QĐ-${n}` } : {}),
      },
    };
  if (kind < 14) {
    const stage = kind - 8; // 0..5
    return {
      sheet: 'Cai nghiện bắt buộc',
      cells: {
        ...person,
        'Căn cứ (khoản Điều 32 Luật 73/2021)': 1,
        'Ngày phát hiện căn cứ': vn('2026-09-01'),
        ...(stage >= 1 ? { 'Ngày lập xong hồ sơ': vn('2026-09-10'), 'Số kết quả xác định nghiện': 'KQ-1', 'Quản lý trong thời gian lập hồ sơ': 'Gia đình' } : {}),
        ...(stage >= 2 ? { 'Ngày thông báo cho người bị đề nghị': vn('2026-09-11') } : {}),
        ...(stage >= 3 ? { 'Ngày chuyển hồ sơ đến Tòa án': vn('2026-09-15'), 'Ngày Tòa án thụ lý': vn('2026-09-17') } : {}),
        ...(stage >= 4 ? { 'Ngày Tòa án quyết định': vn('2026-09-25'), 'Quyết định của Tòa án': 'Áp dụng', 'Thời hạn (tháng)': 12, 'Số quyết định': `${n}/QĐ-TA` } : {}),
        ...(stage >= 5 ? { 'Ngày tiếp nhận vào cơ sở': vn('2026-10-20') } : {}),
      },
    };
  }
  if (kind < 17)
    return {
      sheet: 'Cai nghiện tự nguyện',
      cells: {
        ...person,
        'Hình thức cai nghiện': 'Tại cộng đồng',
        'Ngày đăng ký': vn('2026-11-02'),
        ...(kind === 16
          ? { 'Ngày quyết định cai nghiện tại cộng đồng': vn('2026-11-05'), 'Số quyết định': `TN-${n}`, 'Tổ chức cung cấp dịch vụ': 'Trạm y tế', 'Người được giao theo dõi': 'Công an viên', 'Thời gian cai nghiện (tháng)': 6 }
          : {}),
      },
    };
  return {
    sheet: 'Giáo dục tại xã, phường',
    cells: {
      ...person,
      'Căn cứ áp dụng': 'Vi phạm trật tự khác',
      'Ngày vi phạm': vn('2026-10-01'),
      ...(kind === 19 ? { 'Ngày lập xong hồ sơ': vn('2026-10-06'), 'Ngày thông báo': vn('2026-10-07') } : {}),
    },
  };
}

async function workbookOf(template: Buffer): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(template as unknown as ArrayBuffer);
  const headings = new Map<string, string[]>();
  for (let n = 1; n <= ROWS; n += 1) {
    const { sheet, cells } = rowFor(n);
    const page = workbook.getWorksheet(sheet);
    if (!page) throw new Error(`no sheet ${sheet}`);
    if (!headings.has(sheet)) headings.set(sheet, (page.getRow(1).values as string[]).slice(1));
    page.addRow((headings.get(sheet) as string[]).map((heading) => cells[heading] ?? null));
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/**
 * The worker as `npm start` runs it: its own process, compiled, with the engine's node flags (or
 * from the sources under tsx with BENCH_WORKER=source), on the bench's database and Temporal,
 * with the bench's payload key.
 */
async function startWorkerProcess(databaseUrl: string, temporalAddress: string, documents: string): Promise<ChildProcess> {
  const [command, args] = engineCommand('worker/main.ts', COMPILED);
  // BENCH_PROFILE_DIR=/some/dir writes the worker's CPU profiles there (one per thread) when it stops.
  const profile = process.env.BENCH_PROFILE_DIR;
  const profiled: [string, string[]] = COMPILED
    ? [command, ['--cpu-prof', `--cpu-prof-dir=${profile}`, ...args]]
    : [process.execPath, ['--cpu-prof', `--cpu-prof-dir=${profile}`, '--import', 'tsx', ...args]];
  const [program, programArgs] = profile ? profiled : [command, args];
  const child = spawn(program, programArgs, {
    cwd: path.resolve(__dirname, '..'),
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      MALLOC_ARENA_MAX: process.env.MALLOC_ARENA_MAX ?? '2',
      NODE_ENV: 'production',
      JWT_SECRET: randomBytes(32).toString('hex'),
      DATABASE_URL: databaseUrl,
      DATABASE_POOL_SIZE: '20',
      TEMPORAL_ADDRESS: temporalAddress,
      TEMPORAL_TASK_QUEUE: TASK_QUEUE,
      PAYLOAD_ENCRYPTION_KEY: process.env.TEST_PAYLOAD_KEY,
      LOG_LEVEL: 'info',
      REPORT_TASK_SWEEP_SECONDS: '0',
      DOCUMENT_STORE_DIR: documents,
    },
  });
  let log = '';
  const keep = (chunk: Buffer) => (log = (log + chunk.toString()).slice(-4000));
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const deadline = Date.now() + 90_000;
  while (!log.includes('worker started')) {
    if (child.exitCode !== null || Date.now() > deadline) throw new Error(`the worker did not start:\n${log}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return child;
}

async function main(): Promise<void> {
  Runtime.install({ logger: new DefaultLogger('ERROR') });
  if (COMPILED) execFileSync('bash', [path.resolve(__dirname, '../scripts/build.sh')], { stdio: 'inherit' });
  process.env.TEST_PAYLOAD_KEY ??= `bench:${randomBytes(32).toString('base64')}`;
  const stack = await startScratchStack('bench-import');
  const db = createDb(stack.databaseUrl, { maxConnections: 20 });
  const apiDb = createDb(stack.databaseUrl, { maxConnections: 10 });
  const connection = await Connection.connect({ address: stack.temporalAddress });
  const client = new Client({ connection, dataConverter: testDataConverter() });
  const workers: ChildProcess[] = [];
  const app = benchApp({ db: apiDb, temporal: client }, { taskQueue: TASK_QUEUE, root: stack.root });
  const server = app.listen(0);
  await new Promise((resolve) => server.once('listening', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  try {
    for (let n = 0; n < WORKERS; n += 1) workers.push(await startWorkerProcess(stack.databaseUrl, stack.temporalAddress, path.join(stack.root, 'documents')));
    const login = await fetch(`${base}/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: DEMO_PASSWORD }) });
    const token = ((await login.json()) as { token: string }).token;
    const auth = { authorization: `Bearer ${token}` };
    const template = Buffer.from(await (await fetch(`${base}/caseload-imports/template`, { headers: auth })).arrayBuffer());
    const bytes = await workbookOf(template);
    console.log(`${ROWS} rows (${(bytes.length / 1024 / 1024).toFixed(1)} MB), four procedures, ${WORKERS} ${COMPILED ? 'compiled' : 'tsx'} worker process(es), one API, 2-core machine`);

    let started = performance.now();
    const dryRun = await fetch(`${base}/caseload-imports?dryRun=true`, { method: 'POST', headers: { ...auth, 'content-type': XLSX }, body: bytes });
    const checked = (await dryRun.json()) as { toOpen: number; rejected: number; problems: unknown[] };
    const checkSeconds = (performance.now() - started) / 1000;
    console.log(`dry run: ${dryRun.status}, ${checked.toOpen} to open, ${checked.rejected} rejected, in ${checkSeconds.toFixed(1)} s`);
    if (checked.rejected > 0) console.log(JSON.stringify(checked.problems.slice(0, 5)));

    started = performance.now();
    const run = await fetch(`${base}/caseload-imports?dryRun=false&fileName=bench.xlsx`, { method: 'POST', headers: { ...auth, 'content-type': XLSX }, body: bytes });
    const { importId } = (await run.json()) as { importId: string };
    const accepted = (performance.now() - started) / 1000;
    let last = '';
    for (;;) {
      await new Promise((resolve) => setTimeout(resolve, 2000));
      const progress = (await (await fetch(`${base}/caseload-imports/${importId}`, { headers: auth })).json()) as { status: string; byStatus: Record<string, number> };
      const line = JSON.stringify(progress.byStatus);
      // Transactions and rows written so far: the database's share of each row's cost.
      const [stats] = await db.$queryRaw<[{ commits: bigint; inserted: bigint; updated: bigint }]>`
        SELECT xact_commit AS commits, tup_inserted AS inserted, tup_updated AS updated FROM pg_stat_database WHERE datname = current_database()`;
      if (line !== last) console.log(`  ${((performance.now() - started) / 1000).toFixed(0).padStart(5)} s  ${line}  db: ${stats.commits} commits, ${stats.inserted} inserted, ${stats.updated} updated`);
      last = line;
      if (progress.status === 'DONE') break;
    }
    const seconds = (performance.now() - started) / 1000;
    const rate = ROWS / seconds;
    const minutesFor10000 = 10_000 / rate / 60;
    console.log(`import: ${ROWS} rows in ${seconds.toFixed(1)} s (accepted, checked and stored in ${accepted.toFixed(1)} s) → ${rate.toFixed(1)} rows/s`);
    console.log(`10,000 rows: ${minutesFor10000.toFixed(1)} min (with the dry run: ${((10_000 / ROWS) * (checkSeconds + seconds) / 60).toFixed(1)} min); ceiling ${CEILING_MINUTES_FOR_10000} min → ${minutesFor10000 <= CEILING_MINUTES_FOR_10000 ? 'within' : 'OVER'}`);
    if (process.env.BENCH_KEEP_SECONDS) {
      console.log(`keeping the stack for ${process.env.BENCH_KEEP_SECONDS} s: Temporal at ${stack.temporalAddress}, database ${stack.databaseUrl}`);
      await new Promise((resolve) => setTimeout(resolve, Number(process.env.BENCH_KEEP_SECONDS) * 1000));
    }
    const cases = await db.case.count();
    console.log(`cases on record: ${cases}; rows opened: ${await db.caseloadImportRow.count({ where: { importId, status: 'OPENED' } })}`);
  } finally {
    server.close();
    for (const child of workers) child.kill('SIGTERM');
    await Promise.all(workers.map((child) => new Promise((resolve) => (child.exitCode === null ? child.once('exit', resolve) : resolve(null)))));
  }

  // The bare ceiling on the same server: a no-op workflow started and updated once, as many at once as the import opens.
  try {
    const ceiling = await measureCeiling(client, stack.temporalAddress, Math.min(ROWS, 2000), IMPORT_CONCURRENCY);
    console.log(`ceiling (no-op workflow + one update, ${IMPORT_CONCURRENCY} at once): ${ceiling.workflowsPerSecond.toFixed(1)} workflows/s`);
  } finally {
    await connection.close();
    await db.$disconnect();
    await apiDb.$disconnect();
    await stack.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
