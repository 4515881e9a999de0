/**
 * Resident memory of the `npm start` stack, per process, at idle and under load: the stack as
 * `npm start` runs it (compiled JavaScript under node) and as `npm run start:source` runs it
 * (the TypeScript sources under tsx), each in a scratch data folder on free ports, demo data and
 * demo cases included. Idle is read 20 s after the stack says it is running; the load is CASES
 * compulsory-rehabilitation cases driven through the API by CLIENTS officials at once (the peak of
 * each process during it is printed), then idle again 20 s after. The ceiling is the issue's:
 * the engine's own processes (launcher, worker, API) under 400 MB together at idle.
 *
 *   npx tsx bench/memory.ts [modes=compiled,source] [cases=60] [clients=8]
 *
 * RSS counts pages shared with other processes once per process (PostgreSQL's shared buffers in
 * every backend); PSS shares them out, so the PSS column adds up to what the machine really holds.
 */
import fs from 'node:fs';
import os from 'node:os';
import { launchStack } from '../infra/launched-stack';
import { processTree } from '../infra/process-tree';
import { driveCase, Http } from './support/case-load';
import { LatencyLog, runConcurrently } from './support/stats';

type Mode = 'compiled' | 'source';
const MODES = (process.argv[2] ?? 'compiled,source').split(',') as Mode[];
const CASES = Number(process.argv[3] ?? 60);
const CLIENTS = Number(process.argv[4] ?? 8);
const ENGINE_CEILING_MB = 400;
const SETTLE_MS = 20_000;
const ROLES = ['launcher', 'worker', 'API', 'Temporal', 'PostgreSQL', 'other'] as const;
type Role = (typeof ROLES)[number];
interface Usage {
  rss: number;
  pss: number;
}
type Sample = Map<Role, Usage>;

function roleOf(commandLine: string): Role {
  if (/start-stack/.test(commandLine)) return 'launcher';
  if (/worker\/main/.test(commandLine)) return 'worker';
  if (/api\/main/.test(commandLine)) return 'API';
  if (/temporal/.test(commandLine)) return 'Temporal';
  if (/postgres/.test(commandLine)) return 'PostgreSQL';
  return 'other';
}

function sample(root: number): Sample {
  const usage: Sample = new Map(ROLES.map((role) => [role, { rss: 0, pss: 0 }]));
  for (const process of processTree(root)) {
    const total = usage.get(roleOf(process.commandLine))!;
    total.rss += process.rssKb;
    total.pss += process.pssKb;
  }
  return usage;
}

function peakOf(samples: Sample[]): Sample {
  const peak: Sample = new Map(ROLES.map((role) => [role, { rss: 0, pss: 0 }]));
  for (const one of samples)
    for (const role of ROLES) {
      const best = peak.get(role)!;
      const seen = one.get(role)!;
      best.rss = Math.max(best.rss, seen.rss);
      best.pss = Math.max(best.pss, seen.pss);
    }
  return peak;
}

const mb = (kb: number) => `${Math.round(kb / 1024)}`.padStart(6);
const engine = (usage: Sample, field: keyof Usage) =>
  (['launcher', 'worker', 'API'] as const).reduce((sum, role) => sum + usage.get(role)![field], 0);

async function measure(mode: Mode) {
  const stack = await launchStack({ source: mode === 'source', label: `bench-memory-${mode}` });
  const { launcher, apiUrl } = stack;
  const root = launcher.pid!;
  try {
    await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
    const idle = sample(root);
    const http = new Http(apiUrl);
    for (const user of ['police.apl', 'coordinator.pc04', 'judge.kv1', 'facility.officer', 'facility.director']) await http.login(user);
    const samples: Sample[] = [];
    const sampler = setInterval(() => samples.push(sample(root)), 500);
    const log = new LatencyLog();
    const started = performance.now();
    await runConcurrently(CASES, CLIENTS, (index) => driveCase(http, log, index));
    const seconds = (performance.now() - started) / 1000;
    clearInterval(sampler);
    await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
    return { mode, idle, peak: peakOf(samples), after: sample(root), seconds, actions: log.count() };
  } finally {
    await stack.stop();
    fs.rmSync(stack.dataDir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const results = [];
  for (const mode of MODES) {
    process.stdout.write(`measuring the ${mode} stack (${CASES} cases, ${CLIENTS} clients)...\n`);
    results.push(await measure(mode));
  }
  process.stdout.write(`\nResident memory in MB (RSS / PSS), ${os.cpus().length} cores, Node ${process.version}\n`);
  for (const result of results) {
    process.stdout.write(`\n${result.mode}: load ${result.actions} API actions in ${result.seconds.toFixed(1)} s\n`);
    process.stdout.write(`  ${'process'.padEnd(12)} ${'idle RSS'.padStart(9)} ${'PSS'.padStart(6)}  ${'load peak RSS'.padStart(13)} ${'PSS'.padStart(6)}  ${'idle after RSS'.padStart(14)}\n`);
    for (const role of ROLES) {
      const [idle, peak, after] = [result.idle.get(role)!, result.peak.get(role)!, result.after.get(role)!];
      if (!idle.rss && !peak.rss) continue;
      process.stdout.write(`  ${role.padEnd(12)} ${mb(idle.rss).padStart(9)} ${mb(idle.pss)}  ${mb(peak.rss).padStart(13)} ${mb(peak.pss)}  ${mb(after.rss).padStart(14)}\n`);
    }
    process.stdout.write(
      `  engine (launcher + worker + API) at idle: ${Math.round(engine(result.idle, 'rss') / 1024)} MB RSS, ${Math.round(engine(result.idle, 'pss') / 1024)} MB PSS; ceiling ${ENGINE_CEILING_MB} MB\n`,
    );
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
