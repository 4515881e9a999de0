import type { CoveredYears } from './calendar-types';

/** The calendar refuses to guess: a year it does not cover is an error, never an assumption. */
export class CalendarRangeError extends Error {
  readonly code = 'CALENDAR.OUT_OF_RANGE';
  constructor(
    readonly year: number,
    readonly covered: CoveredYears,
  ) {
    super(
      `Lịch ngày làm việc chỉ tính được từ năm ${covered.first} đến năm ${covered.last} (năm ${year} nằm ngoài phạm vi) / ` +
        `The working-day calendar covers ${covered.first}–${covered.last} only (${year} is outside)`,
    );
    this.name = 'CalendarRangeError';
  }
}

export class InvalidDateError extends Error {
  readonly code = 'CALENDAR.INVALID_DATE';
  constructor(readonly value: string) {
    super(`"${value}" không phải là ngày hợp lệ (YYYY-MM-DD) / "${value}" is not a valid date (YYYY-MM-DD)`);
    this.name = 'InvalidDateError';
  }
}
