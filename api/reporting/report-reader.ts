import type { Db } from '../../db/client';
import { figuresFromRecord } from '../../db/reporting/figures-from-record';
import { FIGURE_KEYS, sumFigures, type Figures } from '../../domain/reporting/report-figures';
import { dateColumnToIso } from '../../domain/time/legal-date';
import { Prisma } from '../../generated/prisma/client';
import { problems } from '../http/problem';
import { figureDefinitions } from './reporting.views';
import { reportTaskStepKey } from '../../workflows/reporting/reporting-contract';

/** Where a unit's report stands, as the receiving unit sees it. */
export type ReportStanding = 'SUBMITTED' | 'SUBMITTED_LATE' | 'OPEN' | 'OVERDUE';
export const STANDING_VI: Record<ReportStanding, string> = {
  SUBMITTED: 'Đã nộp đúng hạn',
  SUBMITTED_LATE: 'Nộp trễ hạn',
  OPEN: 'Chưa nộp (còn hạn)',
  OVERDUE: 'Chưa nộp (quá hạn)',
};

export interface Correction {
  key: string;
  computed: number;
  submitted: number;
  reason: string;
}

function standing(step: { dueAt: Date } | null, firstSubmittedAt: Date | null, now: Date): ReportStanding {
  if (firstSubmittedAt) return step && firstSubmittedAt > step.dueAt ? 'SUBMITTED_LATE' : 'SUBMITTED';
  return step && now > step.dueAt ? 'OVERDUE' : 'OPEN';
}

const asFigures = (value: unknown): Figures => {
  const record = (value ?? {}) as Record<string, unknown>;
  return Object.fromEntries(FIGURE_KEYS.map((key) => [key, Number(record[key] ?? 0)])) as Figures;
};

/** A report task's step: its key is the reporting agency's id, or the unit's for a unit's report. */
const stepIdOf = (report: { stepWorkflowId: string; jurisdictionId: string; reporterAgencyId: string | null }) =>
  `${report.stepWorkflowId}/${reportTaskStepKey({ jurisdictionId: report.jurisdictionId, ownerAgencyId: report.reporterAgencyId })}`;

export async function loadReport(db: Db, reportId: string) {
  const report = await db.report.findUnique({
    where: { id: reportId },
    include: { run: { include: { cycle: true } }, versions: { orderBy: { version: 'asc' } } },
  });
  if (!report) throw problems.notFound({ vi: `Không có báo cáo ${reportId}.`, en: `No report ${reportId}.` });
  return report;
}
export type LoadedReport = Awaited<ReturnType<typeof loadReport>>;

export async function stepOf(db: Db, report: { stepWorkflowId: string; jurisdictionId: string; reporterAgencyId: string | null }) {
  return db.step.findUnique({ where: { id: stepIdOf(report) } });
}

const windowOfRun = (run: { windowFrom: Date; windowTo: Date }) => ({
  from: dateColumnToIso(run.windowFrom),
  to: dateColumnToIso(run.windowTo),
});

/** One report: its task, its versions, and the figures the record gives today (the prefill). */
export async function readReport(db: Db, report: LoadedReport, now = new Date()) {
  const [step, unit, prefill] = await Promise.all([
    stepOf(db, report),
    // The reporting unit: the agency reporting for itself, or the administrative unit.
    report.reporterAgencyId
      ? db.agency.findUniqueOrThrow({ where: { id: report.reporterAgencyId } })
      : db.jurisdiction.findUniqueOrThrow({ where: { id: report.jurisdictionId } }),
    figuresFromRecord(db, report.jurisdictionId, windowOfRun(report.run), now),
  ]);
  const latest = report.versions.at(-1);
  return {
    id: report.id,
    runId: report.runId,
    cycleId: report.run.cycleId,
    titleVi: report.run.cycle.nameVi,
    titleEn: report.run.cycle.nameEn,
    periodKey: report.run.periodKey,
    window: windowOfRun(report.run),
    unit: { id: unit.id, nameVi: unit.nameVi, nameEn: unit.nameEn },
    status: report.status,
    standing: standing(step, report.firstSubmittedAt, now),
    task: step
      ? {
          ownerAgencyId: step.ownerAgencyId,
          ownerRole: step.ownerRole,
          dueDate: dateColumnToIso(step.dueDate),
          dueAt: step.dueAt.toISOString(),
          status: step.status,
          explanation: step.explanation,
        }
      : null,
    prefill,
    latestVersion: report.latestVersion,
    figures: latest ? asFigures(latest.figures) : prefill,
    versions: report.versions.map((version) => ({
      version: version.version,
      submittedAt: version.submittedAt.toISOString(),
      submittedBy: version.submittedBy,
      figures: asFigures(version.figures),
      computed: asFigures(version.computed),
      corrections: version.corrections as unknown as Correction[],
      note: version.note,
    })),
    figureDefinitions: figureDefinitions(),
  };
}

