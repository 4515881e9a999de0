import { z } from 'zod';
import { FIGURES } from '../../domain/reporting/report-figures';

/** What the reporting routes answer: the screens' client is generated from these. */

const figures = z.record(z.string(), z.number()).meta({ description: 'Figure key → value (keys: `figureDefinitions`)' });
const window = z.object({ from: z.iso.date(), to: z.iso.date() });
const standing = z.enum(['SUBMITTED', 'SUBMITTED_LATE', 'OPEN', 'OVERDUE']);

export const figureDefinitionsView = z
  .array(z.object({ key: z.string(), vi: z.string(), en: z.string(), source: z.enum(['RECORD', 'MANUAL']) }))
  .meta({ id: 'ReportFigureDefinitions', description: 'Each figure’s heading in both languages; MANUAL ones are entered by the unit' });

/** Headings of every figure, in the order the forms print them. */
export const figureDefinitions = () => FIGURES.map(({ key, vi, en, source }) => ({ key, vi, en, source }));

const correction = z.object({ key: z.string(), computed: z.number(), submitted: z.number(), reason: z.string() });

export const reportView = z
  .object({
    id: z.string(),
    runId: z.string(),
    cycleId: z.string(),
    titleVi: z.string(),
    titleEn: z.string(),
    periodKey: z.string(),
    window,
    unit: z.object({ id: z.string(), nameVi: z.string(), nameEn: z.string() }),
    status: z.enum(['OPEN', 'SUBMITTED']),
    standing,
    task: z
      .object({
        ownerAgencyId: z.string(),
        ownerRole: z.string(),
        dueDate: z.iso.date(),
        dueAt: z.iso.datetime(),
        status: z.string(),
        explanation: z.unknown(),
      })
      .nullable()
      .meta({ description: 'The report task (its deadline step); null for a moment after the run starts' }),
    prefill: figures.meta({ description: 'What the record gives today for the window' }),
    latestVersion: z.number().int(),
    figures: figures.meta({ description: 'The latest submitted figures, or the prefill before any submission' }),
    versions: z.array(
      z.object({
        version: z.number().int(),
        submittedAt: z.iso.datetime(),
        submittedBy: z.string(),
        figures,
        computed: figures,
        corrections: z.array(correction),
        note: z.string().nullable(),
      }),
    ),
    figureDefinitions: figureDefinitionsView,
  })
  .meta({ id: 'Report' });

export const submittedVersionView = z
  .object({
    reportId: z.string(),
    version: z.number().int(),
    late: z.boolean().optional().meta({ description: 'The first submission came after the due time' }),
    taskClosed: z.boolean().meta({ description: 'false: on record; the report task closes on the worker’s next sweep' }),
  })
  .meta({ id: 'ReportVersionSubmitted' });

export const rollupView = z
  .object({
    runId: z.string(),
    cycleId: z.string(),
    titleVi: z.string(),
    titleEn: z.string(),
    periodKey: z.string(),
    window,
    receiver: z.object({ agencyId: z.string(), nameVi: z.string() }),
    counts: z.object({ expected: z.number().int(), submitted: z.number().int(), late: z.number().int(), missing: z.number().int() }),
    missing: z.array(z.string()),
    late: z.array(z.string()),
    totals: figures,
    recordTotals: figures.meta({ description: 'What the record gives for the whole province, beside what the units submitted' }),
    ownReportId: z.string().nullable(),
    units: z.array(
      z.object({
        reportId: z.string(),
        jurisdictionId: z.string(),
        reporterAgencyId: z.string().nullable().meta({ description: 'The agency reporting for itself (a team 178, a facility); null for a unit’s report' }),
        reporter: z.string().meta({ description: 'Who reports: the agency, or the unit' }),
        name: z.string(),
        standing,
        standingVi: z.string(),
        dueDate: z.iso.date().nullable(),
        submittedAt: z.iso.datetime().nullable(),
        latestVersion: z.number().int(),
        escalations: z.number().int(),
        figures: figures.nullable(),
        corrections: z.array(correction).meta({ description: 'The latest version’s corrections of the record, each with its reason' }),
      }),
    ),
    figureDefinitions: figureDefinitionsView,
  })
  .meta({ id: 'ReportRollup' });

