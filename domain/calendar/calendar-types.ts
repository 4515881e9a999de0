/** A Vietnamese legal date, YYYY-MM-DD. Calendar arithmetic works on dates, never on instants. */
export type IsoDate = string;

export type NonWorkingKind = 'WEEKEND' | 'HOLIDAY' | 'SUBSTITUTE_DAY' | 'ANNOUNCED_SWAP';

/** A day off other than an ordinary weekend, with the text that makes it one. */
export interface NonWorkingDay {
  date: IsoDate;
  kind: Exclude<NonWorkingKind, 'WEEKEND'>;
  nameVi: string;
  nameEn: string;
  source: string;
}

/** A non-working day that a computation passed over. */
export interface SkippedDay {
  date: IsoDate;
  kind: NonWorkingKind;
  nameVi: string;
  nameEn: string;
}

/**
 * A government-announced change for one date (nghỉ bù / làm bù, or a correction of the computed
 * calendar); it always wins over the computation for its date.
 */
export interface CalendarOverride {
  date: IsoDate;
  kind: 'DAY_OFF' | 'WORKING_DAY';
  nameVi: string;
  nameEn: string;
  source: string;
}

export interface CoveredYears {
  first: number;
  last: number;
}
