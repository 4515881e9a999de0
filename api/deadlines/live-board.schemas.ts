import { z } from 'zod';
import { BOARD_BUCKETS } from './board-buckets';

const counts = z
  .object({
    onTime: z.number().int().meta({ description: 'Trong hạn: open, due after the window' }),
    dueSoon: z.number().int().meta({ description: 'Sắp đến hạn: open, due within the window' }),
    late: z.number().int().meta({ description: 'Quá hạn: open, past its due date, within the statutory limit' }),
    pastStatutoryLimit: z.number().int().meta({ description: 'Quá thời hạn luật định: open, past the procedure’s own limit' }),
    suspended: z.number().int().meta({ description: 'Tạm dừng: stopped, awaiting documents' }),
  })
  .meta({ id: 'BoardCounts' });

const withinDays = z.coerce.number().int().min(0).max(60).default(3).meta({ description: 'The "due soon" window in days' });

export const boardQuery = z.object({
  jurisdictionId: z.string().min(1).max(64).optional().meta({ description: 'This unit and those under it (default: the caller’s)' }),
  withinDays,
});

export const boardView = z
  .object({
    generatedAt: z.iso.datetime(),
    withinDays: z.number().int(),
    jurisdiction: z.object({ id: z.string(), nameVi: z.string(), nameEn: z.string() }),
    totals: counts,
    byAgency: z.array(
      z.object({ agencyId: z.string(), nameVi: z.string(), nameEn: z.string(), jurisdictionId: z.string(), counts }),
    ),
    byUnit: z.array(z.object({ jurisdictionId: z.string(), nameVi: z.string(), nameEn: z.string(), counts })),
  })
  .meta({ id: 'LiveBoard' });

export const bucketParam = z.enum(BOARD_BUCKETS);

export const boardStepsQuery = boardQuery.extend({
  bucket: bucketParam,
  agencyId: z.string().min(1).max(64).optional().meta({ description: 'Only steps this agency owns' }),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});

export const myTasksQuery = z.object({
  bucket: bucketParam.optional().meta({ description: 'One column of the board; without it, every unfinished step' }),
  procedure: z.string().min(1).max(64).optional(),
  withinDays,
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});

export { counts as boardCountsView };
