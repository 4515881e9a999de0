import fs from 'node:fs';
import os from 'node:os';

/**
 * Where a benchmark's CPU went, by program: this process (the load clients, and the API and the
 * worker when they run in it), the engine's own processes named by the caller, the Temporal server
 * and PostgreSQL. Read from /proc (Linux), so a process that came
 * and went between the two readings (a PostgreSQL backend) is counted from the moment it is seen.
 */
type Ticks = Map<number, { program: string; ticks: number }>;

const TICKS_PER_SECOND = 100; // USER_HZ on Linux

function readTicks(): Ticks {
  const ticks: Ticks = new Map();
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      // The program name is in parentheses and may hold spaces; the fields after it are fixed.
      const close = stat.lastIndexOf(')');
      const program = stat.slice(stat.indexOf('(') + 1, close);
      const fields = stat.slice(close + 2).split(' ');
      ticks.set(Number(entry), { program, ticks: Number(fields[11]) + Number(fields[12]) });
    } catch {
      // The process ended while we read.
    }
  }
  return ticks;
}

function programOf(pid: number, program: string, names: ReadonlyMap<number, string>): string {
  const named = names.get(pid);
  if (named) return named;
  if (pid === process.pid) return names.size > 0 ? 'this process (clients)' : 'this process (API, worker, clients)';
  if (program.startsWith('postgres')) return 'PostgreSQL';
  if (program.startsWith('temporal') || isTemporalSqlServer(pid, program)) return 'Temporal server';
  return 'other (the kernel\'s network threads, …)';
}

/** The Temporal Server with PostgreSQL persistence runs as `.tools/temporal-server/<version>/server`. */
function isTemporalSqlServer(pid: number, program: string): boolean {
  if (program !== 'server') return false;
  try {
    return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('temporal-server');
  } catch {
    return false;
  }
}

export class CpuByProcess {
  private readonly before = readTicks();
  private readonly startedAt = performance.now();

  /** `names`: the pids of the engine's processes, when they run outside this one ("worker 1", "API 1"). */
  constructor(private readonly names: ReadonlyMap<number, string> = new Map()) {}

  /**
   * CPU seconds per program since construction, and the machine's cores over that time; with
   * `per`, also each program's CPU milliseconds per unit of work (an API call, an operation).
   */
  lines(per?: { count: number; unit: string }): string[] {
    const seconds = (performance.now() - this.startedAt) / 1000;
    const totals = new Map<string, number>();
    for (const [pid, now] of readTicks()) {
      const then = this.before.get(pid);
      const used = now.ticks - (then?.program === now.program ? then.ticks : 0);
      const name = programOf(pid, now.program, this.names);
      totals.set(name, (totals.get(name) ?? 0) + used / TICKS_PER_SECOND);
    }
    const cores = os.cpus().length;
    const line = (name: string, used: number) =>
      `  cpu ${name.padEnd(38)} ${used.toFixed(1).padStart(7)} s  (${((100 * used) / (seconds * cores)).toFixed(0).padStart(3)}% of ${cores} cores × ${seconds.toFixed(0)} s)` +
      (per ? `  ${((1000 * used) / per.count).toFixed(1).padStart(6)} ms per ${per.unit}` : '');
    const all = [...totals.values()].reduce((sum, used) => sum + used, 0);
    return [
      ...[...totals]
        .filter(([, used]) => used > 0.05)
        .sort((a, b) => b[1] - a[1])
        .map(([name, used]) => line(name, used)),
      line('all', all),
    ];
  }
}
