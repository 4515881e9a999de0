import { ApplicationFailure } from '@temporalio/common';
import type { Db } from '../../db/client';
import { cycleConfig, windowRuleOf } from '../../domain/reporting/cycle-config';
import { parsePeriodKey, periodContaining, windowOf, type PeriodKind } from '../../domain/reporting/report-periods';
import { isoToDateColumn, vietnamDate } from '../../domain/time/legal-date';
import type { Prisma } from '../../generated/prisma/client';
import type { JurisdictionLevel } from '../../generated/prisma/enums';
import {
  REPORT_TASKS_PER_BATCH,
  reportTaskStepKey,
  reportTasksWorkflowId,
  type ReportingRunInput,
  type ReportTask,
  type ReportTaskPlan,
} from '../../workflows/reporting/reporting-contract';

export const ReportingFailure = {
  NO_CYCLE: 'REPORTING.NO_CYCLE',
  BAD_PERIOD: 'REPORTING.BAD_PERIOD',
} as const;

/** What a run keeps of its cycle: later changes to the cycle never reach it. */
export interface RunSnapshot {
  revision: number;
  ruleKey: string;
  /** The start event's date of every task: the period's first day, or the day an ad hoc report was asked for. */
  startDate?: string;
  receiverAgencyId: string;
  receiverRuleKey?: string;
  units: string[];
  /** Agencies reporting for themselves (a team 178, a facility), each with its unit; when present, the units are empty. */
  agencies?: { agencyId: string; jurisdictionId: string }[];
}

const AD_HOC_RULE = 'REPORT.AD_HOC';

const fail = (type: string, message: string) => ApplicationFailure.create({ type, message, nonRetryable: true });

