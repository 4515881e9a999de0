/** The reporting run's messages, shared by the workflow, the activities, the API and the tests. */
export const REPORTING_RUN_WORKFLOW = 'reportingRunWorkflow';

/** A cycle's Temporal Schedule id. */
export const reportScheduleId = (cycleId: string) => `report-cycle:${cycleId}`;
/** The id its runs start under (the schedule appends the scheduled time). */
export const reportRunWorkflowId = (cycleId: string) => `report-run:${cycleId}`;

export interface ReportingRunInput {
  cycleId: string;
  /** "2026-Q4": a run for a named period (catching up, or on demand); else the period of the scheduled time. */
  periodKey?: string;
  /** An ad hoc request: the window asked for, counted from the day it was asked (rule REPORT.AD_HOC). */
  adHoc?: { requestedOn: string; from: string; to: string };
  /** Set when the run continues as new: the tasks before it are already started. */
  resume?: { offset: number; opened: number; alreadyOpen: number };
}

export interface ReportTaskPlan {
  runId: string;
  periodKey: string;
  /** The period's first day: the start event of every report task's deadline rule. */
  startDate: string;
  /** One per reporting unit, and the receiver's own report when the cycle asks for one. */
  tasks: {
    jurisdictionId: string;
    stepWorkflowId: string;
    ruleKey: string;
    /** An agency reporting for itself: the task's owner and its step key (a unit's task is keyed by the unit). */
    ownerAgencyId?: string;
  }[];
}

export interface ReportingRunResult {
  runId: string;
  opened: number;
  alreadyOpen: number;
}

export const reportStepWorkflowId = (runId: string, jurisdictionId: string) => `step:${runId}:${jurisdictionId}`;
