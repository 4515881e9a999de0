import { unsafeUniformIntDistribution, xoroshiro128plus } from 'pure-rand';
import type { ServiceKind } from './services';

export interface Kill {
  kind: ServiceKind;
  /** Which of the kind's processes (several workers or APIs when scaled out). */
  instance: number;
  /** How long after the previous process was ready again. */
  afterMs: number;
  /** How long the process stays dead before it is started again. */
  downMs: number;
}

const KINDS: ServiceKind[] = ['worker', 'api', 'temporal', 'postgres'];

/**
 * The kills of a run, from its seed alone: each kind as often as the others (±1), in a shuffled
 * order, at a random moment 2–9 s after the last restart. The servers stay down up to 5 s (long
 * enough for every request in flight to fail), the engine's processes up to 2 s.
 */
export function killSchedule(seed: number, kills: number, instances: Partial<Record<ServiceKind, number>> = {}): Kill[] {
  const rng = xoroshiro128plus(seed);
  const between = (from: number, to: number) => unsafeUniformIntDistribution(from, to, rng);
  const kinds = Array.from({ length: kills }, (_, index) => KINDS[index % KINDS.length]!);
  for (let index = kinds.length - 1; index > 0; index -= 1) {
    const other = between(0, index);
    [kinds[index], kinds[other]] = [kinds[other]!, kinds[index]!];
  }
  return kinds.map((kind) => ({
    kind,
    instance: between(0, (instances[kind] ?? 1) - 1),
    afterMs: between(2_000, 9_000),
    downMs: kind === 'worker' || kind === 'api' ? between(0, 2_000) : between(500, 5_000),
  }));
}
