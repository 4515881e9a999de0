export { CalendarRangeError, InvalidDateError, InvalidDayCountError } from './calendar-errors';
export type {
  CalendarDaysResult,
  CalendarOverride,
  CoveredYears,
  DayDescription,
  IsoDate,
  NonWorkingDay,
  NonWorkingKind,
  SkippedDay,
  WorkingDaysResult,
} from './calendar-types';
export {
  hungKingsDay,
  STATUTORY_RULES_FIRST_YEAR,
  statutoryNonWorkingDays,
  tetDay,
} from './vietnamese-holidays';
export { DEFAULT_COVERED_YEARS, WorkingCalendar, type WorkingCalendarOptions } from './working-calendar';
