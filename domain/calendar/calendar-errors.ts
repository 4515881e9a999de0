import type { CoveredYears } from './calendar-types';

/**
 * Domain errors of the working-day calendar. Each carries a stable `code` (the API maps
 * `CALENDAR.*` codes to problem responses) and a message in Vietnamese, then English, separated
 * by " / ".
 */

/** The calendar refuses to guess: a year it does not cover is an error, never an assumption. */
export class CalendarRangeError extends Error {
  readonly code = 'CALENDAR.OUT_OF_RANGE';
  readonly covered: CoveredYears;

  constructor(
    readonly year: number,
    covered: CoveredYears,
  ) {
    super(
      `Lịch ngày làm việc chỉ tính được từ năm ${covered.first} đến năm ${covered.last} (năm ${year} nằm ngoài phạm vi) / ` +
        `The working-day calendar covers ${covered.first}–${covered.last} only (${year} is outside)`,
    );
    this.name = 'CalendarRangeError';
    this.covered = { first: covered.first, last: covered.last };
  }
}

/** A value that is not a real date written YYYY-MM-DD (2026-02-30, 13/02/2026, …). */
export class InvalidDateError extends Error {
  readonly code = 'CALENDAR.INVALID_DATE';

  constructor(readonly value: string) {
    super(
      `"${value}" không phải là ngày hợp lệ theo dạng YYYY-MM-DD / "${value}" is not a valid date in the form YYYY-MM-DD`,
    );
    this.name = 'InvalidDateError';
  }
}

/** A number of days that is not a whole number of at least zero. */
export class InvalidDayCountError extends Error {
  readonly code = 'CALENDAR.INVALID_DAY_COUNT';

  constructor(readonly value: number) {
    super(
      `Số ngày phải là số nguyên không âm (nhận được ${value}) / The number of days must be a whole number of at least 0 (got ${value})`,
    );
    this.name = 'InvalidDayCountError';
  }
}
