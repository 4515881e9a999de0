import { z } from 'zod';
import { cycleConfig, periodKind } from '../../domain/reporting/cycle-config';
import { FIGURE_KEYS } from '../../domain/reporting/report-figures';

const unitId = z.string().min(1).max(64);

export const cycleIdParams = z.object({
  id: z.string().regex(/^[A-Z0-9][A-Z0-9_-]{1,63}$/, 'A-Z, 0-9, - and _ (e.g. SX-QUARTERLY)'),
});

const cycleFields = {
  nameVi: z.string().min(3).max(200),
  nameEn: z.string().min(3).max(200),
  ruleKey: z.string().min(1).max(64).meta({ description: 'Deadline rule of each unit’s report, e.g. REPORT.QUARTERLY' }),
  reporterLevel: z.enum(['COMMUNE', 'DISTRICT']).default('COMMUNE'),
  reporterIds: z.array(unitId).max(5000).default([]).meta({ description: 'Only these units report; empty: every unit of the level' }),
  reporterAgencyIds: z
    .array(unitId)
    .max(500)
    .default([])
    .meta({ description: 'Agencies that report for themselves (a team 178, a facility, the health department), each of the rule’s agency kind; when given, no unit reports' }),
  receiverAgencyId: unitId,
  config: cycleConfig,
};

export const createCycleBody = z.object({
  id: cycleIdParams.shape.id,
  provinceId: unitId,
  periodKind,
  ...cycleFields,
});

export const updateCycleBody = z.object(cycleFields);

export const pauseBody = z.object({ note: z.string().max(500).optional() });

export const runNowBody = z
  .object({
    periodKey: z
      .string()
      .regex(/^\d{4}(-(Q[1-4]|H[12]))?$/, 'a period such as 2026-Q4, 2026-H2 or 2026')
      .optional(),
    adHoc: z
      .object({ from: z.iso.date(), to: z.iso.date() })
      .refine((w) => w.from <= w.to, { message: 'từ ngày phải trước đến ngày / from must not be after to', path: ['to'] })
      .optional()
      .meta({ description: 'An ad hoc report on this window, due by rule REPORT.AD_HOC from today' }),
  })
  .refine((b) => !(b.periodKey && b.adHoc), { message: 'periodKey hoặc adHoc, không cả hai / periodKey or adHoc, not both', path: ['adHoc'] });

export const runIdParams = z.object({ runId: z.string().min(3).max(200) });
export const reportIdParams = z.object({ reportId: z.string().min(3).max(300) });

export const exportQuery = z.object({ format: z.enum(['json', 'xlsx', 'csv']).default('json') });

const figureKey = z.enum(FIGURE_KEYS);

export const submitReportBody = z.object({
  corrections: z
    .array(
      z.object({
        key: figureKey,
        value: z.number().int().min(0).max(10_000_000),
        reason: z.string().trim().min(5, 'nêu lý do điều chỉnh (ít nhất 5 ký tự) / give a reason (5+ characters)').max(1000),
      }),
    )
    .max(FIGURE_KEYS.length)
    .default([]),
  manual: z
    .object({
      vocationalClasses: z.number().int().min(0).max(100_000).optional(),
      vocationalTrainees: z.number().int().min(0).max(10_000_000).optional(),
    })
    .default({})
    .meta({ description: 'Figures the record does not hold, entered by the unit' }),
  note: z.string().max(2000).optional(),
});

export const targetsBody = z.object({
  year: z.number().int().min(2000).max(2100),
  jurisdictionId: unitId,
  targets: z
    .array(z.object({ metric: figureKey, target: z.number().int().min(0).max(10_000_000), source: z.string().max(300).optional() }))
    .min(1)
    .max(FIGURE_KEYS.length),
});

export const progressQuery = z.object({
  year: z.coerce.number().int().min(2000).max(2100),
  jurisdictionId: unitId,
});
