import { ScheduleAlreadyRunning, ScheduleNotFoundError, ScheduleOverlapPolicy, type Client, type ScheduleSpec } from '@temporalio/client';
import type { Db } from '../db/client';
import { cycleConfig, type ScheduleConfig } from '../domain/reporting/cycle-config';
import { periodStartMonths, type PeriodKind } from '../domain/reporting/report-periods';
import { VIETNAM_TIME_ZONE } from '../domain/time/legal-date';
import {
  REPORTING_RUN_WORKFLOW,
  reportRunWorkflowId,
  reportScheduleId,
  type ReportingRunInput,
} from '../workflows/reporting/reporting-contract';

/** When a cycle runs: five past midnight (Vietnam) on the first day of each period, or every N seconds. */
export function scheduleSpecOf(schedule: ScheduleConfig, kind: PeriodKind): ScheduleSpec {
  if (schedule.kind === 'EVERY') return { intervals: [{ every: `${schedule.seconds}s` }] };
  return {
    calendars: [{ month: periodStartMonths(kind).map(monthName), dayOfMonth: 1, hour: 0, minute: 5 }],
    timezone: VIETNAM_TIME_ZONE,
  };
}

const MONTHS = [
  'JANUARY',
  'FEBRUARY',
  'MARCH',
  'APRIL',
  'MAY',
  'JUNE',
  'JULY',
  'AUGUST',
  'SEPTEMBER',
  'OCTOBER',
  'NOVEMBER',
  'DECEMBER',
] as const;
const monthName = (month: number) => MONTHS[month - 1] as (typeof MONTHS)[number];

interface CycleTiming {
  id: string;
  periodKind: PeriodKind;
  schedule: ScheduleConfig;
  paused: boolean;
}

/** The Temporal Schedules behind reporting cycles: the database holds the configuration, these the timing. */
export class ReportSchedules {
  constructor(
    private readonly temporal: Client,
    private readonly taskQueue: string,
  ) {}

  /** Creates the cycle's schedule, or brings an existing one to the configuration (safe to repeat). */
  async upsert(cycle: CycleTiming, note: string): Promise<void> {
    const handle = this.temporal.schedule.getHandle(reportScheduleId(cycle.id));
    const spec = scheduleSpecOf(cycle.schedule, cycle.periodKind);
    try {
      await handle.update((previous) => ({ ...previous, spec }));
    } catch (error) {
      if (!(error instanceof ScheduleNotFoundError)) throw error;
      if (await this.create(cycle, spec, note)) return;
      // Another request created it between this one's update and create: bring it to this configuration.
      await handle.update((previous) => ({ ...previous, spec }));
    }
    if (cycle.paused) await handle.pause(note);
    else await handle.unpause(note);
  }

  /** Creates the schedule; false when it exists already (created meanwhile by a concurrent request). */
  private async create(cycle: CycleTiming, spec: ScheduleSpec, note: string): Promise<boolean> {
    try {
      await this.temporal.schedule.create({
        scheduleId: reportScheduleId(cycle.id),
        spec,
        action: {
          type: 'startWorkflow',
          workflowType: REPORTING_RUN_WORKFLOW,
          workflowId: reportRunWorkflowId(cycle.id),
          args: [{ cycleId: cycle.id } satisfies ReportingRunInput],
          taskQueue: this.taskQueue,
        },
        // A run missed while the server was down still happens within a week, once.
        policies: { overlap: ScheduleOverlapPolicy.BUFFER_ONE, catchupWindow: '7 days' },
        state: { paused: cycle.paused, note },
      });
      return true;
    } catch (error) {
      if (error instanceof ScheduleAlreadyRunning) return false;
      throw error;
    }
  }

  /**
   * Brings every cycle's schedule to what the database says (the database is the configuration):
   * run at worker start, so a fresh Temporal server or a restored database converges by itself.
   */
  async reconcileAll(db: Db): Promise<number> {
    const cycles = await db.reportCycle.findMany();
    for (const cycle of cycles) {
      await this.upsert(
        {
          id: cycle.id,
          periodKind: cycle.periodKind as PeriodKind,
          schedule: cycleConfig.parse(cycle.config).schedule,
          paused: cycle.paused,
        },
        `reconciled with revision ${cycle.revision}`,
      );
    }
    return cycles.length;
  }

  async setPaused(cycleId: string, paused: boolean, note: string): Promise<void> {
    const handle = this.temporal.schedule.getHandle(reportScheduleId(cycleId));
    if (paused) await handle.pause(note);
    else await handle.unpause(note);
  }

  /** Starts a run now, for the current period or a named one (on demand, or catching up). */
  async runNow(input: ReportingRunInput): Promise<string> {
    const what = input.adHoc ? `adhoc-${input.adHoc.from}-${input.adHoc.to}` : (input.periodKey ?? 'current');
    const workflowId = `${reportRunWorkflowId(input.cycleId)}:manual:${what}:${Date.now()}`;
    await this.temporal.workflow.start(REPORTING_RUN_WORKFLOW, { workflowId, taskQueue: this.taskQueue, args: [input] });
    return workflowId;
  }

  /** The schedule's state, or null while it does not exist (the worker creates it for a cycle seeded in the database). */
  async describe(cycleId: string) {
    let description;
    try {
      description = await this.temporal.schedule.getHandle(reportScheduleId(cycleId)).describe();
    } catch (error) {
      if (error instanceof ScheduleNotFoundError) return null;
      throw error;
    }
    return {
      paused: description.state.paused,
      note: description.state.note ?? null,
      nextRuns: description.info.nextActionTimes.slice(0, 3).map((time) => time.toISOString()),
      recentRuns: description.info.recentActions.map((action) => ({
        scheduledAt: action.scheduledAt.toISOString(),
        workflowId: action.action.workflow.workflowId,
      })),
    };
  }
}
