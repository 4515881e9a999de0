import { CalendarOverrideKind } from '../generated/prisma/enums';
import { DEFAULT_COVERED_YEARS, WorkingCalendar, type CalendarOverride } from '../domain/calendar';
import { dateColumnToIso } from '../domain/time/legal-date';
import type { Db } from './client';

/**
 * The working-day calendar as configured: computed holidays plus the override table. Reloaded at
 * most every `ttlMs` (and at once after an edit through the API), so an announced swap takes
 * effect without a restart, while a burst of deadline computations costs one query.
 */
export class CalendarSource {
  private cached: { calendar: WorkingCalendar; loadedAt: number } | undefined;

  constructor(
    private readonly db: Db,
    private readonly options: { ttlMs?: number; coveredYears?: { first: number; last: number } } = {},
  ) {}

  async current(): Promise<WorkingCalendar> {
    const ttl = this.options.ttlMs ?? 30_000;
    if (this.cached && Date.now() - this.cached.loadedAt < ttl) return this.cached.calendar;
    const rows = await this.db.calendarOverride.findMany({ orderBy: { date: 'asc' } });
    const overrides: CalendarOverride[] = rows.map((row) => ({
      date: dateColumnToIso(row.date),
      kind: row.kind === CalendarOverrideKind.DAY_OFF ? 'DAY_OFF' : 'WORKING_DAY',
      nameVi: row.nameVi,
      nameEn: row.nameEn,
      source: row.source,
    }));
    const calendar = new WorkingCalendar({
      overrides,
      coveredYears: this.options.coveredYears ?? DEFAULT_COVERED_YEARS,
    });
    this.cached = { calendar, loadedAt: Date.now() };
    return calendar;
  }

  invalidate(): void {
    this.cached = undefined;
  }
}
