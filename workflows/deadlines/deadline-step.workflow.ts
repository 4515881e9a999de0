import { allHandlersFinished, condition, setHandler } from '@temporalio/workflow';
import {
  completeStepUpdate,
  extendStepUpdate,
  resumeStepUpdate,
  stepStateQuery,
  suspendStepUpdate,
  type OpenStepInput,
  type StepPlan,
} from './contract';
import { onceAccepted } from '../support/acceptance';
import { StepClock, writtenAlone } from './step-clock';

/**
 * A single step with its deadline, as a workflow of its own: used where a step stands alone
 * (a report task, a benchmark, the engine's tests) and as the model procedures embed.
 */
export async function deadlineStepWorkflow(input: OpenStepInput): Promise<StepPlan> {
  const clock = new StepClock(input);
  setHandler(stepStateQuery, () => clock.state);
  setHandler(completeStepUpdate, onceAccepted(async (update) => writtenAlone(await clock.complete(update))), {
    validator: (_update) => clock.validateComplete(),
  });
  setHandler(suspendStepUpdate, onceAccepted(async (update) => writtenAlone(await clock.suspend(update))), {
    validator: (update) => clock.validateSuspend(update),
  });
  setHandler(resumeStepUpdate, onceAccepted(async (update) => writtenAlone(await clock.resume(update))), {
    validator: (_update) => clock.validateResume(),
  });
  setHandler(extendStepUpdate, onceAccepted(async (update) => writtenAlone(await clock.extend(update))), {
    validator: (update) => clock.validateExtend(update),
  });

  await clock.open();
  const final = writtenAlone(await clock.run());
  await condition(allHandlersFinished);
  return final;
}
