import { InvalidDateError } from './calendar-errors';
import type { IsoDate } from './calendar-types';

/**
 * Legal dates as whole day numbers (days since 1970-01-01). Conversions go through UTC midnight
 * only, so the machine's time zone and daylight saving never enter the arithmetic.
 */
const DAY_MS = 86_400_000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export const isLeapYear = (year: number): boolean => (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** The day number of a year, month (1–12) and day that the caller knows to be real. */
export function dayNumberOf(year: number, month: number, day: number): number {
  const midnight = new Date(0);
  // setUTCFullYear, unlike Date.UTC, keeps years 0–99 as written.
  midnight.setUTCFullYear(year, month - 1, day);
  return Math.round(midnight.getTime() / DAY_MS);
}

/** The day number of a real YYYY-MM-DD date; anything else throws InvalidDateError. */
export function toDayNumber(date: IsoDate): number {
  const match = typeof date === 'string' ? ISO_DATE.exec(date) : null;
  if (!match) throw new InvalidDateError(String(date));
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) throw new InvalidDateError(date);
  return dayNumberOf(year, month, day);
}

export function fromDayNumber(day: number): IsoDate {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

export function yearOf(day: number): number {
  return new Date(day * DAY_MS).getUTCFullYear();
}

/** 0 = Sunday … 6 = Saturday (1970-01-01, day 0, was a Thursday). */
export function weekdayOf(day: number): number {
  return (((day + 4) % 7) + 7) % 7;
}

/** Saturday or Sunday: the civil service works Monday to Friday. */
export function isWeekend(day: number): boolean {
  const weekday = weekdayOf(day);
  return weekday === 0 || weekday === 6;
}
