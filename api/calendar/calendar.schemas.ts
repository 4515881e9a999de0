import { z } from 'zod';

const isoDate = z.iso.date().meta({ example: '2026-02-13' });

export const holidaysQuery = z.object({
  year: z.coerce.number().int().min(1900).max(2200).meta({ example: 2026 }),
});

export const nonWorkingDayView = z
  .object({
    date: isoDate,
    kind: z.enum(['WEEKEND', 'HOLIDAY', 'SUBSTITUTE_DAY', 'ANNOUNCED_SWAP']),
    nameVi: z.string(),
    nameEn: z.string(),
    source: z.string().optional(),
  })
  .meta({ id: 'NonWorkingDay' });

export const holidaysView = z
  .object({ year: z.number().int(), items: z.array(nonWorkingDayView) })
  .meta({ id: 'Holidays' });

export const addWorkingDaysQuery = z.object({
  from: isoDate.meta({ description: 'The start event’s date; counting starts the day after' }),
  days: z.coerce.number().int().min(0).max(3650),
});

export const addWorkingDaysView = z
  .object({ from: isoDate, days: z.number().int(), date: isoDate, skipped: z.array(nonWorkingDayView) })
  .meta({ id: 'WorkingDaysResult' });

export const overrideDateParams = z.object({ date: isoDate });
export const overridesQuery = z.object({ year: z.coerce.number().int().min(1900).max(2200).optional() });

export const overrideBody = z.object({
  kind: z.enum(['DAY_OFF', 'WORKING_DAY']),
  nameVi: z.string().trim().min(3).max(200),
  nameEn: z.string().trim().min(3).max(200),
  source: z
    .string()
    .trim()
    .min(3)
    .max(300)
    .meta({ description: 'The announcement, e.g. "Thông báo số …/TB-VPCP"' }),
});

export const overrideView = overrideBody.extend({ date: isoDate }).meta({ id: 'CalendarOverride' });
export const overrideList = z.object({ items: z.array(overrideView) });
