import { z } from 'zod';
import { PeriodKind, WINDOW_PRESETS, type WindowRule } from './report-periods';

/**
 * A reporting cycle's configuration as stored (report_cycles.config) and as sent by a coordinator.
 * The window is a preset or explicit month/day pairs; the schedule is "at the start of each
 * period" (Asia/Ho_Chi_Minh) or, for drills and tests, every N seconds.
 */
const monthDay = z.object({
  monthOffset: z.number().int().min(-12).max(12),
  day: z.number().int().min(1).max(31),
});

export const windowConfig = z.union([
  z.object({ preset: z.enum(Object.keys(WINDOW_PRESETS) as [keyof typeof WINDOW_PRESETS]) }),
  z.object({ start: monthDay, end: monthDay }),
]);

export const scheduleConfig = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('PERIOD_START') }),
  z.object({ kind: z.literal('EVERY'), seconds: z.number().int().min(1).max(366 * 86_400) }),
]);

export const cycleConfig = z.object({
  window: windowConfig,
  schedule: scheduleConfig,
  /** The deadline rule of the receiving unit's own report upward, if it makes one. */
  receiverRuleKey: z.string().min(1).max(64).optional(),
});
export type CycleConfig = z.infer<typeof cycleConfig>;
export type ScheduleConfig = z.infer<typeof scheduleConfig>;

export const periodKind = z.enum(PeriodKind);

export function windowRuleOf(config: CycleConfig, kind: PeriodKind): WindowRule {
  const months = kind === 'QUARTERLY' ? 3 : kind === 'HALF_YEAR' ? 6 : 12;
  return 'preset' in config.window ? WINDOW_PRESETS[config.window.preset](months) : config.window;
}
