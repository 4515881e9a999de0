import { CalendarRangeError } from './calendar-errors';
import type { CalendarOverride, CoveredYears, IsoDate, NonWorkingDay, SkippedDay } from './calendar-types';
import { fromDayNumber, isWeekend, toDayNumber, weekdayOf, yearOf } from './day-number';
import { statutoryNonWorkingDays } from './vietnamese-holidays';

/** Years the holiday rules are written for: the 2012 Labour Code applied from May 2013. */
export const DEFAULT_COVERED_YEARS: CoveredYears = { first: 2014, last: 2035 };

interface YearTable {
  /** Non-working days other than plain weekends, by day number; null marks a weekend made a working day. */
  exceptions: Map<number, NonWorkingDay | null>;
  listed: NonWorkingDay[];
}

const weekendDay = (day: number): SkippedDay => {
  const saturday = weekdayOf(day) === 6;
  return {
    date: fromDayNumber(day),
    kind: 'WEEKEND',
    nameVi: saturday ? 'Thứ Bảy' : 'Chủ Nhật',
    nameEn: saturday ? 'Saturday' : 'Sunday',
  };
};

/**
 * Working days in Vietnam (Asia/Ho_Chi_Minh): weekends, statutory holidays with their substitute
 * days, and the override table of announced swaps, which always wins. Pure and fast: each year
 * is computed once, then every question is a lookup.
 */
export class WorkingCalendar {
  private readonly years = new Map<number, YearTable>();
  private readonly overridesByYear = new Map<number, CalendarOverride[]>();
  readonly coveredYears: CoveredYears;

  constructor(options: { overrides: readonly CalendarOverride[]; coveredYears?: CoveredYears }) {
    this.coveredYears = options.coveredYears ?? DEFAULT_COVERED_YEARS;
    for (const override of options.overrides) {
      const year = yearOf(toDayNumber(override.date));
      this.overridesByYear.set(year, [...(this.overridesByYear.get(year) ?? []), override]);
    }
  }

  isWorkingDay(date: IsoDate): boolean {
    return this.isWorking(toDayNumber(date));
  }

  describeDay(date: IsoDate): { date: IsoDate; working: boolean; nonWorking?: SkippedDay } {
    const day = toDayNumber(date);
    const nonWorking = this.nonWorkingReason(day);
    return nonWorking ? { date, working: false, nonWorking } : { date, working: true };
  }

  /** Holidays, substitute days and announced days off of a year; plain weekends are not listed. */
  nonWorkingDays(year: number): NonWorkingDay[] {
    return [...this.table(year).listed];
  }

  /** N working days after `from`; counting starts the day after (the start event's day is not counted). */
  addWorkingDays(from: IsoDate, days: number): { date: IsoDate; skipped: SkippedDay[] } {
    let day = toDayNumber(from);
    this.table(yearOf(day));
    const skipped: SkippedDay[] = [];
    let remaining = days;
    while (remaining > 0) {
      day += 1;
      const reason = this.nonWorkingReason(day);
      if (reason) skipped.push(reason);
      else remaining -= 1;
    }
    return { date: fromDayNumber(day), skipped };
  }

  /**
   * N calendar days after `from`. With roll-forward, a period whose last day is not a working day
   * ends on the next working day (UNCONFIRMED: the Civil Code 2015 Art. 148 idea; each rule says
   * whether it applies).
   */
  addCalendarDays(
    from: IsoDate,
    days: number,
    options: { rollForwardToWorkingDay?: boolean } = {},
  ): { date: IsoDate; skipped: SkippedDay[]; rolledForwardFrom?: IsoDate } {
    let day = toDayNumber(from) + days;
    const skipped: SkippedDay[] = [];
    this.table(yearOf(day));
    if (!options.rollForwardToWorkingDay) return { date: fromDayNumber(day), skipped };
    const nominal = day;
    for (let reason = this.nonWorkingReason(day); reason; reason = this.nonWorkingReason(day)) {
      skipped.push(reason);
      day += 1;
    }
    return day === nominal
      ? { date: fromDayNumber(day), skipped }
      : { date: fromDayNumber(day), skipped, rolledForwardFrom: fromDayNumber(nominal) };
  }

  /** Working days in (from, to]; 0 when `to` is not after `from`. */
  workingDaysBetween(from: IsoDate, to: IsoDate): number {
    const start = toDayNumber(from);
    const end = toDayNumber(to);
    let count = 0;
    for (let day = start + 1; day <= end; day += 1) if (this.isWorking(day)) count += 1;
    return count;
  }

  /** The first working day strictly after `date`. */
  nextWorkingDay(date: IsoDate): IsoDate {
    return this.addWorkingDays(date, 1).date;
  }

  private isWorking(day: number): boolean {
    const exception = this.table(yearOf(day)).exceptions.get(day);
    if (exception !== undefined) return exception === null;
    return !isWeekend(day);
  }

  private nonWorkingReason(day: number): SkippedDay | undefined {
    const exception = this.table(yearOf(day)).exceptions.get(day);
    if (exception === null) return undefined;
    if (exception)
      return {
        date: exception.date,
        kind: exception.kind,
        nameVi: exception.nameVi,
        nameEn: exception.nameEn,
      };
    return isWeekend(day) ? weekendDay(day) : undefined;
  }

  private table(year: number): YearTable {
    const cached = this.years.get(year);
    if (cached) return cached;
    if (year < this.coveredYears.first || year > this.coveredYears.last)
      throw new CalendarRangeError(year, this.coveredYears);

    const exceptions = new Map<number, NonWorkingDay | null>();
    for (const entry of statutoryNonWorkingDays(year)) exceptions.set(toDayNumber(entry.date), entry);
    for (const override of this.overridesByYear.get(year) ?? []) {
      const day = toDayNumber(override.date);
      if (override.kind === 'WORKING_DAY') exceptions.set(day, null);
      else
        exceptions.set(day, {
          date: override.date,
          kind: 'ANNOUNCED_SWAP',
          nameVi: override.nameVi,
          nameEn: override.nameEn,
          source: override.source,
        });
    }
    // A WORKING_DAY override on a weekday holiday removes it; on a weekend it makes the day a working one.
    const listed = [...exceptions.values()]
      .filter((entry): entry is NonWorkingDay => entry !== null)
      .sort((a, b) => a.date.localeCompare(b.date));
    const table = { exceptions, listed };
    this.years.set(year, table);
    return table;
  }
}