export function createReportingActivities(db: Db) {
  /**
   * The units that report: the listed ones, or every unit of the level in the province in force
   * on the day the run begins. A window before a reorganisation is reported by the units of
   * today, each for the units merged into it (its figures count them): a report asked today on
   * the first quarter of 2024 goes to the four communes that exist, not to the six abolished in
   * 2025, whose committees are gone.
   */
  async function reportingUnits(
    cycle: { provinceId: string; reporterLevel: JurisdictionLevel; reporterIds: string[] },
    asOf: string,
  ): Promise<string[]> {
    if (cycle.reporterIds.length > 0) return [...cycle.reporterIds].sort();
    const province = await db.jurisdiction.findUniqueOrThrow({ where: { id: cycle.provinceId } });
    const units = await db.jurisdiction.findMany({
      where: {
        level: cycle.reporterLevel,
        path: { startsWith: province.path },
        validFrom: { lte: isoToDateColumn(asOf) },
        OR: [{ validTo: null }, { validTo: { gte: isoToDateColumn(asOf) } }],
      },
      select: { id: true },
      orderBy: { id: 'asc' },
    });
    return units.map((unit) => unit.id);
  }

  /** The agencies that report for themselves, each with the unit it belongs to. */
  async function reportingAgencies(ids: string[]) {
    const agencies = await db.agency.findMany({ where: { id: { in: ids } }, select: { id: true, jurisdictionId: true }, orderBy: { id: 'asc' } });
    return agencies.map((agency) => ({ agencyId: agency.id, jurisdictionId: agency.jurisdictionId }));
  }

  return {
    /**
     * Records the run for its period (once: a second start finds the first's snapshot) and one
     * report row per unit; answers the tasks the workflow opens.
     */
    async beginReportingRun(input: ReportingRunInput & { scheduledAt: string }): Promise<ReportTaskPlan> {
      const cycle = await db.reportCycle.findUnique({ where: { id: input.cycleId } });
      if (!cycle) throw fail(ReportingFailure.NO_CYCLE, `no reporting cycle ${input.cycleId}`);
      const kind = cycle.periodKind as PeriodKind;
      const { adHoc } = input;
      const period = adHoc
        ? { key: `ADHOC-${adHoc.requestedOn}-${adHoc.from}-${adHoc.to}`, start: adHoc.from, end: adHoc.to }
        : input.periodKey
          ? parsePeriodKey(kind, input.periodKey)
          : periodContaining(kind, vietnamDate(new Date(input.scheduledAt)));
      if (!period) throw fail(ReportingFailure.BAD_PERIOD, `${input.periodKey} is not a ${kind} period`);
      const runId = `${cycle.id}:${period.key}`;

      let run = await db.reportRun.findUnique({ where: { id: runId } });
      if (!run) {
        const config = cycleConfig.parse(cycle.config);
        const window = adHoc ? { from: adHoc.from, to: adHoc.to } : windowOf({ ...period, kind }, windowRuleOf(config, kind));
        const snapshot: RunSnapshot = {
          revision: cycle.revision,
          ruleKey: adHoc ? AD_HOC_RULE : cycle.ruleKey,
          startDate: adHoc ? adHoc.requestedOn : period.start,
          receiverAgencyId: cycle.receiverAgencyId,
          ...(config.receiverRuleKey ? { receiverRuleKey: config.receiverRuleKey } : {}),
          ...(cycle.reporterAgencyIds.length > 0
            ? { units: [], agencies: await reportingAgencies(cycle.reporterAgencyIds) }
            : { units: await reportingUnits(cycle, adHoc ? adHoc.requestedOn : vietnamDate(new Date(input.scheduledAt))) }),
        };
        run = await db.reportRun.upsert({
          where: { id: runId },
          update: {},
          create: {
            id: runId,
            cycleId: cycle.id,
            periodKey: period.key,
            periodStart: isoToDateColumn(period.start),
            periodEnd: isoToDateColumn(period.end),
            windowFrom: isoToDateColumn(window.from),
            windowTo: isoToDateColumn(window.to),
            cycleRevision: cycle.revision,
            snapshot: snapshot as unknown as Prisma.InputJsonValue,
          },
        });
      }
      const snapshot = run.snapshot as unknown as RunSnapshot;
      const units: Omit<ReportTask, 'stepWorkflowId'>[] = [
        ...snapshot.units.map((jurisdictionId) => ({ jurisdictionId, ruleKey: snapshot.ruleKey })),
        ...(snapshot.agencies ?? []).map(({ agencyId, jurisdictionId }) => ({ jurisdictionId, ruleKey: snapshot.ruleKey, ownerAgencyId: agencyId })),
      ];
      if (snapshot.receiverRuleKey && !adHoc) units.push({ jurisdictionId: cycle.provinceId, ruleKey: snapshot.receiverRuleKey });
      const reportId = (task: Omit<ReportTask, 'stepWorkflowId'>) => `${runId}:${reportTaskStepKey(task)}`;
      await db.report.createMany({
        data: units.map((task, index) => ({
          id: reportId(task),
          runId,
          jurisdictionId: task.jurisdictionId,
          reporterAgencyId: task.ownerAgencyId ?? null,
          provinceId: cycle.provinceId,
          stepWorkflowId: reportTasksWorkflowId(runId, Math.floor(index / REPORT_TASKS_PER_BATCH)),
        })),
        skipDuplicates: true,
      });
      // A run begun again (a second start, a retry) keeps the workflows its rows name, batches or,
      // for runs begun before batches, a workflow per task.
      const rows = await db.report.findMany({ where: { runId }, select: { id: true, stepWorkflowId: true } });
      const workflowOf = new Map(rows.map((row) => [row.id, row.stepWorkflowId]));
      const tasks: ReportTask[] = units.map((task) => ({ ...task, stepWorkflowId: workflowOf.get(reportId(task)) as string }));
      // Runs recorded before start dates were kept start on their period's first day.
      const startDate = snapshot.startDate ?? run.periodStart.toISOString().slice(0, 10);
      return { runId, periodKey: period.key, startDate, tasks };
    },
  };
}
