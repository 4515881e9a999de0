import { WorkflowUpdateFailedError, type Client } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import type { Db } from '../db/client';
import { completeStepUpdate, StepFailure } from '../workflows/deadlines/contract';
import { completeReportTaskUpdate, isReportTasksBatch } from '../workflows/reporting/reporting-contract';

/** How long a submission waits for Temporal before answering that the task will close later. */
export const CLOSE_TASK_WAIT_MS = 5_000;

/** Reports closed per sweep: a backlog drains over the next sweeps rather than in one burst. */
const SWEEP_BATCH = 200;

export interface ReportTask {
  reportId: string;
  /** The workflow that keeps the task's clock: its batch's, or (runs begun before batches) its own. */
  stepWorkflowId: string;
  /** The task's step key in its run: the unit, or the agency reporting for itself. */
  stepKey: string;
  /** Who submitted the report: the step's completion is theirs. */
  actorId: string;
}

/**
 * Ends a submitted report's task (its deadline step), so its reminders and escalations stop. The
 * update id is the report's, so the API and the sweep may both send it and the step closes once;
 * a step already closed counts as done.
 */
export async function closeReportTask(client: Client, task: ReportTask, waitMs = CLOSE_TASK_WAIT_MS): Promise<void> {
  const handle = client.workflow.getHandle(task.stepWorkflowId);
  const completion = { actorId: task.actorId, outcome: 'report submitted' };
  const updateId = `report-submitted:${task.reportId}`;
  try {
    await client.withDeadline(Date.now() + waitMs, () =>
      isReportTasksBatch(task.stepWorkflowId)
        ? handle.executeUpdate(completeReportTaskUpdate, { args: [{ ...completion, stepKey: task.stepKey }], updateId })
        : handle.executeUpdate(completeStepUpdate, { args: [completion], updateId }),
    );
  } catch (error) {
    const cause = error instanceof WorkflowUpdateFailedError ? error.cause : undefined;
    if (cause instanceof ApplicationFailure && cause.type === StepFailure.NOT_OPEN) return;
    throw error;
  }
}

/**
 * Submitted reports whose task is still open: the submission was recorded but Temporal could not
 * be reached to close the task (the API answered `taskClosed: false`). The report step's id is
 * "<workflow id>/<step key>" (the unit, or the agency reporting for itself).
 */
export async function reportTasksLeftOpen(db: Db, limit = SWEEP_BATCH): Promise<ReportTask[]> {
  return db.$queryRaw<ReportTask[]>`
    SELECT r.id AS "reportId", r.step_workflow_id AS "stepWorkflowId", coalesce(r.reporter_agency_id, r.jurisdiction_id) AS "stepKey",
      v.submitted_by::text AS "actorId"
    FROM reports r
    JOIN steps s ON s.id = r.step_workflow_id || '/' || coalesce(r.reporter_agency_id, r.jurisdiction_id)
    JOIN report_versions v ON v.report_id = r.id AND v.version = 1
    WHERE r.status = 'SUBMITTED' AND s.status IN ('OPEN', 'SUSPENDED')
    ORDER BY r.first_submitted_at
    LIMIT ${limit}`;
}

/** Closes the tasks of reports submitted while Temporal was unreachable; the worker runs it periodically. */
export async function closeTasksLeftOpen(db: Db, client: Client): Promise<{ closed: number; failed: number }> {
  let closed = 0;
  let failed = 0;
  for (const task of await reportTasksLeftOpen(db)) {
    try {
      await closeReportTask(client, task);
      closed += 1;
    } catch {
      failed += 1; // still open: the next sweep tries again
    }
  }
  return { closed, failed };
}
