import {
  defineSearchAttributeKey,
  SearchAttributeType,
  WorkflowExecutionAlreadyStartedError,
  WorkflowIdReusePolicy,
} from '@temporalio/common';
import { continueAsNew, ParentClosePolicy, proxyActivities, startChild, workflowInfo } from '@temporalio/workflow';
import type { createActivities } from '../../activities';
import { deadlineStepWorkflow } from '../deadlines/deadline-step.workflow';
import type { ReportingRunInput, ReportingRunResult } from './reporting-contract';

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
 * 2,000, abandoned ones included, so a national cycle continues as new before it gets there.
 */
const PER_EXECUTION = 1000;

/**
 * One run of a reporting cycle: records the run with the cycle's configuration as it is now, then
 * opens one report task per unit, each a deadline step of its own (owner, due date, reminders,
 * escalation ladder) that outlives this workflow. Starting a run twice for a period opens nothing twice.
 */
export async function reportingRunWorkflow(input: ReportingRunInput): Promise<ReportingRunResult> {
  const info = workflowInfo();
  const scheduledAt = info.typedSearchAttributes.get(scheduledStartTime) ?? info.startTime;
  const plan = await beginReportingRun({ ...input, scheduledAt: scheduledAt.toISOString() });

  const start = input.resume?.offset ?? 0;
  const end = Math.min(plan.tasks.length, start + PER_EXECUTION);
  let opened = input.resume?.opened ?? 0;
  let alreadyOpen = input.resume?.alreadyOpen ?? 0;
  for (let first = start; first < end; first += BATCH) {
    await Promise.all(
      plan.tasks.slice(first, Math.min(end, first + BATCH)).map(async (task) => {
        try {
          await startChild(deadlineStepWorkflow, {
            workflowId: task.stepWorkflowId,
            args: [
              {
                caseRef: plan.runId,
                stepKey: task.ownerAgencyId ?? task.jurisdictionId,
                ruleKey: task.ruleKey,
                jurisdictionId: task.jurisdictionId,
                startDate: plan.startDate,
                ...(task.ownerAgencyId ? { ownerAgencyId: task.ownerAgencyId } : {}),
              },
            ],
            parentClosePolicy: ParentClosePolicy.ABANDON,
            workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
          });
          opened += 1;
        } catch (error) {
          if (!(error instanceof WorkflowExecutionAlreadyStartedError)) throw error;
          alreadyOpen += 1;
        }
      }),
    );
  }
  if (end < plan.tasks.length) {
    return continueAsNew<typeof reportingRunWorkflow>({
      ...input,
      periodKey: plan.periodKey,
      resume: { offset: end, opened, alreadyOpen },
    });
  }
  return { runId: plan.runId, opened, alreadyOpen };
}
