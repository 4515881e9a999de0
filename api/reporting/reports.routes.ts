import type { Client } from '@temporalio/client';
import type { Logger } from 'pino';
import type { Db } from '../../db/client';
import { figuresFromRecord } from '../../db/reporting/figures-from-record';
import { FIGURES, FIGURE_KEYS, type Figures } from '../../domain/reporting/report-figures';
import type { Prisma } from '../../generated/prisma/client';
import { closeReportTask } from '../../temporal/report-tasks';
import { actsFor } from '../auth/acts-for';
import { assertCovers } from '../auth/jurisdiction-guard';
import type { Principal } from '../auth/principal';
import { idempotencyKey, idempotencyKeyReused, requestHashOf } from '../http/idempotency';
import { problems } from '../http/problem';
import type { ApiRoutes, Reply } from '../http/routes';
import { parseInput } from '../http/validation';
import type { JurisdictionDirectory } from '../registry/jurisdiction-directory';
import { REPORTING_COORDINATORS } from './cycles.routes';
import { AGENCY_REPORTERS, REPORTERS } from './reporters';
import { reportCsv, reportWorkbook, rollupCsv, rollupWorkbook } from './report-export';
import { coveredUnits } from '../deadlines/covered-units';
import { listReports, loadReport, readReport, readRollup, stepOf, type Correction } from './report-reader';
import { exportQuery, progressQuery, reportIdParams, runIdParams, submitReportBody, targetsBody } from './reporting.schemas';
import {
  reportListQuery,
  reportListView,
  reportView,
  rollupView,
  submittedVersionView,
  targetProgressView,
  targetsView,
} from './reporting.views';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
/** What `format=xlsx` and `format=csv` send (the document lists them beside the JSON). */
const EXPORT_TYPES = [XLSX, 'text/csv'] as const;

