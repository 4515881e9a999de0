import { z } from 'zod';
import { PROCEDURES } from '../../procedures/registry';
import { REPORTING } from '../../rules/reporting.rules';
import { MAX_MONTHS, MONTH_PATTERN } from './month-range';

/** Every procedure whose steps the record holds: the case procedures and the periodic reports. */
export const PERFORMANCE_PROCEDURES: readonly string[] = [
  ...PROCEDURES.map((p) => p.definition.code),
  REPORTING,
];

const month = z.string().regex(MONTH_PATTERN);

export const performanceQuery = z.object({
  jurisdictionId: z
    .string()
    .min(1)
    .max(64)
    .optional()
    .meta({ description: 'This unit and those under it (default: the caller’s)' }),
  from: month.optional().meta({
    description: `First month, yyyy-mm (default: eleven months before \`to\`); at most ${MAX_MONTHS} months in all`,
  }),
  to: month.optional().meta({ description: 'Last month, yyyy-mm (default: the current month in Vietnam)' }),
  procedure: z.enum(PERFORMANCE_PROCEDURES).optional().meta({
    description:
      'Only this procedure’s steps (REPORTING: the periodic report tasks); default: every procedure',
  }),
});

const jurisdiction = z.object({ id: z.string(), nameVi: z.string(), nameEn: z.string() });

const rangeFields = {
  generatedAt: z.iso.datetime(),
  jurisdiction,
  from: z.string().meta({ description: 'First month, yyyy-mm' }),
  to: z.string().meta({ description: 'Last month, yyyy-mm' }),
  procedure: z.string().nullable().meta({ description: 'The procedure asked for; null for every procedure' }),
};

const onTimeCounts = z
  .object({
    completed: z.number().int().meta({ description: 'Steps completed' }),
    onTime: z
      .number()
      .int()
      .meta({ description: 'Done in time: the act’s legal date before the due day (or on it, for a deadline to the end of that day); without a legal date, recorded by the due instant' }),
    late: z.number().int().meta({ description: 'Completed after the due instant' }),
    onTimeRate: z
      .number()
      .nullable()
      .meta({ description: 'onTime / completed, from 0 to 1; null when none was completed' }),
  })
  .meta({ id: 'OnTimeCounts' });

const monthCounts = onTimeCounts.extend({
  month: z.string().meta({ description: 'yyyy-mm, month of completion in Vietnam' }),
});

export const onTimePerformanceView = z
  .object({
    ...rangeFields,
    months: z
      .array(z.string())
      .meta({ description: 'Every month of the range, in order (each byMonth lists them all)' }),
    totals: onTimeCounts,
    byMonth: z.array(monthCounts).meta({ description: 'The whole jurisdiction, month by month' }),
    byAgency: z
      .array(
        z.object({
          agencyId: z.string(),
          nameVi: z.string(),
          nameEn: z.string(),
          jurisdictionId: z.string().nullable(),
          totals: onTimeCounts,
          byMonth: z.array(monthCounts),
        }),
      )
      .meta({
        description: 'Each owning agency with a step completed in the range, the lowest on-time rate first',
      }),
  })
  .meta({ id: 'OnTimePerformance' });

const budgetUnits = [
  'WORKING_DAYS',
  'CALENDAR_DAYS',
  'MONTHS',
  'HOURS',
  'SECONDS',
  'DAY_OF_LAST_MONTH',
] as const;

const budget = z
  .object({
    value: z.number().int(),
    unit: z.enum(budgetUnits).meta({
      description:
        'As the rule states it: WORKING_DAYS, CALENDAR_DAYS, MONTHS, HOURS, SECONDS (test configurations); ' +
        'DAY_OF_LAST_MONTH: due on day `value` of the last month of a `periodMonths`-month period (periodic reports)',
    }),
    periodMonths: z.number().int().optional(),
  })
  .meta({ id: 'StepBudget' });

const spread = z.object({
  median: z.number().nullable(),
  p90: z.number().nullable().meta({ description: '90th percentile (percentile_cont)' }),
});

export const stepDurationsView = z
  .object({
    ...rangeFields,
    items: z.array(
      z.object({
        procedure: z.string(),
        ruleKey: z.string(),
        stepKey: z.string().meta({
          description: 'The step key a case gives the rule’s step (a reopened step adds ".2", ".3")',
        }),
        titleVi: z.string(),
        titleEn: z.string(),
        budget: budget
          .nullable()
          .meta({ description: 'The legal time budget of the rule version the steps opened under' }),
        completed: z.number().int(),
        late: z.number().int(),
        lateShare: z.number().nullable().meta({ description: 'late / completed, from 0 to 1' }),
        takenDays: spread.meta({
          description: 'Days from the start event to the act (legal dates), or from opening to recording where the act gave no date; to two decimals',
        }),
        budgetedDays: spread.meta({
          description:
            'Days the same steps were given (start event to due day, or opening to the due instant), suspensions and extensions included; to two decimals',
        }),
      }),
    ),
  })
  .meta({ id: 'StepDurations' });
