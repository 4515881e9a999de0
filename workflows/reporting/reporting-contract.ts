import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { CompleteStepInput, StepPlan, StepState } from '../deadlines/contract';

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
  tasks: ReportTask[];
}

export interface ReportTask {
  jurisdictionId: string;
  /** The workflow that keeps the task's clock: its batch's (`reportTasksWorkflowId`), or its own in runs begun before batches. */
  stepWorkflowId: string;
  ruleKey: string;
  /** An agency reporting for itself: the task's owner and its step key (a unit's task is keyed by the unit). */
  ownerAgencyId?: string;
}

/** A task's step key within its run: the unit, or the agency that reports for itself. */
export const reportTaskStepKey = (task: { jurisdictionId: string; ownerAgencyId?: string | null }) => task.ownerAgencyId ?? task.jurisdictionId;

/** One batch of a run's report tasks, each a deadline step in one workflow (reportTasksWorkflow). */
export interface ReportTasksInput {
  runId: string;
  startDate: string;
  tasks: ReportTask[];
}

/** Report tasks per batch workflow: a national cycle's 3,321 in 34 workflows, each history a few thousand events. */
export const REPORT_TASKS_PER_BATCH = 100;
export const REPORT_TASKS_WORKFLOW_PREFIX = 'report-tasks:';
/** Whether a report row's workflow is a batch (reportTasksWorkflow) rather than a task's own (runs begun before batches). */
export const isReportTasksBatch = (workflowId: string) => workflowId.startsWith(REPORT_TASKS_WORKFLOW_PREFIX);
export const reportTasksWorkflowId = (runId: string, batch: number) => `${REPORT_TASKS_WORKFLOW_PREFIX}${runId}:${String(batch).padStart(4, '0')}`;

/** Ends one task of a batch (its report was submitted); the same outcome as `step.complete` on a task of its own. */
export const completeReportTaskUpdate = defineUpdate<StepPlan, [CompleteStepInput & { stepKey: string }]>('reportTask.complete');
/** Each task of a batch: its plan and the notifications fired, by step key. */
export const reportTasksStateQuery = defineQuery<Record<string, StepState>>('reportTasks.state');

export interface ReportingRunResult {
  runId: string;
  opened: number;
  alreadyOpen: number;
}

/** A task's own workflow, in runs begun before batches (their tasks still run, and are closed, this way). */
export const reportStepWorkflowId = (runId: string, jurisdictionId: string) => `step:${runId}:${jurisdictionId}`;
