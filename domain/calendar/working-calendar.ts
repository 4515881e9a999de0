import { CalendarRangeError, InvalidDayCountError } from './calendar-errors';
import type {
  CalendarDaysResult,
  CalendarOverride,
  CoveredYears,
  DayDescription,
  IsoDate,
  NonWorkingDay,
  SkippedDay,
  WorkingDaysResult,
} from './calendar-types';
import { dayNumberOf, fromDayNumber, isWeekend, toDayNumber, weekdayOf, yearOf } from './day-number';
import { STATUTORY_RULES_FIRST_YEAR, statutoryNonWorkingDays } from './vietnamese-holidays';

/** The years the holiday rules are written and checked for (Labour Codes 2012 and 2019). */
export const DEFAULT_COVERED_YEARS: Readonly<CoveredYears> = Object.freeze({ first: 2014, last: 2035 });

/** A bound on configured coverage, so that a typo cannot ask for a table of thousands of years. */
const LAST_COVERABLE_YEAR = 2099;

/** What the day table knows about a day; a year is filled on first use. */
const NOT_LOADED = 0;
const WORKING = 1;
const NON_WORKING = 2;

export interface WorkingCalendarOptions {
  /** Announced days off and make-up working days (nghỉ bù / làm bù); for one date, the last wins. */
  overrides: readonly CalendarOverride[];
  coveredYears?: CoveredYears;
}

function assertDayCount(n: number): void {
  if (!Number.isInteger(n) || n < 0) throw new InvalidDayCountError(n);
}

function weekendDay(day: number): SkippedDay {
  const saturday = weekdayOf(day) === 6;
  return Object.freeze({
    date: fromDayNumber(day),
    kind: 'WEEKEND' as const,
    nameVi: saturday ? 'Thứ Bảy' : 'Chủ Nhật',
    nameEn: saturday ? 'Saturday' : 'Sunday',
  });
}

/**
 * Working days of the Vietnamese civil service: Monday to Friday, less statutory holidays and their
 * substitute days, with announced overrides winning for their dates. Pure: no clock, no I/O, no
 * time zone; dates are legal dates in Vietnam.
 *
 * Each covered year is turned into a day table on first use (one lunar computation per year per
 * process, cached in vietnamese-holidays), so every later question is an array lookup. Anything
 * that touches a year outside `coveredYears` throws CalendarRangeError rather than guessing.
 *
 * SkippedDay objects returned are frozen and shared between answers; arrays are always fresh.
 */
export class WorkingCalendar {
  readonly coveredYears: Readonly<CoveredYears>;
  /** Day number of 1 January of the first covered year: index 0 of the day table. */
  private readonly firstDay: number;
  private readonly status: Uint8Array;
  private readonly reasons: (SkippedDay | undefined)[];
  private readonly isoDates: (IsoDate | undefined)[];
  private readonly listedByYear = new Map<number, readonly NonWorkingDay[]>();
  private readonly overridesByYear = new Map<number, Map<number, CalendarOverride>>();

  constructor(options: WorkingCalendarOptions) {
    const covered = options.coveredYears ?? DEFAULT_COVERED_YEARS;
    if (
      !Number.isInteger(covered.first) ||
      !Number.isInteger(covered.last) ||
      covered.first > covered.last ||
      covered.first < STATUTORY_RULES_FIRST_YEAR ||
      covered.last > LAST_COVERABLE_YEAR
    )
      throw new RangeError(
        `Phạm vi năm của lịch phải nằm trong ${STATUTORY_RULES_FIRST_YEAR}–${LAST_COVERABLE_YEAR} (nhận được ${covered.first}–${covered.last}) / ` +
          `The calendar's years must lie within ${STATUTORY_RULES_FIRST_YEAR}–${LAST_COVERABLE_YEAR} (got ${covered.first}–${covered.last})`,
      );
    this.coveredYears = Object.freeze({ first: covered.first, last: covered.last });
    this.firstDay = dayNumberOf(covered.first, 1, 1);
    const dayCount = dayNumberOf(covered.last + 1, 1, 1) - this.firstDay;
    this.status = new Uint8Array(dayCount);
    this.reasons = new Array<SkippedDay | undefined>(dayCount).fill(undefined);
    this.isoDates = new Array<IsoDate | undefined>(dayCount).fill(undefined);

    for (const override of options.overrides) {
      const day = toDayNumber(override.date);
      const year = yearOf(day);
      const ofYear = this.overridesByYear.get(year) ?? new Map<number, CalendarOverride>();
      ofYear.set(day, override);
      this.overridesByYear.set(year, ofYear);
    }
  }

  isWorkingDay(date: IsoDate): boolean {
    return this.statusOf(toDayNumber(date)) === WORKING;
  }

  describeDay(date: IsoDate): DayDescription {
    const day = toDayNumber(date);
    if (this.statusOf(day) === WORKING) return { date, working: true };
    return { date, working: false, nonWorking: this.reasonOf(day) };
  }

  /**
   * Holidays, substitute days and announced days off (DAY_OFF overrides) of a year, sorted by
   * date; plain weekends are not listed, nor computed days that a WORKING_DAY override cancels.
   */
  nonWorkingDays(year: number): NonWorkingDay[] {
    if (!Number.isInteger(year) || year < this.coveredYears.first || year > this.coveredYears.last)
      throw new CalendarRangeError(year, this.coveredYears);
    if (!this.listedByYear.has(year)) this.loadYear(year);
    return (this.listedByYear.get(year) ?? []).map((entry) => ({ ...entry }));
  }