export const reportListQuery = z.object({
  standing: standing.optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});

export const reportListView = z
  .object({
    total: z.number().int(),
    page: z.number().int(),
    pageSize: z.number().int(),
    items: z.array(
      z.object({
        reportId: z.string(),
        runId: z.string(),
        titleVi: z.string(),
        titleEn: z.string(),
        periodKey: z.string(),
        unit: z.object({ id: z.string(), nameVi: z.string(), nameEn: z.string() }),
        dueDate: z.iso.date().nullable(),
        standing,
        latestVersion: z.number().int(),
      }),
    ),
  })
  .meta({ id: 'ReportList' });

export const cycleListView = z
  .object({
    items: z.array(
      z.object({
        id: z.string(),
        provinceId: z.string(),
        nameVi: z.string(),
        nameEn: z.string(),
        periodKind: z.string(),
        paused: z.boolean(),
        runs: z.array(
          z.object({
            id: z.string(),
            periodKey: z.string(),
            window,
            expected: z.number().int(),
            submitted: z.number().int(),
            late: z.number().int().meta({ description: 'Submitted after the due time, or not submitted and past it' }),
            missing: z.number().int(),
          }),
        ),
      }),
    ),
  })
  .meta({ id: 'ReportCycleList' });

export const targetProgressView = z
  .object({
    year: z.number().int(),
    jurisdictionId: z.string(),
    targets: z.array(
      z.object({
        metric: z.string(),
        labelVi: z.string(),
        labelEn: z.string(),
        target: z.number().int(),
        reached: z.number(),
        percent: z.number().nullable(),
        source: z.string().nullable(),
        measuredFrom: z.enum(['RECORD', 'SUBMITTED_QUARTERLY_REPORTS']),
      }),
    ),
  })
  .meta({ id: 'ReportTargetProgress' });

/** The cycle's Temporal Schedule (temporal/report-schedules.ts `describe`), or null before the worker created it. */
const cycleScheduleView = z
  .object({
    paused: z.boolean(),
    note: z.string().nullable(),
    nextRuns: z.array(z.iso.datetime()).meta({ description: 'The next three scheduled runs' }),
    recentRuns: z.array(z.object({ scheduledAt: z.iso.datetime(), workflowId: z.string() })),
  })
  .nullable()
  .meta({ id: 'ReportCycleSchedule', description: 'The Temporal Schedule; null while it does not exist yet' });

/** A cycle as stored, with its schedule: what creating, changing, pausing and resuming it answer. */
export const cycleView = z
  .object({
    id: z.string(),
    provinceId: z.string(),
    periodKind: z.string(),
    nameVi: z.string(),
    nameEn: z.string(),
    ruleKey: z.string(),
    reporterLevel: z.string(),
    reporterIds: z.array(z.string()),
    reporterAgencyIds: z.array(z.string()),
    receiverAgencyId: z.string(),
    config: z.record(z.string(), z.unknown()).meta({ description: 'The window and the schedule (see the request body)' }),
    revision: z.number().int(),
    paused: z.boolean(),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
    schedule: cycleScheduleView,
  })
  .meta({ id: 'ReportCycle' });

export const cycleDetailView = cycleView
  .extend({
    runs: z.array(
      z.object({ id: z.string(), periodKey: z.string(), cycleRevision: z.number().int(), startedAt: z.iso.datetime() }),
    ),
  })
  .meta({ id: 'ReportCycleDetail', description: 'A cycle, its schedule and its latest twenty runs' });

export const runStartedView = z
  .object({ workflowId: z.string().meta({ description: 'The run’s workflow; its report tasks open shortly' }) })
  .meta({ id: 'ReportRunStarted' });

/** PUT /reporting/targets: the unit's targets for the year as now on record. */
export const targetsView = z
  .object({
    year: z.number().int(),
    jurisdictionId: z.string(),
    targets: z.array(
      z.object({
        id: z.string(),
        year: z.number().int(),
        jurisdictionId: z.string(),
        metric: z.string().meta({ description: 'A figure key (`figureDefinitions`)' }),
        target: z.number().int(),
        source: z.string().nullable(),
        updatedAt: z.iso.datetime(),
      }),
    ),
  })
  .meta({ id: 'ReportTargets' });
