/** Legal dates are calendar days in Vietnam, written YYYY-MM-DD (DESIGN.md "Language"). */
export const VIETNAM_TIME_ZONE = 'Asia/Ho_Chi_Minh';

const isoDateInVietnam = new Intl.DateTimeFormat('en-CA', {
  timeZone: VIETNAM_TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** The calendar day it is in Vietnam at `instant`. */
export function vietnamDate(instant: Date = new Date()): string {
  return isoDateInVietnam.format(instant);
}

/** A date column (stored as midnight UTC) back to YYYY-MM-DD. */
export function dateColumnToIso(value: Date): string {
  return value.toISOString().slice(0, 10);
}

/** YYYY-MM-DD to the value Prisma writes to a DATE column. */
export function isoToDateColumn(isoDate: string): Date {
  return new Date(`${isoDate}T00:00:00Z`);
}
