export { CalendarRangeError, InvalidDateError } from './calendar-errors';
export type {
  CalendarOverride,
  CoveredYears,
  IsoDate,
  NonWorkingDay,
  NonWorkingKind,
  SkippedDay,
} from './calendar-types';
export { tetDay } from './vietnamese-holidays';
export { DEFAULT_COVERED_YEARS, WorkingCalendar } from './working-calendar';
