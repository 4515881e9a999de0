import { daysInMonth } from '../calendar/day-number';

/**
 * Reporting periods and windows (domain/procedures.md §13). A period is the quarter, half-year or
 * year a report is for; its window is the span of legal dates the figures count, which the plans
 * and ND 09/2019 cut at different days. Both are pure date arithmetic on ISO dates.
 */
export const PeriodKind = ['QUARTERLY', 'HALF_YEAR', 'ANNUAL'] as const;
export type PeriodKind = (typeof PeriodKind)[number];

export const PERIOD_MONTHS: Record<PeriodKind, 3 | 6 | 12> = { QUARTERLY: 3, HALF_YEAR: 6, ANNUAL: 12 };

/** A day counted from the period's first month: month 0 is that month, -1 the month before. */
export interface MonthDay {
  monthOffset: number;
  /** 1–31; a day beyond the month's length means its last day. */
  day: number;
}

export interface WindowRule {
  start: MonthDay;
  end: MonthDay;
}

export interface Period {
  kind: PeriodKind;
  /** "2026-Q4", "2026-H2", "2026". */
  key: string;
  start: string;
  end: string;
}

export interface ReportWindow {
  from: string;
  to: string;
}

/**
 * The windows worth naming. The local plans set only the due date (5th of the period's last
 * month, 5 December for the year), so their window is read as "up to the day before it is due";
 * ND 09/2019's administrative reports cut from the 15th of the month before to the 14th of the
 * last month (UNCONFIRMED: from recollection). Any other window is configured as month/day pairs.
 */
export const WINDOW_PRESETS = {
  LOCAL_PLAN: (months: number): WindowRule => ({
    start: { monthOffset: -1, day: 5 },
    end: { monthOffset: months - 1, day: 4 },
  }),
  ND_09_2019: (months: number): WindowRule => ({
    start: { monthOffset: -1, day: 15 },
    end: { monthOffset: months - 1, day: 14 },
  }),
  CALENDAR: (months: number): WindowRule => ({
    start: { monthOffset: 0, day: 1 },
    end: { monthOffset: months - 1, day: 31 },
  }),
} as const;
export type WindowPreset = keyof typeof WINDOW_PRESETS;

const pad = (value: number) => String(value).padStart(2, '0');

function monthDayFrom(year: number, month: number, at: MonthDay): string {
  const index = year * 12 + (month - 1) + at.monthOffset;
  const y = Math.floor(index / 12);
  const m = (index % 12) + 1;
  return `${y}-${pad(m)}-${pad(Math.min(at.day, daysInMonth(y, m)))}`;
}

/** The period of the given kind that contains the date. */
export function periodContaining(kind: PeriodKind, isoDate: string): Period {
  const year = Number(isoDate.slice(0, 4));
  const month = Number(isoDate.slice(5, 7));
  const months = PERIOD_MONTHS[kind];
  const index = Math.floor((month - 1) / months);
  return periodAt(kind, year, index);
}

function periodAt(kind: PeriodKind, year: number, index: number): Period {
  const months = PERIOD_MONTHS[kind];
  const firstMonth = index * months + 1;
  const lastMonth = firstMonth + months - 1;
  const key = kind === 'QUARTERLY' ? `${year}-Q${index + 1}` : kind === 'HALF_YEAR' ? `${year}-H${index + 1}` : `${year}`;
  return {
    kind,
    key,
    start: `${year}-${pad(firstMonth)}-01`,
    end: `${year}-${pad(lastMonth)}-${pad(daysInMonth(year, lastMonth))}`,
  };
}

const PERIOD_KEY = /^(\d{4})(?:-(Q[1-4]|H[12]))?$/;

/** Parses "2026-Q4", "2026-H2" or "2026" for the given kind; undefined when it does not fit. */
export function parsePeriodKey(kind: PeriodKind, key: string): Period | undefined {
  const match = PERIOD_KEY.exec(key);
  if (!match) return undefined;
  const year = Number(match[1]);
  const part = match[2];
  if (kind === 'ANNUAL') return part ? undefined : periodAt(kind, year, 0);
  if (!part || part[0] !== (kind === 'QUARTERLY' ? 'Q' : 'H')) return undefined;
  return periodAt(kind, year, Number(part.slice(1)) - 1);
}

/** The window of legal dates a period's report counts. */
export function windowOf(period: Period, rule: WindowRule): ReportWindow {
  const year = Number(period.start.slice(0, 4));
  const month = Number(period.start.slice(5, 7));
  const from = monthDayFrom(year, month, rule.start);
  const to = monthDayFrom(year, month, rule.end);
  if (to < from) throw new RangeError(`the window ends (${to}) before it starts (${from})`);
  return { from, to };
}

/** The Temporal Schedule calendar for "at the start of each period", in months of the year. */
export function periodStartMonths(kind: PeriodKind): number[] {
  const months = PERIOD_MONTHS[kind];
  return Array.from({ length: 12 / months }, (_, index) => index * months + 1);
}