function download(body: Buffer, format: 'xlsx' | 'csv', name: string): Reply {
  return {
    status: 200,
    raw: body,
    headers: {
      'Content-Type': format === 'xlsx' ? XLSX : 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="${name.replace(/[^A-Za-z0-9_.-]/g, '_')}.${format}"`,
    },
  };
}

export function registerReportRoutes(routes: ApiRoutes, deps: { db: Db; temporal: Client; directory: JurisdictionDirectory; logger: Logger }): void {
  const { db, temporal, directory, logger } = deps;

  /** An agency reads its own report; the unit reporters read the reports of the units they cover. */
  async function assertMayRead(principal: Principal, report: { jurisdictionId: string; reporterAgencyId: string | null }) {
    if (report.reporterAgencyId !== null && (await actsFor(db, principal, report.reporterAgencyId))) return;
    if (!principal.roles.some((role) => REPORTERS.includes(role))) throw problems.forbiddenJurisdiction();
    assertCovers(await directory.scope(), principal, report.jurisdictionId);
  }

  /** The report task ends with the first submission; a later correction finds it closed already. */
  async function closeTask(step: { workflowId: string; stepKey: string }, reportId: string, principal: Principal): Promise<boolean> {
    try {
      await closeReportTask(temporal, { reportId, stepWorkflowId: step.workflowId, stepKey: step.stepKey, actorId: principal.userId });
      return true;
    } catch (error) {
      // The version is on record; the worker's sweep (or a retried submission) closes the task.
      logger.warn({ err: error, reportId }, 'report submitted but its task could not be closed yet');
      return false;
    }
  }

  routes.add({
    method: 'get',
    path: '/reports',
    tag: 'Reporting',
    summary: 'The reports of the units I cover (my commune’s, or every unit’s for a coordinator), newest period first',
    access: { roles: [...REPORTERS, ...AGENCY_REPORTERS] },
    query: reportListQuery,
    responses: { 200: { description: 'One page of reports with their standing', schema: reportListView } },
    handler: async ({ principal, query }) => {
      const units = principal.roles.some((role) => REPORTERS.includes(role)) ? await coveredUnits(directory, principal) : [];
      return { status: 200, body: await listReports(db, { units, agencyId: principal.agencyId }, query) };
    },
  });

  routes.add({
    method: 'get',
    path: '/reports/:reportId',
    tag: 'Reporting',
    summary: 'A unit’s report: its task and due date, the figures the record gives (prefill), its submitted versions',
    description: '`format=xlsx` or `format=csv` downloads the latest figures (or the prefill before any submission).',
    access: { roles: [...REPORTERS, ...AGENCY_REPORTERS] },
    params: reportIdParams,
    query: exportQuery,
    responses: {
      200: { description: 'The report (JSON), or its workbook or CSV', schema: reportView, files: EXPORT_TYPES },
      404: { description: 'No such report' },
    },
    handler: async ({ principal, params, query }) => {
      const report = await loadReport(db, params.reportId);
      await assertMayRead(principal, report);
      const view = await readReport(db, report);
      if (query.format === 'json') return { status: 200, body: view };
      const latest = view.versions.at(-1);
      const exported = {
        titleVi: view.titleVi,
        unitName: view.unit.nameVi,
        periodKey: view.periodKey,
        window: view.window,
        dueDate: view.task?.dueDate ?? null,
        submittedAt: latest?.submittedAt ?? null,
        version: view.latestVersion,
        figures: view.figures,
        computed: latest?.computed ?? view.prefill,
        corrections: latest?.corrections ?? [],
      };
      return query.format === 'xlsx'
        ? download(await reportWorkbook(exported), 'xlsx', view.id)
        : download(reportCsv(exported), 'csv', view.id);
    },
  });

  routes.add({
    method: 'post',
    path: '/reports/:reportId/versions',
    tag: 'Reporting',
    summary: 'Submit the report: the record’s figures with corrections (each with a reason); a later submission is a new version',
    description:
      'Send an `Idempotency-Key`: a retry gets the version the first request made. Submitted versions are never changed.',
    access: { roles: [...REPORTERS, ...AGENCY_REPORTERS] },
    params: reportIdParams,
    body: submitReportBody,
    responses: {
      201: { description: 'The new version', schema: submittedVersionView },
      200: { description: 'A retried submission: the version it made the first time', schema: submittedVersionView },
      404: { description: 'No such report' },
      409: { description: 'The report task is not open yet, or the Idempotency-Key was used before with another body' },
    },
    handler: async ({ principal, params, body, req }) => {
      const key = parseInput(idempotencyKey, req.get('idempotency-key'), 'headers.idempotency-key');
      const report = await loadReport(db, params.reportId);
      const step = await stepOf(db, report);
      if (!step)
        throw problems.conflict({
          vi: 'Nhiệm vụ báo cáo chưa được mở; vui lòng thử lại sau ít phút.',
          en: 'The report task is not open yet; try again shortly.',
        });
      if (!(await actsFor(db, principal, step.ownerAgencyId))) throw problems.forbiddenJurisdiction();

      const idempotency = `${principal.userId}:${key}`;
      const requestHash = requestHashOf({ reportId: report.id, ...body });
      const earlier = await db.reportVersion.findUnique({ where: { idempotencyKey: idempotency } });
      if (earlier) {
        if (earlier.requestHash !== requestHash) throw idempotencyKeyReused();
        const taskClosed = await closeTask(step, report.id, principal);
        return { status: 200, body: { reportId: report.id, version: earlier.version, taskClosed } };
      }

      const window = { from: report.run.windowFrom.toISOString().slice(0, 10), to: report.run.windowTo.toISOString().slice(0, 10) };
      const computed = await figuresFromRecord(db, report.jurisdictionId, window);
      const figures: Figures = { ...computed, ...body.manual };
      const corrections: Correction[] = body.corrections.map((correction) => {
        figures[correction.key] = correction.value;
        return { key: correction.key, computed: computed[correction.key] ?? 0, submitted: correction.value, reason: correction.reason };
      });
      const now = new Date();
      const version = await db.$transaction(async (tx) => {
        // One submission at a time per report: the version numbers never collide.
        const [locked] = await tx.$queryRaw<{ latest_version: number }[]>`
          SELECT latest_version FROM reports WHERE id = ${report.id} FOR UPDATE`;
        const next = (locked?.latest_version ?? 0) + 1;
        await tx.reportVersion.create({
          data: {
            reportId: report.id,
            version: next,
            figures: figures as unknown as Prisma.InputJsonValue,
            computed: computed as unknown as Prisma.InputJsonValue,
            corrections: corrections as unknown as Prisma.InputJsonValue,
            note: body.note ?? null,
            submittedBy: principal.userId,
            submittedByAgencyId: principal.agencyId,
            submittedAt: now,
            idempotencyKey: idempotency,
            requestHash,
          },
        });
        await tx.report.update({
          where: { id: report.id },
          data: { latestVersion: next, status: 'SUBMITTED', firstSubmittedAt: report.firstSubmittedAt ?? now },
        });
        await tx.auditEvent.create({
          data: {
            action: 'report.submitted',
            actorUserId: principal.userId,
            actorAgencyId: principal.agencyId,
            subjectType: 'report',
            subjectId: report.id,
            jurisdictionId: report.jurisdictionId,
            requestId: String(req.id),
            details: { version: next, corrections: corrections.map((c) => c.key) },
          },
        });
        return next;
      });
      const taskClosed = await closeTask(step, report.id, principal);
      return {
        status: 201,
        body: { reportId: report.id, version, late: (report.firstSubmittedAt ?? now) > step.dueAt, taskClosed },
        headers: { Location: `/reports/${report.id}` },
      };
    },
  });

  routes.add({
    method: 'get',
    path: '/reporting/runs/:runId/rollup',
    tag: 'Reporting',
    summary: 'The receiving unit’s roll-up: each unit’s report and standing, who is missing or late, the totals',
    description: '`format=xlsx` or `format=csv` downloads the table.',
    access: { roles: REPORTING_COORDINATORS },
    params: runIdParams,
    query: exportQuery,
    responses: {
      200: { description: 'The roll-up (JSON), or its workbook or CSV', schema: rollupView, files: EXPORT_TYPES },
      404: { description: 'No such reporting run' },
    },
    handler: async ({ principal, params, query }) => {
      const run = await db.reportRun.findUnique({ where: { id: params.runId }, include: { cycle: true } });
      if (!run) throw problems.notFound({ vi: `Không có kỳ báo cáo ${params.runId}.`, en: `No reporting run ${params.runId}.` });
      assertCovers(await directory.scope(), principal, run.cycle.provinceId);
      const rollup = await readRollup(db, run.id);
      if (query.format === 'json') return { status: 200, body: rollup };
      const exported = {
        titleVi: rollup.titleVi,
        receiverName: rollup.receiver.nameVi,
        periodKey: rollup.periodKey,
        window: rollup.window,
        units: rollup.units.map((unit) => ({
          name: unit.name,
          statusVi: unit.standingVi,
          dueDate: unit.dueDate,
          submittedAt: unit.submittedAt,
          figures: unit.figures,
        })),
        totals: rollup.totals,
      };
      return query.format === 'xlsx'
        ? download(await rollupWorkbook(exported), 'xlsx', `rollup-${rollup.runId}`)
        : download(rollupCsv(exported), 'csv', `rollup-${rollup.runId}`);
    },
  });

  routes.add({
    method: 'put',
    path: '/reporting/targets',
    tag: 'Reporting',
    summary: 'Set a unit’s yearly plan targets (e.g. 70 compulsory admissions)',
    access: { roles: REPORTING_COORDINATORS },
    body: targetsBody,
    responses: { 200: { description: 'The targets now on record', schema: targetsView } },
    handler: async ({ principal, body }) => {
      assertCovers(await directory.scope(), principal, body.jurisdictionId);
      await db.$transaction(
        body.targets.map((target) =>
          db.reportTarget.upsert({
            where: { year_jurisdictionId_metric: { year: body.year, jurisdictionId: body.jurisdictionId, metric: target.metric } },
            create: { year: body.year, jurisdictionId: body.jurisdictionId, metric: target.metric, target: target.target, source: target.source ?? null },
            update: { target: target.target, source: target.source ?? null },
          }),
        ),
      );
      const targets = await db.reportTarget.findMany({ where: { year: body.year, jurisdictionId: body.jurisdictionId } });
      return { status: 200, body: { year: body.year, jurisdictionId: body.jurisdictionId, targets } };
    },
  });

  routes.add({
    method: 'get',
    path: '/reporting/targets/progress',
    tag: 'Reporting',
    summary: 'Progress against a unit’s yearly targets, computed from the record (manual figures from submitted quarterly reports)',
    access: { roles: [...REPORTING_COORDINATORS, 'COMMUNE_OFFICIAL', 'COMMUNE_CHAIRMAN'] },
    query: progressQuery,
    responses: { 200: { description: 'Each target with the figure reached so far', schema: targetProgressView } },
    handler: async ({ principal, query }) => {
      const scope = await directory.scope();
      assertCovers(scope, principal, query.jurisdictionId);
      const targets = await db.reportTarget.findMany({ where: { year: query.year, jurisdictionId: query.jurisdictionId } });
      const fromRecord = await figuresFromRecord(db, query.jurisdictionId, { from: `${query.year}-01-01`, to: `${query.year}-12-31` });
      const manual = await manualFiguresOfYear(db, query.jurisdictionId, query.year);
      return {
        status: 200,
        body: {
          year: query.year,
          jurisdictionId: query.jurisdictionId,
          targets: targets.map((target) => {
            const definition = FIGURES.find((figure) => figure.key === target.metric);
            const key = target.metric as (typeof FIGURE_KEYS)[number];
            const reached = (definition?.source === 'MANUAL' ? manual[key] : fromRecord[key]) ?? 0;
            return {
              metric: target.metric,
              labelVi: definition?.vi ?? target.metric,
              labelEn: definition?.en ?? target.metric,
              target: target.target,
              reached,
              percent: target.target > 0 ? Math.round((reached / target.target) * 1000) / 10 : null,
              source: target.source,
              measuredFrom: definition?.source === 'MANUAL' ? 'SUBMITTED_QUARTERLY_REPORTS' : 'RECORD',
            };
          }),
        },
      };
    },
  });
}

/** Manual figures (vocational classes) of a year: the latest version of each quarterly report in the unit's subtree. */
async function manualFiguresOfYear(db: Db, jurisdictionId: string, year: number): Promise<Figures> {
  const rows = await db.$queryRaw<{ key: string; total: bigint }[]>`
    WITH unit AS (SELECT path FROM jurisdictions WHERE id = ${jurisdictionId}),
    latest AS (
      SELECT v.figures FROM reports r
      JOIN report_runs run ON run.id = r.run_id
      JOIN report_cycles c ON c.id = run.cycle_id
      JOIN report_versions v ON v.report_id = r.id AND v.version = r.latest_version
      JOIN jurisdictions j ON j.id = r.jurisdiction_id, unit
      WHERE c.period_kind = 'QUARTERLY' AND extract(year FROM run.period_start) = ${year}
        AND j.path LIKE unit.path || '%' AND r.jurisdiction_id <> c.province_id
    )
    SELECT k.key, coalesce(sum((latest.figures->>k.key)::int), 0) AS total
    FROM latest CROSS JOIN (VALUES ('vocationalClasses'), ('vocationalTrainees')) AS k(key)
    GROUP BY k.key`;
  const figures = Object.fromEntries(FIGURE_KEYS.map((key) => [key, 0])) as Figures;
  for (const row of rows) figures[row.key as (typeof FIGURE_KEYS)[number]] = Number(row.total);
  return figures;
}
