import { vietnamDate } from '../../domain/time/legal-date';
import { problems } from '../http/problem';

/**
 * The months a performance report covers ("yyyy-mm", Vietnamese calendar months). Pure: the
 * routes resolve the query's months here and turn them into instants for the SQL.
 */
/**
 * A month from 1900-01 to 2999-12: a year before 1900 is a typing error, and a range ending at
 * 0000-01 would start in a year JavaScript's dates cannot write (it answered 500).
 */
export const MONTH_PATTERN = /^(19\d\d|2\d\d\d)-(0[1-9]|1[0-2])$/;

/** The longest range asked for at once (three years). */
export const MAX_MONTHS = 36;

/** Without `from`, the range ends with `to` and covers this many months. */
export const DEFAULT_MONTHS = 12;

export interface MonthRange {
  from: string;
  to: string;
  /** Every month from `from` to `to`, in order. */
  months: string[];
  /** First instant of `from` in Vietnam (inclusive). */
  start: Date;
  /** First instant of the month after `to` in Vietnam (exclusive). */
  end: Date;
}

const index = (month: string) => Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1;
const monthOf = (i: number) =>
  `${String(Math.floor(i / 12)).padStart(4, '0')}-${String((i % 12) + 1).padStart(2, '0')}`;

export function addMonths(month: string, count: number): string {
  return monthOf(index(month) + count);
}

/** Months from `from` to `to`, both included (0 or less when `from` is after `to`). */
export function monthsCovered(from: string, to: string): number {
  return index(to) - index(from) + 1;
}

/** The calendar month it is in Vietnam at `now`. */
export function vietnamMonth(now: Date = new Date()): string {
  return vietnamDate(now).slice(0, 7);
}

/**
 * The first instant of a month in Vietnam. Vietnam keeps UTC+07:00 all year (no daylight saving
 * since 1975), the offset PostgreSQL's 'Asia/Ho_Chi_Minh' gives for every date the record holds.
 */
export function vietnamMonthStart(month: string): Date {
  return new Date(`${month}-01T00:00:00+07:00`);
}

/**
 * The range a query asks for: `to` defaults to the current month, `from` to the twelve months
 * ending with `to`. Refused (400, naming the field) when `from` is after `to` or the range is
 * longer than 36 months.
 */
export function resolveMonthRange(
  asked: { from?: string | undefined; to?: string | undefined },
  now: Date = new Date(),
): MonthRange {
  const to = asked.to ?? vietnamMonth(now);
  const from = asked.from ?? addMonths(to, -(DEFAULT_MONTHS - 1));
  const covered = monthsCovered(from, to);
  if (covered < 1)
    throw problems.invalidRequest([
      {
        field: 'query.from',
        message: `Tháng bắt đầu (${from}) sau tháng kết thúc (${to}).`,
        messageEn: `The first month (${from}) is after the last month (${to}).`,
      },
    ]);
  if (covered > MAX_MONTHS)
    throw problems.invalidRequest([
      {
        field: 'query.from',
        message: `Khoảng thời gian tối đa ${MAX_MONTHS} tháng; từ ${from} đến ${to} là ${covered} tháng.`,
        messageEn: `The range may cover at most ${MAX_MONTHS} months; ${from} to ${to} covers ${covered}.`,
      },
    ]);
  const months = Array.from({ length: covered }, (_, i) => addMonths(from, i));
  return { from, to, months, start: vietnamMonthStart(from), end: vietnamMonthStart(addMonths(to, 1)) };
}
