import fs from 'node:fs';

function readProc(pid: number, file: string): string | undefined {
  try {
    return fs.readFileSync(`/proc/${pid}/${file}`, 'utf8');
  } catch {
    return undefined; // the process ended between the listing and the read
  }
}

/** A running process as /proc shows it (Linux only). */
export interface ProcessInfo {
  pid: number;
  commandLine: string;
  /** Resident set size, kB. */
  rssKb: number;
  /** Proportional set size, kB: shared pages divided among the processes sharing them. */
  pssKb: number;
}

/** Kilobytes named `field` in a /proc file's "Field:   123 kB" lines. */
function kilobytes(text: string | undefined, field: string): number {
  const match = text?.match(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm'));
  return match ? Number(match[1]) : 0;
}

/** `root` and every process below it, from the parent links in /proc. */
export function processTree(root: number): ProcessInfo[] {
  const children = new Map<number, number[]>();
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = readProc(Number(entry), 'stat');
    // The command name may hold spaces and parentheses: the parent id follows the last ')'.
    const parent = stat ? Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) : NaN;
    if (!Number.isNaN(parent)) children.set(parent, [...(children.get(parent) ?? []), Number(entry)]);
  }
  const found: ProcessInfo[] = [];
  for (const queue = [root]; queue.length; ) {
    const pid = queue.shift()!;
    queue.push(...(children.get(pid) ?? []));
    const commandLine = readProc(pid, 'cmdline');
    if (commandLine === undefined) continue;
    found.push({
      pid,
      commandLine: commandLine.replaceAll('\0', ' ').trim(),
      rssKb: kilobytes(readProc(pid, 'status'), 'VmRSS'),
      pssKb: kilobytes(readProc(pid, 'smaps_rollup'), 'Pss'),
    });
  }
  return found;
}
