import {
  defineSearchAttributeKey,
  SearchAttributeType,
  WorkflowExecutionAlreadyStartedError,
  WorkflowIdReusePolicy,
} from '@temporalio/common';
import { continueAsNew, ParentClosePolicy, proxyActivities, startChild, workflowInfo } from '@temporalio/workflow';
import type { createActivities } from '../../activities';
import { deadlineStepWorkflow } from '../deadlines/deadline-step.workflow';
import { reportTasksWorkflow } from './report-tasks.workflow';
import {
  isReportTasksBatch,
  reportTaskStepKey,
  type ReportingRunInput,
  type ReportingRunResult,
  type ReportTask,
  type ReportTaskPlan,
} from './reporting-contract';

const { beginReportingRun } = proxyActivities<ReturnType<typeof createActivities>>({
  startToCloseTimeout: '2 minutes',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute' },
});

/** Set by Temporal on every workflow a Schedule starts: the time the run was due, not when it began. */
const scheduledStartTime = defineSearchAttributeKey('TemporalScheduledStartTime', SearchAttributeType.DATETIME);

/** Children started per workflow task: keeps each task small when a cycle has thousands of units. */
const BATCH = 250;
/**
 * Children started per execution. Temporal caps the children a workflow has pending (running) at
 * 2,000, abandoned ones included, so a very large cycle continues as new before it gets there.
 */
const PER_EXECUTION = 1000;

/** A child to start: a batch of tasks (reportTasksWorkflow), or one task with a workflow of its own (runs begun before batches). */
interface ChildStart {
  workflowId: string;
  tasks: ReportTask[];
}

/** The plan's tasks grouped by the workflow that keeps them, in the plan's order. */
function childStarts(tasks: ReportTask[]): ChildStart[] {
  const starts: ChildStart[] = [];
  for (const task of tasks) {
    const last = starts.at(-1);
    if (last && last.workflowId === task.stepWorkflowId && isReportTasksBatch(task.stepWorkflowId)) last.tasks.push(task);
    else starts.push({ workflowId: task.stepWorkflowId, tasks: [task] });
  }
  return starts;
}


/**
 * One run of a reporting cycle: records the run with the cycle's configuration as it is now, then
 * opens one report task per unit, a deadline step (owner, due date, reminders, escalation ladder)
 * kept by a batch workflow of up to REPORT_TASKS_PER_BATCH tasks that outlives this one. Starting a
 * run twice for a period opens nothing twice.
 */
export async function reportingRunWorkflow(input: ReportingRunInput): Promise<ReportingRunResult> {
  const info = workflowInfo();
  const scheduledAt = info.typedSearchAttributes.get(scheduledStartTime) ?? info.startTime;
  const plan = await beginReportingRun({ ...input, scheduledAt: scheduledAt.toISOString() });
  const starts = childStarts(plan.tasks);

  const start = input.resume?.offset ?? 0;
  const end = Math.min(starts.length, start + PER_EXECUTION);
  let opened = input.resume?.opened ?? 0;
  let alreadyOpen = input.resume?.alreadyOpen ?? 0;
  for (let first = start; first < end; first += BATCH) {
    await Promise.all(
      starts.slice(first, Math.min(end, first + BATCH)).map(async (child) => {
        try {
          await startChildOf(plan, child);
          opened += child.tasks.length;
        } catch (error) {
          if (!(error instanceof WorkflowExecutionAlreadyStartedError)) throw error;
          alreadyOpen += child.tasks.length;
        }
      }),
    );
  }
  if (end < starts.length) {
    return continueAsNew<typeof reportingRunWorkflow>({
      ...input,
      periodKey: plan.periodKey,
      resume: { offset: end, opened, alreadyOpen },
    });
  }
  return { runId: plan.runId, opened, alreadyOpen };
}

function startChildOf(plan: ReportTaskPlan, child: ChildStart) {
  const options = {
    workflowId: child.workflowId,
    parentClosePolicy: ParentClosePolicy.ABANDON,
    workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
  };
  if (isReportTasksBatch(child.workflowId)) {
    return startChild(reportTasksWorkflow, { ...options, args: [{ runId: plan.runId, startDate: plan.startDate, tasks: child.tasks }] });
  }
  const [task] = child.tasks as [ReportTask];
  return startChild(deadlineStepWorkflow, {
    ...options,
    args: [
      {
        caseRef: plan.runId,
        stepKey: reportTaskStepKey(task),
        ruleKey: task.ruleKey,
        jurisdictionId: task.jurisdictionId,
        startDate: plan.startDate,
        ...(task.ownerAgencyId ? { ownerAgencyId: task.ownerAgencyId } : {}),
      },
    ],
  });
}