/** The receiving unit's view of a run: each unit's standing and latest figures, the totals, who is missing or late. */
export async function readRollup(db: Db, runId: string, now = new Date()) {
  const run = await db.reportRun.findUnique({
    where: { id: runId },
    include: { cycle: true, reports: { orderBy: { jurisdictionId: 'asc' } } },
  });
  if (!run) throw problems.notFound({ vi: `Không có kỳ báo cáo ${runId}.`, en: `No reporting run ${runId}.` });
  const ownReport = run.reports.find((report) => report.reporterAgencyId === null && report.jurisdictionId === run.cycle.provinceId);
  const unitReports = run.reports.filter((report) => report !== ownReport);
  const [steps, units, latestVersions, escalations, recordTotals, receiver] = await Promise.all([
    // Only what the table shows: the steps' rule snapshots and explanations are large.
    db.step.findMany({ where: { caseRef: run.id }, select: { id: true, dueDate: true, dueAt: true } }),
    Promise.all([
      db.jurisdiction.findMany({ where: { id: { in: unitReports.map((r) => r.jurisdictionId) } }, select: { id: true, nameVi: true } }),
      db.agency.findMany({ where: { id: { in: unitReports.flatMap((r) => (r.reporterAgencyId ? [r.reporterAgencyId] : [])) } }, select: { id: true, nameVi: true } }),
    ]).then(([jurisdictions, agencies]) => [...jurisdictions, ...agencies]),
    db.$queryRaw<{ report_id: string; figures: unknown; corrections: unknown }[]>`
      SELECT v.report_id, v.figures, v.corrections FROM report_versions v
      JOIN reports r ON r.id = v.report_id AND v.version = r.latest_version
      WHERE r.run_id = ${run.id}`,
    db.$queryRaw<{ step_id: string; count: bigint }[]>`
      SELECT n.step_id, count(*) AS count FROM notifications n JOIN steps s ON s.id = n.step_id
      WHERE s.case_ref = ${run.id} AND n.kind = 'ESCALATION' GROUP BY n.step_id`,
    figuresFromRecord(db, run.cycle.provinceId, windowOfRun(run), now),
    db.agency.findUnique({ where: { id: run.cycle.receiverAgencyId } }),
  ]);
  const stepById = new Map(steps.map((step) => [step.id, step]));
  const nameOf = new Map(units.map((unit) => [unit.id, unit.nameVi]));
  const figuresOf = new Map(latestVersions.map((version) => [version.report_id, asFigures(version.figures)]));
  const correctionsOf = new Map(latestVersions.map((version) => [version.report_id, version.corrections as Correction[]]));
  const escalated = new Map(escalations.map((row) => [row.step_id, Number(row.count)]));

  const rows = unitReports.map((report) => {
    const stepId = stepIdOf(report);
    const step = stepById.get(stepId) ?? null;
    const unitStanding = standing(step, report.firstSubmittedAt, now);
    const reporter = report.reporterAgencyId ?? report.jurisdictionId;
    return {
      reportId: report.id,
      jurisdictionId: report.jurisdictionId,
      reporterAgencyId: report.reporterAgencyId,
      reporter,
      name: nameOf.get(reporter) ?? reporter,
      standing: unitStanding,
      standingVi: STANDING_VI[unitStanding],
      dueDate: step ? dateColumnToIso(step.dueDate) : null,
      submittedAt: report.firstSubmittedAt?.toISOString() ?? null,
      latestVersion: report.latestVersion,
      escalations: escalated.get(stepId) ?? 0,
      figures: figuresOf.get(report.id) ?? null,
      corrections: correctionsOf.get(report.id) ?? [],
    };
  });
  const submitted = rows.filter((row) => row.figures);
  return {
    runId: run.id,
    cycleId: run.cycleId,
    titleVi: run.cycle.nameVi,
    titleEn: run.cycle.nameEn,
    periodKey: run.periodKey,
    window: windowOfRun(run),
    receiver: { agencyId: run.cycle.receiverAgencyId, nameVi: receiver?.nameVi ?? run.cycle.receiverAgencyId },
    counts: {
      expected: rows.length,
      submitted: submitted.length,
      late: rows.filter((row) => row.standing === 'SUBMITTED_LATE' || row.standing === 'OVERDUE').length,
      missing: rows.length - submitted.length,
    },
    missing: rows.filter((row) => !row.figures).map((row) => row.reporter),
    late: rows.filter((row) => row.standing === 'SUBMITTED_LATE' || row.standing === 'OVERDUE').map((row) => row.reporter),
    totals: sumFigures(submitted.map((row) => row.figures as Figures)),
    recordTotals,
    ownReportId: ownReport?.id ?? null,
    units: rows,
    figureDefinitions: figureDefinitions(),
  };
}

