/**
 * A Vietnamese legal date, YYYY-MM-DD (a calendar day in Vietnam, Asia/Ho_Chi_Minh). Calendar
 * arithmetic works on these dates only, never on instants or the machine's time zone.
 */
export type IsoDate = string;

export type NonWorkingKind = 'WEEKEND' | 'HOLIDAY' | 'SUBSTITUTE_DAY' | 'ANNOUNCED_SWAP';

/**
 * A day off other than an ordinary weekend, with the text that makes it one: a public holiday
 * (ngày nghỉ lễ, tết), a substitute day (nghỉ bù) or a day off the government announced.
 */
export interface NonWorkingDay {
  date: IsoDate;
  kind: Exclude<NonWorkingKind, 'WEEKEND'>;
  nameVi: string;
  nameEn: string;
  /** The legal basis, e.g. 'Bộ luật Lao động 2019, Điều 112', or the announcement an override cites. */
  source: string;
}

/** A non-working day that a computation passed over. Weekends are named 'Thứ Bảy' / 'Chủ Nhật'. */
export interface SkippedDay {
  date: IsoDate;
  kind: NonWorkingKind;
  nameVi: string;
  nameEn: string;
}

/**
 * A government-announced change for one date (nghỉ bù / làm bù, or a correction of the computed
 * calendar); it always wins over the computation for its date. DAY_OFF makes the date a
 * non-working day of kind ANNOUNCED_SWAP; WORKING_DAY makes a weekend, holiday or computed
 * substitute day a working day.
 */
export interface CalendarOverride {
  date: IsoDate;
  kind: 'DAY_OFF' | 'WORKING_DAY';
  nameVi: string;
  nameEn: string;
  source: string;
}

/** The Gregorian years a calendar answers for, both included. */
export interface CoveredYears {
  first: number;
  last: number;
}

export interface DayDescription {
  date: IsoDate;
  working: boolean;
  /** Why the day is not a working day; absent for working days. */
  nonWorking?: SkippedDay;
}

/** The end of a period counted in working days, with every non-working day passed over. */
export interface WorkingDaysResult {
  date: IsoDate;
  skipped: SkippedDay[];
}

/** The end of a period counted in calendar days; `skipped` lists only days rolled over at its end. */
export interface CalendarDaysResult {
  date: IsoDate;
  skipped: SkippedDay[];
  /** The nominal last day, present only when the period was rolled forward from it. */
  rolledForwardFrom?: IsoDate;
}
