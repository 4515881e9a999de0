import { allHandlersFinished, ApplicationFailure, condition, setHandler } from '@temporalio/workflow';
import { StepFailure, type StepState } from '../deadlines/contract';
import { Armory } from '../deadlines/armory';
import { StepClock, writtenAlone } from '../deadlines/step-clock';
import { onceAccepted } from '../support/acceptance';
import { completeReportTaskUpdate, reportTaskStepKey, reportTasksStateQuery, type ReportTasksInput } from './reporting-contract';

/**
 * A batch of one run's report tasks: one deadline step per unit, each a StepClock of its own
 * (owner, due date, reminders, escalation ladder), in one workflow. A national cycle opens 3,321
 * tasks; a workflow each was bounded by how fast the server starts workflows, and the rungs of the
 * same morning were as many workflow tasks. Here a batch's steps open together, and what its
 * clocks arm for one instant is armed together (Armory) and written at it by one activity. A task
 * ends with its report's first submission (`completeReportTaskUpdate`, naming the task's step
 * key); the batch ends with its last task.
 */
export async function reportTasksWorkflow(input: ReportTasksInput): Promise<number> {
  // The reminders and rungs its tasks arm for one instant go in one activity.
  const armory = new Armory();
  const clocks = new Map(
    input.tasks.map((task) => {
      const stepKey = reportTaskStepKey(task);
      const clock = new StepClock(
        {
          caseRef: input.runId,
          stepKey,
          ruleKey: task.ruleKey,
          jurisdictionId: task.jurisdictionId,
          startDate: input.startDate,
          ...(task.ownerAgencyId ? { ownerAgencyId: task.ownerAgencyId } : {}),
        },
        armory.arm,
      );
      return [stepKey, clock] as const;
    }),
  );
  const clockOf = (stepKey: string): StepClock => {
    const clock = clocks.get(stepKey);
    if (!clock)
      throw ApplicationFailure.create({ type: StepFailure.NOT_OPEN, message: `no report task ${stepKey} in this batch`, nonRetryable: true });
    return clock;
  };

  setHandler(reportTasksStateQuery, () => Object.fromEntries([...clocks].map(([stepKey, clock]) => [stepKey, clock.state])) as Record<string, StepState>);
  setHandler(
    completeReportTaskUpdate,
    onceAccepted(async ({ stepKey, ...update }) => writtenAlone(await clockOf(stepKey).complete(update))),
    { validator: ({ stepKey }) => clockOf(stepKey).validateComplete() },
  );

  await Promise.all([...clocks.values()].map((clock) => clock.open()));
  await Promise.all([...clocks.values()].map((clock) => clock.run()));
  await condition(allHandlersFinished);
  return clocks.size;
}
