import type { Db } from '../../db/client';
import { figuresFromRecord } from '../../db/reporting/figures-from-record';
import { FIGURE_KEYS, sumFigures, type Figures } from '../../domain/reporting/report-figures';
import { dateColumnToIso } from '../../domain/time/legal-date';
import { problems } from '../http/problem';

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

const stepIdOf = (stepWorkflowId: string, jurisdictionId: string) => `${stepWorkflowId}/${jurisdictionId}`;

export async function loadReport(db: Db, reportId: string) {
  const report = await db.report.findUnique({
    where: { id: reportId },
    include: { run: { include: { cycle: true } }, versions: { orderBy: { version: 'asc' } } },
  });
  if (!report) throw problems.notFound({ vi: `Không có báo cáo ${reportId}.`, en: `No report ${reportId}.` });
  return report;
}
export type LoadedReport = Awaited<ReturnType<typeof loadReport>>;

export async function stepOf(db: Db, report: { stepWorkflowId: string; jurisdictionId: string }) {
  return db.step.findUnique({ where: { id: stepIdOf(report.stepWorkflowId, report.jurisdictionId) } });
}

const windowOfRun = (run: { windowFrom: Date; windowTo: Date }) => ({
  from: dateColumnToIso(run.windowFrom),
  to: dateColumnToIso(run.windowTo),
});

/** One report: its task, its versions, and the figures the record gives today (the prefill). */
export async function readReport(db: Db, report: LoadedReport, now = new Date()) {
  const [step, unit, prefill] = await Promise.all([
    stepOf(db, report),
    db.jurisdiction.findUniqueOrThrow({ where: { id: report.jurisdictionId } }),
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
  };
}

/** The receiving unit's view of a run: each unit's standing and latest figures, the totals, who is missing or late. */
export async function readRollup(db: Db, runId: string, now = new Date()) {
  const run = await db.reportRun.findUnique({
    where: { id: runId },
    include: { cycle: true, reports: { orderBy: { jurisdictionId: 'asc' } } },
  });
  if (!run) throw problems.notFound({ vi: `Không có kỳ báo cáo ${runId}.`, en: `No reporting run ${runId}.` });
  const ownReport = run.reports.find((report) => report.jurisdictionId === run.cycle.provinceId);
  const unitReports = run.reports.filter((report) => report !== ownReport);
  const [steps, units, latestVersions, escalations, recordTotals, receiver] = await Promise.all([
    // Only what the table shows: the steps' rule snapshots and explanations are large.
    db.step.findMany({ where: { caseRef: run.id }, select: { id: true, dueDate: true, dueAt: true } }),
    db.jurisdiction.findMany({ where: { id: { in: unitReports.map((r) => r.jurisdictionId) } }, select: { id: true, nameVi: true } }),
    db.$queryRaw<{ report_id: string; figures: unknown }[]>`
      SELECT v.report_id, v.figures FROM report_versions v
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
  const escalated = new Map(escalations.map((row) => [row.step_id, Number(row.count)]));

  const rows = unitReports.map((report) => {
    const stepId = stepIdOf(report.stepWorkflowId, report.jurisdictionId);
    const step = stepById.get(stepId) ?? null;
    const unitStanding = standing(step, report.firstSubmittedAt, now);
    return {
      reportId: report.id,
      jurisdictionId: report.jurisdictionId,
      name: nameOf.get(report.jurisdictionId) ?? report.jurisdictionId,
      standing: unitStanding,
      standingVi: STANDING_VI[unitStanding],
      dueDate: step ? dateColumnToIso(step.dueDate) : null,
      submittedAt: report.firstSubmittedAt?.toISOString() ?? null,
      latestVersion: report.latestVersion,
      escalations: escalated.get(stepId) ?? 0,
      figures: figuresOf.get(report.id) ?? null,
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
    missing: rows.filter((row) => !row.figures).map((row) => row.jurisdictionId),
    late: rows.filter((row) => row.standing === 'SUBMITTED_LATE' || row.standing === 'OVERDUE').map((row) => row.jurisdictionId),
    totals: sumFigures(submitted.map((row) => row.figures as Figures)),
    recordTotals,
    ownReportId: ownReport?.id ?? null,
    units: rows,
  };
}