/** A report's standing in SQL, the same four as `standing()`: r = reports, s = its step. */
const STANDING_SQL = Prisma.sql`CASE
  WHEN r.first_submitted_at IS NOT NULL AND s.due_at IS NOT NULL AND r.first_submitted_at > s.due_at THEN 'SUBMITTED_LATE'
  WHEN r.first_submitted_at IS NOT NULL THEN 'SUBMITTED'
  WHEN s.due_at IS NOT NULL AND now() > s.due_at THEN 'OVERDUE'
  ELSE 'OPEN' END`;
const STEP_OF_REPORT = Prisma.sql`LEFT JOIN steps s ON s.id = r.step_workflow_id || '/' || coalesce(r.reporter_agency_id, r.jurisdiction_id)`;

/**
 * The reports of these units (and of the agency, when it reports for itself), newest period first,
 * then by due date: a unit's own list of report tasks.
 */
export async function listReports(db: Db, scope: { units: string[]; agencyId?: string }, filter: { standing?: ReportStanding | undefined; page: number; pageSize: number }) {
  const rows = await db.$queryRaw<
    {
      id: string;
      run_id: string;
      title_vi: string;
      title_en: string;
      period_key: string;
      unit_id: string;
      unit_vi: string;
      unit_en: string;
      due_date: Date | null;
      standing: ReportStanding;
      latest_version: number;
      total: bigint;
    }[]
  >`
    WITH listed AS (
      SELECT r.id, r.run_id, c.name_vi AS title_vi, c.name_en AS title_en, run.period_key, run.period_start,
             coalesce(a.id, j.id) AS unit_id, coalesce(a.name_vi, j.name_vi) AS unit_vi, coalesce(a.name_en, j.name_en) AS unit_en,
             s.due_date, s.due_at, r.latest_version,
             ${STANDING_SQL} AS standing
      FROM reports r
      JOIN report_runs run ON run.id = r.run_id
      JOIN report_cycles c ON c.id = run.cycle_id
      JOIN jurisdictions j ON j.id = r.jurisdiction_id
      LEFT JOIN agencies a ON a.id = r.reporter_agency_id
      ${STEP_OF_REPORT}
      WHERE r.jurisdiction_id = ANY(${scope.units}::text[]) OR r.reporter_agency_id = ${scope.agencyId ?? null}
    )
    SELECT *, count(*) OVER () AS total FROM listed
    WHERE ${filter.standing ?? null}::text IS NULL OR standing = ${filter.standing ?? null}::text
    ORDER BY period_start DESC, due_at ASC NULLS LAST, unit_vi, id
    LIMIT ${filter.pageSize} OFFSET ${(filter.page - 1) * filter.pageSize}`;
  return {
    total: rows.length > 0 ? Number(rows[0]!.total) : 0,
    page: filter.page,
    pageSize: filter.pageSize,
    items: rows.map((row) => ({
      reportId: row.id,
      runId: row.run_id,
      titleVi: row.title_vi,
      titleEn: row.title_en,
      periodKey: row.period_key,
      unit: { id: row.unit_id, nameVi: row.unit_vi, nameEn: row.unit_en },
      dueDate: row.due_date ? dateColumnToIso(row.due_date) : null,
      standing: row.standing,
      latestVersion: row.latest_version,
    })),
  };
}

/** Each run of these cycles, newest first, with how many units reported, late or not at all (the roll-up's counts). */
export async function runSummaries(db: Db, cycleIds: string[], perCycle: number) {
  const rows = await db.$queryRaw<
    { id: string; cycle_id: string; period_key: string; window_from: Date; window_to: Date; expected: bigint; submitted: bigint; late: bigint }[]
  >`
    WITH ranked AS (
      SELECT run.*, row_number() OVER (PARTITION BY run.cycle_id ORDER BY run.period_start DESC, run.started_at DESC) AS n
      FROM report_runs run WHERE run.cycle_id = ANY(${cycleIds}::text[])
    )
    SELECT run.id, run.cycle_id, run.period_key, run.window_from, run.window_to,
           count(r.id) AS expected,
           count(r.id) FILTER (WHERE r.first_submitted_at IS NOT NULL) AS submitted,
           count(r.id) FILTER (WHERE ${STANDING_SQL} IN ('SUBMITTED_LATE', 'OVERDUE')) AS late
    FROM ranked run
    JOIN report_cycles c ON c.id = run.cycle_id
    LEFT JOIN reports r ON r.run_id = run.id AND r.jurisdiction_id <> c.province_id
    ${STEP_OF_REPORT}
    WHERE run.n <= ${perCycle}
    GROUP BY run.id, run.cycle_id, run.period_key, run.window_from, run.window_to, run.period_start, run.started_at
    ORDER BY run.period_start DESC, run.started_at DESC`;
  return rows.map((row) => ({
    id: row.id,
    cycleId: row.cycle_id,
    periodKey: row.period_key,
    window: windowOfRun({ windowFrom: row.window_from, windowTo: row.window_to }),
    expected: Number(row.expected),
    submitted: Number(row.submitted),
    late: Number(row.late),
    missing: Number(row.expected) - Number(row.submitted),
  }));
}
