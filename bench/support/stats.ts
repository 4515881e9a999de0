/** Latency samples per label, summarised as nearest-rank percentiles. */
export class LatencyLog {
  private readonly samples = new Map<string, number[]>();

  add(label: string, milliseconds: number): void {
    const list = this.samples.get(label) ?? [];
    list.push(milliseconds);
    this.samples.set(label, list);
  }

  async time<T>(label: string, work: () => Promise<T>): Promise<T> {
    const started = performance.now();
    try {
      return await work();
    } finally {
      this.add(label, performance.now() - started);
    }
  }

  count(): number {
    return [...this.samples.values()].reduce((total, list) => total + list.length, 0);
  }

  lines(): string[] {
    return [...this.samples.entries()].map(([label, list]) => {
      const sorted = [...list].sort((a, b) => a - b);
      return `  ${label.padEnd(22)} n=${String(sorted.length).padStart(6)}  p50 ${ms(percentile(sorted, 50))}  p95 ${ms(percentile(sorted, 95))}  p99 ${ms(percentile(sorted, 99))}`;
    });
  }
}

export function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? NaN;
}

const ms = (value: number) => `${value.toFixed(1).padStart(8)} ms`;

/** Runs `count` jobs on `clients` concurrent loops, as that many officials working at once. */
export async function runConcurrently(count: number, clients: number, job: (index: number) => Promise<void>) {
  let next = 0;
  await Promise.all(
    Array.from({ length: clients }, async () => {
      for (let index = next++; index < count; index = next++) await job(index);
    }),
  );
}