  /**
   * The day `n` working days after `from`: counting starts the day after `from`, which is never
   * counted itself; n = 0 answers `from`. `skipped` lists every non-working day passed over.
   */
  addWorkingDays(from: IsoDate, n: number): WorkingDaysResult {
    assertDayCount(n);
    let day = this.coveredDay(from);
    const skipped: SkippedDay[] = [];
    for (let remaining = n; remaining > 0;) {
      day += 1;
      if (this.statusOf(day) === WORKING) remaining -= 1;
      else skipped.push(this.reasonOf(day));
    }
    return { date: n === 0 ? from : this.isoOf(day), skipped };
  }

  /**
   * The day `n` calendar days after `from`. With `rollForwardToWorkingDay`, a period whose last
   * day is not a working day ends on the next working day, and `skipped` lists the days rolled
   * over. UNCONFIRMED: this follows the idea of Civil Code 2015 Art. 148 (Bộ luật Dân sự 2015,
   * Điều 148: a period ending on a day off ends on the next working day); each procedure's rule
   * says whether it applies.
   */
  addCalendarDays(
    from: IsoDate,
    n: number,
    options: { rollForwardToWorkingDay?: boolean } = {},
  ): CalendarDaysResult {
    assertDayCount(n);
    const nominal = this.coveredDay(from) + n;
    if (this.statusOf(nominal) === WORKING || !options.rollForwardToWorkingDay)
      return { date: this.isoOf(nominal), skipped: [] };
    const skipped: SkippedDay[] = [];
    let day = nominal;
    while (this.statusOf(day) !== WORKING) {
      skipped.push(this.reasonOf(day));
      day += 1;
    }
    return { date: this.isoOf(day), skipped, rolledForwardFrom: this.isoOf(nominal) };
  }

  /** The number of working days in (from, to]; 0 when `to` is not after `from`. */
  workingDaysBetween(from: IsoDate, to: IsoDate): number {
    const start = this.coveredDay(from);
    const end = this.coveredDay(to);
    let count = 0;
    for (let day = start + 1; day <= end; day += 1) if (this.statusOf(day) === WORKING) count += 1;
    return count;
  }

  /** The first working day strictly after `date`. */
  nextWorkingDay(date: IsoDate): IsoDate {
    let day = this.coveredDay(date) + 1;
    while (this.statusOf(day) !== WORKING) day += 1;
    return this.isoOf(day);
  }

  /** Parses a date and checks that its year is covered. */
  private coveredDay(date: IsoDate): number {
    const day = toDayNumber(date);
    this.statusOf(day);
    return day;
  }

  /** WORKING or NON_WORKING, filling the day's year on first use; throws beyond coverage. */
  private statusOf(day: number): number {
    const index = day - this.firstDay;
    const status = this.status[index];
    if (status === undefined) throw new CalendarRangeError(yearOf(day), this.coveredYears);
    if (status !== NOT_LOADED) return status;
    this.loadYear(yearOf(day));
    return this.status[index] ?? NOT_LOADED;
  }

  /** Why a day known to be non-working is not a working day. */
  private reasonOf(day: number): SkippedDay {
    const reason = this.reasons[day - this.firstDay];
    if (!reason) throw new Error(`Internal: no reason recorded for non-working day ${fromDayNumber(day)}`);
    return reason;
  }

  private isoOf(day: number): IsoDate {
    return this.isoDates[day - this.firstDay] ?? fromDayNumber(day);
  }

  private loadYear(year: number): void {
    const entries = new Map<number, NonWorkingDay>();
    for (const entry of statutoryNonWorkingDays(year)) entries.set(toDayNumber(entry.date), entry);
    const madeWorking = new Set<number>();
    for (const [day, override] of this.overridesByYear.get(year) ?? []) {
      if (override.kind === 'WORKING_DAY') {
        entries.delete(day);
        madeWorking.add(day);
      } else {
        madeWorking.delete(day);
        entries.set(
          day,
          Object.freeze({
            date: fromDayNumber(day),
            kind: 'ANNOUNCED_SWAP' as const,
            nameVi: override.nameVi,
            nameEn: override.nameEn,
            source: override.source,
          }),
        );
      }
    }

    // Everything is computed before the table is touched, so a failure leaves the year unloaded.
    const first = dayNumberOf(year, 1, 1);
    const last = dayNumberOf(year + 1, 1, 1) - 1;
    const rows: { status: number; reason: SkippedDay | undefined; iso: IsoDate }[] = [];
    for (let day = first; day <= last; day += 1) {
      const entry = entries.get(day);
      const iso = fromDayNumber(day);
      if (entry)
        rows.push({
          status: NON_WORKING,
          reason: Object.freeze({
            date: entry.date,
            kind: entry.kind,
            nameVi: entry.nameVi,
            nameEn: entry.nameEn,
          }),
          iso,
        });
      else if (isWeekend(day) && !madeWorking.has(day))
        rows.push({ status: NON_WORKING, reason: weekendDay(day), iso });
      else rows.push({ status: WORKING, reason: undefined, iso });
    }
    rows.forEach((row, offset) => {
      const index = first - this.firstDay + offset;
      this.reasons[index] = row.reason;
      this.isoDates[index] = row.iso;
      this.status[index] = row.status;
    });
    this.listedByYear.set(
      year,
      Object.freeze([...entries.values()].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0))),
    );
  }
}
